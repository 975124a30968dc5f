using System.Globalization;
using System.Net;
using System.Text;
using WeComGuard.Core.Audits;

namespace WeComGuard.Core.Reports;

/// <summary>
/// Renders summary.html: one self-contained page (inline CSS and SVG, no scripts, fonts or external resources) that a
/// security officer can open straight from the storage portal.
/// </summary>
internal static class SummaryHtmlRenderer
{
    private const int MaxFindingRows = 1000;

    /// <summary>The pages' shared CSS (summary.html and the index).</summary>
    internal const string Style =
        "body{font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;margin:24px;color:#1f2933;}" +
        "h1{font-size:22px;}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #d9e2ec;padding-bottom:4px;}" +
        "table{border-collapse:collapse;font-size:13px;}td,th{border:1px solid #d9e2ec;padding:4px 8px;text-align:left;vertical-align:top;}" +
        "th{background:#f0f4f8;}.high{color:#c62828;font-weight:600;}.medium{color:#ef6c00;}.low{color:#546e7a;}" +
        ".cards{display:flex;gap:12px;flex-wrap:wrap;}.card{border:1px solid #d9e2ec;border-radius:6px;padding:10px 16px;min-width:110px;}" +
        ".card b{display:block;font-size:24px;}.warn{background:#fff4e5;border:1px solid #ffb74d;padding:8px;border-radius:4px;}" +
        "code{font-size:12px;}";

