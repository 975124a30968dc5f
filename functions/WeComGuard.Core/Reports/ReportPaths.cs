using System.Globalization;
using WeComGuard.Core.Audits;

namespace WeComGuard.Core.Reports;

/// <summary>Where a run's report lives in container <c>audit-reports</c>, and its file names.</summary>
public static class ReportPaths
{
    public const string FindingsJsonl = "findings.jsonl";
    public const string FindingsCsv = "findings.csv";
    public const string SummaryJson = "summary.json";
    public const string SummaryHtml = "summary.html";

    public static string Prefix(string audit, DateTimeOffset started, string runId)
    {
        var date = ChinaTime.DateOf(started);
        return string.Create(CultureInfo.InvariantCulture, $"{audit}/{date:yyyy}/{date:MM}/{date:dd}/{runId}/");
    }
}
