using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits;

/// <summary>
/// One rule violation seen by an audit run. (<see cref="Rule"/>, <see cref="Subject"/>) identifies it across runs;
/// <see cref="Department"/> is only used to group findings in reports.
/// </summary>
public sealed record Finding(
    string Rule,
    string Subject,
    FindingSeverity Severity,
    string Handbook,
    string Title,
    JsonObject Details,
    string? Department = null);
