using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Reports;
using WeComGuard.Core.Storage;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Audits;

[Trait("Needs", "Azurite")]
public sealed partial class AuditReportTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset T = new(2026, 11, 28, 18, 0, 0, TimeSpan.Zero);

    private static AuditReport Report(string runId = "20261128T180000Z-0000abcd")
    {
        var findings = new List<Finding>
        {
            AuditRuleCatalog.NameMismatch.CreateFinding("zhangsan", new JsonObject { ["wecomName"] = "张三", ["rosterName"] = "张叁, \"老张\"" }, "销售部"),
            AuditRuleCatalog.DepartedStillEnabled.CreateFinding("=cmd|'/c calc'!A1", new JsonObject { ["terminationDate"] = "2026-11-20" }, "研发部"),
            AuditRuleCatalog.MissingPosition.CreateFinding("<script>alert(1)</script>", [], null),
        };
        return new AuditReport(
            "accounts", runId, "succeeded", T, T, T.AddMinutes(2), findings,
            new HashSet<FindingKey> { new("account.name-mismatch", "zhangsan") },
            [new ResolvedFinding("account.not-in-roster", "stranger", "medium", "销售部", T.AddDays(-3))],
            [], [new RosterProblem(5, "status is neither active nor terminated", "E4", "139****5678", null)],
            new Dictionary<string, int> { ["members"] = 3 }, null);
    }

    private static string File(IReadOnlyList<ReportFile> files, string name, bool keepBom = false)
    {
        var bytes = files.Single(file => file.Name == name).Content.ToArray();
        return keepBom ? Encoding.UTF8.GetString(bytes) : new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
    }

    [Fact]
    public void Findings_jsonl_has_one_parseable_object_per_finding()
    {
        var lines = File(AuditReportRenderer.Render(Report()), ReportPaths.FindingsJsonl).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        var first = JsonNode.Parse(lines[0])!.AsObject();
        Assert.Equal(["rule", "subject", "severity", "handbook", "title", "details"], first.Select(property => property.Key));
        Assert.Equal(("account.name-mismatch", "zhangsan", "medium", "§1.2.1"), (first["rule"]!.GetValue<string>(), first["subject"]!.GetValue<string>(), first["severity"]!.GetValue<string>(), first["handbook"]!.GetValue<string>()));
        Assert.Equal("张叁, \"老张\"", first["details"]!["rosterName"]!.GetValue<string>());
        Assert.Contains("张三", lines[0], StringComparison.Ordinal); // Chinese as-is, not \u escapes
    }

    [Fact]
    public void Findings_csv_starts_with_a_bom_and_parses_back()
    {
        var files = AuditReportRenderer.Render(Report());
        var bytes = files.Single(file => file.Name == ReportPaths.FindingsCsv).Content.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);

        var records = RosterCsvReaderAccess.Read(File(files, ReportPaths.FindingsCsv));

        Assert.Equal(["rule", "subject", "severity", "handbook", "title", "department", "new", "details", "description"], records[0]);
        Assert.Equal(4, records.Count);
        Assert.Equal(["account.name-mismatch", "zhangsan", "medium", "§1.2.1", "姓名与花名册不一致 (Name differs from the HR roster)", "销售部", "yes"], records[1][..7]);
        Assert.Equal("张叁, \"老张\"", JsonNode.Parse(records[1][7])!["rosterName"]!.GetValue<string>());
        // A subject Excel would run as a formula is neutralised.
        Assert.Equal("'=cmd|'/c calc'!A1", records[2][1]);
    }

    [Fact]
    public void Summary_json_counts_by_rule_severity_department_new_and_resolved()
    {
        var summary = JsonNode.Parse(File(AuditReportRenderer.Render(Report()), ReportPaths.SummaryJson))!;

        Assert.Equal((3, 1, 1), (summary["totals"]!["findings"]!.GetValue<int>(), summary["totals"]!["new"]!.GetValue<int>(), summary["totals"]!["resolved"]!.GetValue<int>()));
        Assert.Equal((1, 1, 1), (summary["bySeverity"]!["high"]!.GetValue<int>(), summary["bySeverity"]!["medium"]!.GetValue<int>(), summary["bySeverity"]!["low"]!.GetValue<int>()));
        Assert.Equal(["account.departed-still-enabled", "account.name-mismatch", "account.not-in-roster", "account.missing-position"],
            summary["byRule"]!.AsArray().Select(rule => rule!["rule"]!.GetValue<string>()));
        Assert.Equal(["(none)", "研发部", "销售部"], summary["byDepartment"]!.AsArray().Select(entry => entry!["department"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal("stranger", summary["resolved"]![0]!["subject"]!.GetValue<string>());
        Assert.Equal("139****5678", summary["rosterProblems"]![0]!["mobile"]!.GetValue<string>());
    }

    [Fact]
    public void Summary_html_is_one_self_contained_page_with_charts()
    {
        var html = File(AuditReportRenderer.Render(Report()), ReportPaths.SummaryHtml);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal(4, SvgPattern().Count(html)); // rule, severity, department, new/resolved
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(ExternalReferencePattern(), html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("account.departed-still-enabled", html, StringComparison.Ordinal);
        Assert.Contains("研发部", html, StringComparison.Ordinal);
        Assert.Contains("139****5678", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_blobs_are_written_once_and_never_overwritten()
    {
        var store = new AuditReportStore(storage.Clients);
        var report = Report("20261128T180000Z-imm00001");
        await store.WriteAsync(report.BlobPrefix, AuditReportRenderer.Render(report), CancellationToken.None);

        var again = report with { Findings = [] };
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync(report.BlobPrefix, AuditReportRenderer.Render(again), CancellationToken.None));

        Assert.Equal("accounts/2026/11/29/20261128T180000Z-imm00001/", report.BlobPrefix);
        var blob = storage.Clients.Container(StorageNames.AuditReportsContainer).GetBlobClient(report.BlobPrefix + ReportPaths.FindingsJsonl);
        var content = (await blob.DownloadContentAsync()).Value;
        Assert.Equal(3, content.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("application/x-ndjson", content.Details.ContentType, StringComparison.Ordinal);
    }

    [GeneratedRegex("<svg ")]
    private static partial Regex SvgPattern();

    // Any src/href attribute: the page must not load anything.
    [GeneratedRegex(@"\s(src|href)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReferencePattern();
}