    public static string Render(ReportSummary summary)
    {
        var report = summary.Report;
        var html = new StringBuilder(16_384);
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>WeCom Guard 审计报告 ").Append(E(report.Audit)).Append(' ').Append(E(report.RunId)).Append("</title>");
        html.Append("<style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>WeCom Guard 审计报告 (Audit report): ").Append(E(report.Audit)).Append("</h1>");
        html.Append("<p>Run <code>").Append(E(report.RunId)).Append("</code> · status <b>").Append(E(report.Status)).Append("</b> · as of ")
            .Append(E(report.AsOf.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss 'CST'", CultureInfo.InvariantCulture))).Append("</p>");
        if (report.Error is not null)
        {
            html.Append("<p class=\"warn\">Error: ").Append(E(report.Error)).Append("</p>");
        }

        foreach (var reason in report.IncompleteReasons)
        {
            html.Append("<p class=\"warn\">Incomplete (nothing was resolved): ").Append(E(reason)).Append("</p>");
        }

        foreach (var skipped in report.SkippedRules)
        {
            html.Append("<p class=\"warn\">Skipped rule <code>").Append(E(skipped.Rule)).Append("</code>: ").Append(E(skipped.Reason)).Append("</p>");
        }

        html.Append("<div class=\"cards\">");
        Card(html, "发现 Findings", report.Findings.Count.ToString(CultureInfo.InvariantCulture));
        Card(html, "新增 New", report.NewFindings is null ? "n/a" : summary.NewCount.ToString(CultureInfo.InvariantCulture));
        Card(html, "已解决 Resolved", report.Resolved is null ? "n/a" : summary.ResolvedCount.ToString(CultureInfo.InvariantCulture));
        Card(html, "已豁免 Waived", report.Waived is null ? "n/a" : report.Findings.Count(report.IsWaived).ToString(CultureInfo.InvariantCulture));
        foreach (var (severity, count) in summary.BySeverity)
        {
            Card(html, severity, count.ToString(CultureInfo.InvariantCulture));
        }

        html.Append("</div>");

        html.Append("<h2>按规则与严重程度 By rule and severity</h2>");
        BarChart(html, "findings by rule", [.. summary.ByRule.Select(rule => (rule.Rule, rule.Count, SeverityColor(rule.Severity)))]);
        html.Append("<h2>按严重程度 By severity</h2>");
        BarChart(html, "findings by severity", [.. summary.BySeverity.Select(entry => (entry.Severity, entry.Count, SeverityColor(entry.Severity)))]);
        html.Append("<h2>按部门 By department</h2>");
        BarChart(html, "findings by department", [.. summary.ByDepartment.Take(25).Select(entry => (entry.Department, entry.Count, "#5c6bc0"))]);
        html.Append("<h2>自上次运行以来 New and resolved since the last run</h2>");
        if (report.NewFindings is null)
        {
            html.Append("<p>This run kept no finding history, so changes since the last run are not known.</p>");
        }
        else
        {
            BarChart(html, "new and resolved", [.. summary.ByRule.SelectMany(rule => new[]
            {
                ($"{rule.Rule} new", rule.New, "#e53935"),
                ($"{rule.Rule} resolved", rule.Resolved, "#43a047"),
            }).Where(bar => bar.Item2 > 0)]);
        }

        html.Append("<h2>规则 Rules</h2><table><tr><th>Rule</th><th>Title</th><th>Severity</th><th>Open</th><th>New</th><th>Resolved</th></tr>");
        foreach (var rule in summary.ByRule)
        {
            html.Append("<tr><td><code>").Append(E(rule.Rule)).Append("</code></td><td>").Append(E(rule.Title)).Append("</td><td class=\"")
                .Append(E(rule.Severity)).Append("\">").Append(E(rule.Severity)).Append("</td><td>").Append(rule.Count)
                .Append("</td><td>").Append(rule.New).Append("</td><td>").Append(rule.Resolved).Append("</td></tr>");
        }

        html.Append("</table>");

        html.Append("<h2>发现明细 Findings</h2>");
        if (report.Findings.Count > MaxFindingRows)
        {
            html.Append("<p>Showing the first ").Append(MaxFindingRows).Append(" of ").Append(report.Findings.Count)
                .Append("; findings.csv and findings.jsonl hold them all.</p>");
        }

        html.Append("<table><tr><th>Severity</th><th>Rule</th><th>Subject</th><th>Handbook</th><th>Department</th><th>New</th><th>说明 Details</th></tr>");
        foreach (var finding in report.Findings
            .OrderByDescending(finding => finding.Severity).ThenBy(finding => finding.Rule, StringComparer.Ordinal).ThenBy(finding => finding.Subject, StringComparer.Ordinal)
            .Take(MaxFindingRows))
        {
            var severity = finding.Severity.ToName();
            html.Append("<tr><td class=\"").Append(severity).Append("\">").Append(severity).Append("</td><td><code>").Append(E(finding.Rule))
                .Append("</code></td><td>").Append(E(finding.Subject)).Append("</td><td>").Append(E(finding.Handbook)).Append("</td><td>")
                .Append(E(finding.Department ?? ReportSummary.NoDepartment)).Append("</td><td>").Append(string.Join(' ', new[] { report.IsNew(finding) ? "new" : null, report.IsWaived(finding) ? "waived" : null }.Where(tag => tag is not null)))
                .Append("</td><td>").Append(E(FindingSentences.Describe(finding))).Append("</td></tr>");
        }

        html.Append("</table>");

        if (report.Resolved is { Count: > 0 } resolved)
        {
            html.Append("<h2>已解决 Resolved by this run</h2><table><tr><th>Rule</th><th>Subject</th><th>Severity</th><th>First seen</th></tr>");
            foreach (var finding in resolved.Take(MaxFindingRows))
            {
                html.Append("<tr><td><code>").Append(E(finding.Rule)).Append("</code></td><td>").Append(E(finding.Subject)).Append("</td><td>")
                    .Append(E(finding.Severity)).Append("</td><td>").Append(E(finding.FirstSeen.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
                    .Append("</td></tr>");
            }

            html.Append("</table>");
        }

        if (report.RosterProblems.Count > 0)
        {
            html.Append("<h2>花名册问题行 Roster rows skipped</h2><table><tr><th>Row</th><th>Reason</th><th>Employee id</th><th>Mobile</th><th>Email</th></tr>");
            foreach (var problem in report.RosterProblems)
            {
                html.Append("<tr><td>").Append(problem.RowNumber).Append("</td><td>").Append(E(problem.Reason)).Append("</td><td>")
                    .Append(E(problem.EmployeeId)).Append("</td><td>").Append(E(problem.MaskedMobile)).Append("</td><td>")
                    .Append(E(problem.MaskedEmail)).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<p style=\"margin-top:32px;color:#829ab1;font-size:12px\">Generated by WeCom Guard.</p></body></html>\n");
        return html.ToString();
    }

    private static void Card(StringBuilder html, string label, string value) =>
        html.Append("<div class=\"card\">").Append(E(label)).Append("<b>").Append(E(value)).Append("</b></div>");

    private static void BarChart(StringBuilder html, string label, IReadOnlyList<(string Label, int Value, string Color)> bars)
    {
        if (bars.Count == 0 || bars.All(bar => bar.Value == 0))
        {
            html.Append("<p>None.</p>");
            return;
        }

        const int labelWidth = 300;
        const int barArea = 420;
        const int rowHeight = 22;
        var max = Math.Max(1, bars.Max(bar => bar.Value));
        var height = (bars.Count * rowHeight) + 8;
        html.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{E(label)}\" width=\"{labelWidth + barArea + 60}\" height=\"{height}\" font-size=\"12\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var (text, value, color) = bars[i];
            var y = (i * rowHeight) + 4;
            var width = value == 0 ? 0 : Math.Max(2, (int)Math.Round((double)value / max * barArea));
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 6}\" y=\"{y + 14}\" text-anchor=\"end\">{E(text)}</text>");
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 2}\" width=\"{width}\" height=\"{rowHeight - 6}\" fill=\"{color}\"><title>{E(text)}: {value}</title></rect>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + width + 6}\" y=\"{y + 14}\">{value}</text>");
        }

        html.Append("</svg>");
    }

    internal static string SeverityColor(string severity) => severity switch
    {
        "high" => "#c62828",
        "medium" => "#ef6c00",
        _ => "#78909c",
    };

    internal static string E(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);
}
