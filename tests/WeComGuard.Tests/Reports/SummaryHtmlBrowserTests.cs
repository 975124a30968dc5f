using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Reports;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Reports;

/// <summary>summary.html as a security officer sees it: rendered by headless Chromium (Debian's package), charts drawn, no console errors.</summary>
[Trait("Needs", "Chromium")]
public sealed partial class SummaryHtmlBrowserTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 28, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Summary_page_renders_its_charts_in_Chromium_with_no_console_errors()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Chromium is not installed: ./scripts/test.sh installs Debian's chromium package (apt-get install chromium).");
        var directory = RepoPaths.CreateScratchDirectory("summary-html");
        var page = Path.Combine(directory, "summary.html");
        var findings = new List<Finding>();
        for (var i = 0; i < 12; i++)
        {
            findings.Add(AuditRuleCatalog.MissingPosition.CreateFinding($"user{i}", [], i % 3 == 0 ? "销售部" : "研发部"));
        }

        findings.Add(AuditRuleCatalog.DepartedStillEnabled.CreateFinding("lisi", new JsonObject { ["terminationDate"] = "2026-11-20" }, "财务部"));
        findings.Add(AuditRuleCatalog.NameMismatch.CreateFinding("zhangsan", new JsonObject { ["wecomName"] = "张三", ["rosterName"] = "张叁" }, "销售部"));
        var report = new AuditReport("accounts", "20261128T180000Z-0000abcd", "succeeded", T, T, T.AddMinutes(2), findings,
            new HashSet<FindingKey> { new("account.name-mismatch", "zhangsan") },
            [new ResolvedFinding("account.not-in-roster", "stranger", "medium", "销售部", T.AddDays(-3))],
            [], [], new Dictionary<string, int> { ["members"] = 14 }, null);
        var html = AuditReportRenderer.Render(report).Single(f => f.Name == ReportPaths.SummaryHtml);
        await File.WriteAllBytesAsync(page, html.Content.ToArray());

        var (exit, dom, log) = await RunChromiumAsync(chromium, directory, "--dump-dom", new Uri(page).AbsoluteUri);
        await RunChromiumAsync(chromium, directory, $"--screenshot={Path.Combine(directory, "summary.png")}", "--window-size=1280,1600", new Uri(page).AbsoluteUri);

        Assert.Equal(0, exit);
        var consoleMessages = log.Split('\n').Where(line => line.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
        Assert.Empty(consoleMessages);
        Assert.True(SvgCount().Count(dom) >= 3, "summary.html should draw at least three charts (rule and severity, department, new and resolved).");
        Assert.True(BarCount().Count(dom) >= 5, "the charts should have bars.");
        Assert.Contains("account.departed-still-enabled", dom, StringComparison.Ordinal);
        Assert.Contains("财务部", dom, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(directory, "summary.png")).Length > 10_000, "the screenshot should show a rendered page.");
    }

    [Fact]
    public async Task Summary_page_s_Chinese_heading_is_drawn_with_a_font_that_has_the_glyphs_not_as_tofu()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var directory = RepoPaths.CreateScratchDirectory("summary-cjk");
        var page = Path.Combine(directory, "summary.html");
        var report = new AuditReport("accounts", "20261128T180000Z-0000cafe", "succeeded", T, T, T.AddMinutes(1),
            [AuditRuleCatalog.MissingPosition.CreateFinding("user1", new JsonObject { ["name"] = "张三" }, "销售部")], new HashSet<FindingKey>(), [], [], [],
            new Dictionary<string, int>(), null);
        await File.WriteAllBytesAsync(page, AuditReportRenderer.Render(report).Single(f => f.Name == ReportPaths.SummaryHtml).Content.ToArray(), timeout.Token);

        await using var browser = await ChromiumDevTools.OpenAsync(page, directory, timeout.Token);
        var fonts = await browser.PlatformFontsAsync(await browser.QuerySelectorAsync("h1", timeout.Token), timeout.Token);
        var covering = await FontsCoveringAsync("审计报告", timeout.Token);

        // Without a font holding the glyphs Chromium still "draws" them, as tofu boxes in the Latin font it picked.
        Assert.True(fonts.Any(font => covering.Contains(font.Family)),
            $"the heading '审计报告' was drawn with {string.Join(", ", fonts.Select(f => $"{f.Family} ({f.Glyphs} glyphs)"))}; "
            + $"the fonts installed that have its glyphs are: {(covering.Count == 0 ? "none" : string.Join(", ", covering))}. "
            + "Without a CJK font the Chinese shows as tofu: ./scripts/test.sh installs Debian's fonts-noto-cjk.");
    }

    /// <summary>The font families fontconfig (what Chromium asks on Linux) says have a glyph for every character of <paramref name="text"/>.</summary>
    private static async Task<IReadOnlySet<string>> FontsCoveringAsync(string text, CancellationToken cancellationToken)
    {
        var charset = string.Join(' ', text.Select(c => ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)));
        var info = new ProcessStartInfo("fc-list") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add($":charset={charset}");
        info.ArgumentList.Add("family");
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(line => line.Split(',', StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Log)> RunChromiumAsync(string chromium, string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0",
            $"--user-data-dir={Path.Combine(directory, "profile-" + Guid.NewGuid().ToString("N"))}",
        }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [GeneratedRegex("<svg[\\s>]")]
    private static partial Regex SvgCount();

    [GeneratedRegex("<rect[\\s>]")]
    private static partial Regex BarCount();
}
