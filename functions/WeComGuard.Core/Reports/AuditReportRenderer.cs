using System.Text;
using WeComGuard.Core.Audits;

namespace WeComGuard.Core.Reports;

/// <summary>Renders a run's report files: findings.jsonl, findings.csv (UTF-8 with BOM, for Excel), summary.json and summary.html.</summary>
public static class AuditReportRenderer
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    public static IReadOnlyList<ReportFile> Render(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var summary = new ReportSummary(report);

        var jsonl = new StringBuilder();
        foreach (var finding in report.Findings)
        {
            jsonl.Append(FindingJson.ToLine(finding)).Append('\n');
        }

        var csv = new StringBuilder();
        CsvWriter.AppendRow(csv, ["rule", "subject", "severity", "handbook", "title", "department", "new", "details", "description"]);
        foreach (var finding in report.Findings)
        {
            CsvWriter.AppendRow(csv,
            [
                finding.Rule, finding.Subject, finding.Severity.ToName(), finding.Handbook, finding.Title, finding.Department,
                report.IsNew(finding) ? "yes" : string.Empty, finding.Details.ToJsonString(ReportJson.Options), FindingSentences.Describe(finding),
            ]);
        }

        return
        [
            new ReportFile(ReportPaths.FindingsJsonl, "application/x-ndjson; charset=utf-8", Utf8NoBom.GetBytes(jsonl.ToString())),
            new ReportFile(ReportPaths.FindingsCsv, "text/csv; charset=utf-8", (byte[])[.. Encoding.UTF8.GetPreamble(), .. Utf8NoBom.GetBytes(csv.ToString())]),
            new ReportFile(ReportPaths.SummaryJson, "application/json; charset=utf-8", Utf8NoBom.GetBytes(summary.ToJson().ToJsonString(ReportJson.Options))),
            new ReportFile(ReportPaths.SummaryHtml, "text/html; charset=utf-8", Utf8NoBom.GetBytes(SummaryHtmlRenderer.Render(summary))),
        ];
    }
}
