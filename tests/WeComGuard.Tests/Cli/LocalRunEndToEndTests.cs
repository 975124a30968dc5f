using WeComGuard.Cli.LocalRun;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Cli;

/// <summary>
/// The main job end to end (what ./scripts/run-local.sh runs), on a small sandbox tenant over real Azurite and real
/// loopback HTTP: callbacks recorded and processed once, files scanned through the queue, sync and audits finding the
/// planted violations, reports copied out.
/// </summary>
[Trait("Needs", "Azurite")]
public sealed class LocalRunEndToEndTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_main_job_records_scans_audits_and_reports()
    {
        var output = RepoPaths.CreateScratchDirectory("local-run");
        var progress = new StringWriter();
        var runner = new LocalRunner(new LocalRunOptions(storage.ConnectionString, Members: 120, Groups: 30, Seed: 7, Events: 60, output), progress);

        var summary = await runner.RunAsync(null, CancellationToken.None);

        AssertMainJob(summary, progress.ToString());
    }

    /// <summary>What the main job on the small tenant (120 members, 30 groups, seed 7, 60 events) must show, under either host.</summary>
    internal static void AssertMainJob(LocalRunSummary summary, string progress)
    {

        Assert.Equal(summary.CallbacksSent, summary.CallbacksAcknowledged);
        Assert.Equal(66, summary.CallbacksSent);
        Assert.Equal(401, summary.ForgedCallbackStatus);
        Assert.Equal(new Dictionary<string, int> { ["processed"] = 60 }, summary.EventsByStatus);

        var files = summary.Files.ToDictionary(f => f.File, f => (f.Status, f.Verdict));
        Assert.Equal(("scanned", "sensitive"), files["员工信息表.csv"]);
        Assert.Equal(("scanned", "clean"), files["meeting-notes.md"]);
        Assert.Equal(("scanned", "sensitive"), files["合同草案.txt"]);
        Assert.Equal(("scanned", "sensitive"), files["deploy-notes.txt"]);
        Assert.Equal(("scanned", "sensitive"), files["客户名单.docx"]);
        Assert.Equal(("scanned", "sensitive"), files["archive.zip"]);
        Assert.Equal("unsupported", files["logo.png"].Status);

        foreach (var rule in new[]
        {
            "account.departed-still-enabled", "account.missing-position", "account.missing-avatar", "account.activation-overdue",
            "account.new-device-logins", "group.unnamed", "group.owner-departed", "group.departed-members", "group.overlap",
            "group.notice-sensitive", "file.sensitive-content", "file.sensitive-shared-externally",
            "admin.app-installed", "admin.secret-exposed", "admin.trusted-ip-changed", "admin.data-exported", "admin.rights-granted",
            "account.login-banned", "account.interop-banned", "account.wechat-rebound", "account.mobile-changed", "account.name-changed",
            "handover.customers-unassigned", "handover.groups-pending", "handover.departure-unrecorded",
        })
        {
            Assert.True(summary.OpenFindingsByRule.ContainsKey(rule), $"expected an open {rule} finding; got {string.Join(", ", summary.OpenFindingsByRule.Keys)}");
        }

        Assert.Equal(5, summary.OpenFindingsByRule["file.sensitive-content"]);
        Assert.Equal(1, summary.OpenFindingsByRule["file.sensitive-shared-externally"]);
        // The first SyncDirectory (before the burst) runs the account and group audits once more.
        Assert.Equal(["accounts", "accounts", "admin", "files", "groups", "groups", "handover"], summary.Runs.Select(r => r.Job).Order(StringComparer.Ordinal));
        Assert.All(summary.Runs, r => Assert.Equal("succeeded", r.Status));
        Assert.True(summary.Planted.All(p => p.Found), "planted but not found: " + string.Join(", ", summary.Planted.Where(p => !p.Found).Select(p => $"{p.Rule}|{p.Subject}")));
        Assert.Equal(3, summary.Planted.Count(p => p.Rule == "admin.app-installed"));
        Assert.Equal(["archive-scope-gap", "archive-scope-gap-customer-contact"], summary.Planted.Where(p => p.Rule == "archive.scope-gap").Select(p => p.Kind).Order(StringComparer.Ordinal));
        Assert.Equal(4, summary.Planted.Count(p => p.Kind.Contains("internal", StringComparison.Ordinal))); // §4.2 internal groups
        Assert.Equal(7, summary.ReportFiles.Count(f => f.EndsWith("summary.html", StringComparison.Ordinal)));

        // The burst's six departures and six renames to nothing were re-checked: each callback's findings are rows in
        // Findings within a minute of its POST.
        Assert.True(summary.RecheckLatencies.Count >= 6, $"{summary.RecheckLatencies.Count} findings opened by re-checks");
        Assert.True(summary.CallbackToFinding.Count >= 10, $"{summary.CallbackToFinding.Count} callbacks planted to open findings");
        Assert.All(summary.CallbackToFinding, latency => Assert.InRange(latency ?? TimeSpan.MaxValue, TimeSpan.Zero, TimeSpan.FromMinutes(1)));
        Assert.All(summary.ReportFiles, f => Assert.True(new FileInfo(f).Length > 0));
        Assert.Contains("[9/9]", progress, StringComparison.Ordinal);

        // The loop: nudges sent, one approved action, one waiver, all from WeCom.
        Assert.True(summary.NudgesByStatus.GetValueOrDefault("sent") >= 3, string.Join(", ", summary.NudgesByStatus));
        Assert.Equal(summary.NudgesByStatus.Values.Sum(), summary.NudgesByStatus.GetValueOrDefault("sent"));
        Assert.True(summary.CardsSent >= 2);
        Assert.Contains(summary.Actions, a => a is { Action: "disable", Rule: "account.departed-still-enabled", Status: "succeeded" });
        Assert.Contains(summary.Actions, a => a is { Action: "waive", Status: "succeeded" });
        Assert.Equal(2, summary.Actions.Count);
        Assert.Equal(1, summary.ActiveWaivers);
    }
}
