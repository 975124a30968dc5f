using System.Text.Json.Nodes;
using WeComGuard.Core.Audits;

namespace WeComGuard.Core.Reports;

/// <summary>The JSON form of a finding in findings.jsonl and the CLI: {rule, subject, severity, handbook, title, details}.</summary>
public static class FindingJson
{
    public static JsonObject ToJson(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new JsonObject
        {
            ["rule"] = finding.Rule,
            ["subject"] = finding.Subject,
            ["severity"] = finding.Severity.ToName(),
            ["handbook"] = finding.Handbook,
            ["title"] = finding.Title,
            ["details"] = finding.Details.DeepClone(),
        };
    }

    public static string ToLine(Finding finding) => ToJson(finding).ToJsonString(ReportJson.Options);
}
