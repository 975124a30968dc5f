using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Runs;
using WeComGuard.Core.Remediation;
using WeComGuard.Core.Reports;
using WeComGuard.Core.Reports.Index;
using WeComGuard.Core.Storage;
using WeComGuard.Tests.Audits;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Reports;

/// <summary>audit-index/index.html on Azurite, rewritten by every audit run: each run linked, the latest first, the trend, time to resolve, waivers.</summary>
[Trait("Needs", "Azurite"), Trait("Needs", "Chromium")]
public sealed partial class AuditIndexTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset T = new(2026, 11, 28, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_run_rewrites_the_index_which_links_every_run_and_shows_the_latest_trend_resolution_and_waivers()
    {
        var harness = new AuditHarness(storage.Clients, T);
        var runner = harness.Get<AuditRunner>();
        var hostile = "<script>alert(1)</script>";
        var first = await RunAsync(runner,
            AuditRuleCatalog.DepartedStillEnabled.CreateFinding("lisi", new JsonObject { ["terminationDate"] = "2026-11-20", ["status"] = 1 }),
            AuditRuleCatalog.MissingPosition.CreateFinding(hostile, new JsonObject { ["name"] = "张三" }),
            AuditRuleCatalog.MissingPosition.CreateFinding("wangwu", []));
        var afterFirst = await ReadIndexAsync();
        Assert.Contains(first.RunId, afterFirst, StringComparison.Ordinal);

        await harness.Get<WaiverStore>().WaiveAsync(AuditRuleCatalog.MissingPosition.Id, "wangwu", 30, "共享服务账号 & <b>bot</b>", "secadmin", T.AddHours(1), CancellationToken.None);
        harness.Time.SetUtcNow(T.AddDays(2));
        // lisi's account was disabled: the second run no longer sees it, so it resolves two days after it was first seen.
        var second = await RunAsync(runner,
            AuditRuleCatalog.MissingPosition.CreateFinding(hostile, new JsonObject { ["name"] = "张三" }),
            AuditRuleCatalog.MissingPosition.CreateFinding("wangwu", []));
        var html = await ReadIndexAsync();

        Assert.NotEqual(afterFirst, html);
        var links = LinkPattern().Matches(html).Select(match => match.Groups["href"].Value).ToList();
        Assert.Contains($"../{first.ReportPath}summary.html", links);
        Assert.Contains($"../{second.ReportPath}summary.html", links);
        // The latest run of each audit comes first on the page.
        Assert.True(html.IndexOf(second.RunId, StringComparison.Ordinal) < html.IndexOf(first.RunId, StringComparison.Ordinal), "the latest run should come first");
        Assert.Contains("open findings by severity over the last 2 runs", html, StringComparison.Ordinal);
        Assert.Matches(RuleResolutionRow(AuditRuleCatalog.DepartedStillEnabled.Id, open: 0, resolved: 1, "2 days"), html);
        Assert.Matches(RuleResolutionRow(AuditRuleCatalog.MissingPosition.Id, open: 2, resolved: 0, "n/a"), html);
        Assert.Contains("豁免 Waivers in force (1)", html, StringComparison.Ordinal);
        Assert.Contains("<td>已豁免 waived</td><td><code>account.missing-position</code></td><td>wangwu</td><td>共享服务账号 &amp; &lt;b&gt;bot&lt;/b&gt;</td>", html, StringComparison.Ordinal);
        var secondRun = await harness.Get<AuditRunStore>().GetAsync(AuditNames.Accounts, second.RunId, CancellationToken.None);
        Assert.Equal(1, secondRun!.WaivedCount);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(ExternalReferencePattern(), html);
    }

    [Fact]
    public async Task Index_page_renders_in_Chromium_its_Chinese_drawn_with_real_glyphs_and_its_links_reach_the_run_pages()
    {
        var harness = new AuditHarness(storage.Clients, T.AddDays(10));
        var run = await RunAsync(harness.Get<AuditRunner>(), AuditRuleCatalog.GroupOwnerDeparted.CreateFinding("wrGone", new JsonObject { ["name"] = "华东客户群", ["owner"] = "zhangsan", ["reason"] = "roster-terminated" }), audit: AuditNames.Groups);
        // Laid out as the storage account is: {container}/{blob}, which is what the local run copies too.
        var directory = RepoPaths.CreateScratchDirectory("audit-index");
        var index = Path.Combine(directory, StorageNames.AuditIndexContainer, AuditIndexStore.IndexBlob);
        Directory.CreateDirectory(Path.GetDirectoryName(index)!);
        await File.WriteAllTextAsync(index, await ReadIndexAsync());
        var summary = Path.Combine(directory, run.ReportPath!, ReportPaths.SummaryHtml);
        Directory.CreateDirectory(Path.GetDirectoryName(summary)!);
        var summaryBlob = storage.Clients.Container(StorageNames.AuditReportsContainer).GetBlobClient(run.ReportPath![(StorageNames.AuditReportsContainer.Length + 1)..] + ReportPaths.SummaryHtml);
        await summaryBlob.DownloadToAsync(summary);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        await using var browser = await ChromiumDevTools.OpenAsync(index, directory, timeout.Token);
        var fonts = await browser.PlatformFontsAsync(await browser.QuerySelectorAsync("h1", timeout.Token), timeout.Token);
        var linked = await browser.CallAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = $"fetch(document.querySelector('a[href*=\"{run.RunId}\"]').href).then(r => r.text()).then(t => t.includes('华东客户群'))",
            ["awaitPromise"] = true,
            ["returnByValue"] = true,
        }, timeout.Token);

        Assert.Contains(fonts, font => font.Family.Contains("CJK", StringComparison.Ordinal));
        Assert.True(linked["result"]?["value"]?.GetValue<bool>() ?? false, $"the index's link should open the run's summary.html: {linked.ToJsonString()}");
    }

    private static async Task<AuditRunResult> RunAsync(AuditRunner runner, params Finding[] findings) => await RunAsync(runner, findings, AuditNames.Accounts);

    private static Task<AuditRunResult> RunAsync(AuditRunner runner, Finding finding, string audit) => RunAsync(runner, [finding], audit);

    private static Task<AuditRunResult> RunAsync(AuditRunner runner, Finding[] findings, string audit) => runner.RunAsync(
        audit,
        (_, _) => Task.FromResult(new AuditOutcome(findings, [.. AuditRuleCatalog.All.Select(rule => rule.Id)], [], [], new Dictionary<string, int>())),
        CancellationToken.None);

    private async Task<string> ReadIndexAsync() =>
        (await storage.Clients.Container(StorageNames.AuditIndexContainer).GetBlobClient(AuditIndexStore.IndexBlob).DownloadContentAsync()).Value.Content.ToString();

    private static Regex RuleResolutionRow(string rule, int open, int resolved, string mean) =>
        new($"<code>{Regex.Escape(rule)}</code></td><td>[^<]*</td><td>{open}</td><td>{resolved}</td><td>{Regex.Escape(mean)}</td>");

    [GeneratedRegex("href=\"(?<href>[^\"]*)\"")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("(?:src|href)\\s*=\\s*\"(?:https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReferencePattern();
}
