using System.Text.Json.Nodes;
using WeComGuard.Core.Audits;

namespace WeComGuard.Core.Reports;

/// <summary>The figures of summary.json and summary.html: totals, by rule, by severity, by department, new and resolved.</summary>
public sealed class ReportSummary
{
    public const string NoDepartment = "(none)";

    public ReportSummary(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Report = report;
        var titles = AuditRuleCatalog.All.ToDictionary(rule => rule.Id, rule => rule, StringComparer.Ordinal);
        ByRule = report.Findings
            .GroupBy(finding => finding.Rule, StringComparer.Ordinal)
            .Select(group => new RuleCount(
                group.Key,
                titles.TryGetValue(group.Key, out var rule) ? rule.Title : group.First().Title,
                group.First().Severity.ToName(),
                group.Count(),
                group.Count(report.IsNew),
                report.Resolved?.Count(resolved => resolved.Rule == group.Key) ?? 0))
            .Concat((report.Resolved ?? [])
                .Where(resolved => report.Findings.All(finding => finding.Rule != resolved.Rule))
                .GroupBy(resolved => resolved.Rule, StringComparer.Ordinal)
                .Select(group => new RuleCount(
                    group.Key, titles.TryGetValue(group.Key, out var rule) ? rule.Title : group.Key, group.First().Severity, 0, 0, group.Count())))
            .OrderByDescending(count => FindingSeverityNames.Parse(count.Severity))
            .ThenBy(count => count.Rule, StringComparer.Ordinal)
            .ToList();
        BySeverity = new[] { FindingSeverity.High, FindingSeverity.Medium, FindingSeverity.Low }
            .Select(severity => (severity.ToName(), report.Findings.Count(finding => finding.Severity == severity)))
            .ToList();
        ByDepartment = report.Findings
            .GroupBy(finding => finding.Department ?? NoDepartment, StringComparer.Ordinal)
            .Select(group => (group.Key, group.Count()))
            .OrderByDescending(entry => entry.Item2)
            .ThenBy(entry => entry.Key, StringComparer.Ordinal)
            .ToList();
        NewCount = report.Findings.Count(report.IsNew);
    }

    public AuditReport Report { get; }

    public IReadOnlyList<RuleCount> ByRule { get; }

    public IReadOnlyList<(string Severity, int Count)> BySeverity { get; }

    public IReadOnlyList<(string Department, int Count)> ByDepartment { get; }

    public int NewCount { get; }

    public int ResolvedCount => Report.Resolved?.Count ?? 0;

    public JsonObject ToJson()
    {
        var report = Report;
        return new JsonObject
        {
            ["audit"] = report.Audit,
            ["runId"] = report.RunId,
            ["status"] = report.Status,
            ["asOf"] = report.AsOf,
            ["started"] = report.Started,
            ["finished"] = report.Finished,
            ["error"] = report.Error,
            ["totals"] = new JsonObject
            {
                ["findings"] = report.Findings.Count,
                ["new"] = report.NewFindings is null ? null : NewCount,
                ["resolved"] = report.Resolved is null ? null : ResolvedCount,
                ["waived"] = report.Waived is null ? null : report.Findings.Count(report.IsWaived),
            },
            ["inputs"] = new JsonObject([.. report.Inputs.Select(input => KeyValuePair.Create(input.Key, (JsonNode?)input.Value))]),
            ["incomplete"] = new JsonArray([.. report.IncompleteReasons.Select(reason => (JsonNode)reason)]),
            ["evaluatedRules"] = new JsonArray([.. report.EvaluatedRules.Order(StringComparer.Ordinal).Select(rule => (JsonNode)rule)]),
            ["skippedRules"] = new JsonArray([.. report.SkippedRules.Select(skipped => (JsonNode)new JsonObject
            {
                ["rule"] = skipped.Rule,
                ["reason"] = skipped.Reason,
            })]),
            ["byRule"] = new JsonArray([.. ByRule.Select(count => (JsonNode)new JsonObject
            {
                ["rule"] = count.Rule,
                ["title"] = count.Title,
                ["severity"] = count.Severity,
                ["count"] = count.Count,
                ["new"] = count.New,
                ["resolved"] = count.Resolved,
            })]),
            ["bySeverity"] = new JsonObject([.. BySeverity.Select(entry => KeyValuePair.Create(entry.Severity, (JsonNode?)entry.Count))]),
            ["byDepartment"] = new JsonArray([.. ByDepartment.Select(entry => (JsonNode)new JsonObject
            {
                ["department"] = entry.Department,
                ["count"] = entry.Count,
            })]),
            ["new"] = new JsonArray([.. report.Findings.Where(report.IsNew).Select(finding => (JsonNode)new JsonObject
            {
                ["rule"] = finding.Rule,
                ["subject"] = finding.Subject,
            })]),
            ["resolved"] = new JsonArray([.. (report.Resolved ?? []).Select(resolved => (JsonNode)new JsonObject
            {
                ["rule"] = resolved.Rule,
                ["subject"] = resolved.Subject,
                ["severity"] = resolved.Severity,
                ["firstSeen"] = resolved.FirstSeen,
            })]),
            ["rosterProblems"] = new JsonArray([.. report.RosterProblems.Select(problem => (JsonNode)new JsonObject
            {
                ["row"] = problem.RowNumber,
                ["reason"] = problem.Reason,
                ["employeeId"] = problem.EmployeeId,
                ["mobile"] = problem.MaskedMobile,
                ["email"] = problem.MaskedEmail,
            })]),
        };
    }

    /// <summary>One rule's line in the summary.</summary>
    public sealed record RuleCount(string Rule, string Title, string Severity, int Count, int New, int Resolved);
}
