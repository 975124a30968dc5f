using WeComGuard.Core.Remediation;

namespace WeComGuard.Core.Audits.Findings;

/// <summary>
/// A row of <c>Findings</c> as operators see it: <see cref="Status"/> is <c>open</c>, <c>waived</c> (open, with a
/// waiver in force) or <c>resolved</c>. An expired waiver leaves the finding open again.
/// </summary>
public sealed record FindingView(
    string Rule,
    string Subject,
    string Severity,
    string Handbook,
    string Title,
    string? Department,
    string Details,
    DateTimeOffset FirstSeen,
    DateTimeOffset? LastSeen,
    string Status,
    Waiver? Waiver)
{
    public const string StatusWaived = "waived";

    public FindingKey Key => new(Rule, Subject);

    public bool IsOpen => Status == FindingEntityColumns.StatusOpen;
}
