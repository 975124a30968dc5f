using Azure.Storage.Blobs.Models;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Evidence;
using WeComGuard.Core.Storage;
using WeComGuard.Core.WeCom;
using WeComGuard.Sandbox.Tenant;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Audits.Controls;

/// <summary>
/// Evidence that outlives WeCom's 180 days: the admin and member log days an audit read are kept, masked and write-once,
/// under <c>audit-reports/evidence/</c> on Azurite, and the admin audit reads days beyond WeCom's window from them.
/// </summary>
[Trait("Needs", "Azurite")]
public sealed class LogEvidenceAgainstSandboxTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private const string Mobile = "13912345678";

    [Fact]
    public async Task Each_whole_day_read_is_kept_once_masked_and_a_retried_run_neither_duplicates_nor_overwrites()
    {
        var clients = await FreshAsync();
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60);
        var tenant = SandboxAudit.QuietTenant(now);
        tenant.AdminOperLogs.Add(new SandboxAdminOperLog { Time = now.AddDays(-3).ToUnixTimeSeconds(), UserId = tenant.Members[2].UserId, OperType = 8, DetailType = 159, DetailInfo = $"应用名称：报销；手机号：{Mobile}" });
        await using var audit = await SandboxAudit.StartAsync(tenant);
        var evidence = new BlobAuditEvidenceArchive(clients);
        var options = new AuditOptions { AdminLogLookbackDays = 10 };

        var first = await AdminAuditEvaluator.EvaluateAsync(audit.Source, evidence, options, new AuditClock(now), CancellationToken.None);
        var pages = await PagesAsync(clients, EvidenceLogs.AdminOperLog);
        var retried = await AdminAuditEvaluator.EvaluateAsync(audit.Source, evidence, options, new AuditClock(now), CancellationToken.None);

        // [now - 10 d, now) holds nine whole China days (the first and the current one are partial), one page each.
        Assert.Equal(9, first.Inputs["evidencePagesKept"]);
        Assert.Equal(9, pages.Count);
        Assert.Equal(0, retried.Inputs["evidencePagesKept"]);
        Assert.Equal(pages, await PagesAsync(clients, EvidenceLogs.AdminOperLog)); // same names, same ETags: nothing overwritten
        var kept = string.Join('\n', await Task.WhenAll(pages.Keys.Select(async name => (await clients.Container(StorageNames.AuditReportsContainer).GetBlobClient(name).DownloadContentAsync()).Value.Content.ToString())));
        Assert.Contains("\"detail_type\":159", kept, StringComparison.Ordinal);
        Assert.DoesNotContain(Mobile, kept, StringComparison.Ordinal);
        Assert.Contains("139****5678", kept, StringComparison.Ordinal);
        Assert.All(pages.Keys, name => Assert.Matches(@"^evidence/admin-oper-log/\d{4}/\d{2}/\d{2}/page-0000\.jsonl$", name));
    }

    [Fact]
    public async Task The_account_audit_keeps_the_member_log_days_it_read()
    {
        var clients = await FreshAsync();
        var now = DateTimeOffset.UtcNow;
        var tenant = SandboxAudit.QuietTenant(now);
        tenant.MemberOperLogs.Add(new SandboxMemberOperLog { Time = now.AddDays(-2).ToUnixTimeSeconds(), UserId = tenant.Members[3].UserId, OperType = 4 });
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await AccountAuditEvaluator.EvaluateAsync(audit.Source, SandboxAudit.RosterOf(tenant), new BlobAuditEvidenceArchive(clients), new AuditOptions(), new AuditClock(now), CancellationToken.None);

        var pages = await PagesAsync(clients, EvidenceLogs.MemberOperLog);
        Assert.True(outcome.Inputs["evidencePagesKept"] > 0);
        Assert.Equal(outcome.Inputs["evidencePagesKept"], pages.Count);
        var read = await new BlobAuditEvidenceArchive(clients).ReadAsync(EvidenceLogs.MemberOperLog, now.AddDays(-30), now, CancellationToken.None);
        Assert.Equal(tenant.Members[3].UserId, (string)Assert.Single(read.Records).Json["userid"]!);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_admin_log_beyond_WeComs_180_days_comes_from_evidence_and_a_missing_day_makes_the_run_partial(bool kept)
    {
        var clients = await FreshAsync();
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60);
        var tenant = SandboxAudit.QuietTenant(now);
        tenant.AdminOperLogs.Add(new SandboxAdminOperLog { Time = now.AddDays(-20).ToUnixTimeSeconds(), UserId = tenant.Members[2].UserId, OperType = 8, DetailType = 161, DetailInfo = "应用名称：新近" });
        await using var audit = await SandboxAudit.StartAsync(tenant);
        var evidence = new BlobAuditEvidenceArchive(clients);
        var old = new AdminOperRecord(now.AddDays(-200), tenant.Members[3].UserId, 8, 159, $"应用名称：旧账；手机号：{Mobile}");
        if (kept)
        {
            // What the runs of 200 to 179 days ago kept, day by day.
            await evidence.KeepAsync(EvidenceLogs.AdminOperLog, [EvidenceLogs.ToEvidence(old)], now.AddDays(-200).AddDays(-1), now.AddDays(-AdminAuditEvaluator.WeComLogDays).AddDays(1), CancellationToken.None);
        }

        var outcome = await AdminAuditEvaluator.EvaluateAsync(audit.Source, evidence, new AuditOptions { AdminLogLookbackDays = 200 }, new AuditClock(now), CancellationToken.None);

        Assert.Equal(0, audit.Host.State.AnsweredCount(WeComErrorCodes.InvalidParameter)); // WeCom was never asked for more than 180 days
        Assert.Contains(outcome.Findings, f => f.Rule == AuditRuleCatalog.AdminSecretExposed.Id && (string)f.Details["operator"]! == tenant.Members[2].UserId);
        Assert.Equal(kept, outcome.Findings.Any(f => f.Rule == AuditRuleCatalog.AdminSecretExposed.Id && (string)f.Details["operator"]! == tenant.Members[3].UserId));
        Assert.Equal(kept ? 1 : 0, outcome.Inputs["adminLogRecordsFromEvidence"]);
        Assert.Equal(kept, outcome.IsComplete);
        if (!kept)
        {
            Assert.Contains(outcome.IncompleteReasons, r => r.Contains("no evidence was kept for 22 day(s)", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Beyond_180_days_without_an_evidence_archive_the_run_is_partial()
    {
        var now = DateTimeOffset.UtcNow;
        await using var audit = await SandboxAudit.StartAsync(SandboxAudit.QuietTenant(now));

        var outcome = await AdminAuditEvaluator.EvaluateAsync(audit.Source, new AuditOptions { AdminLogLookbackDays = 181 }, new AuditClock(now), CancellationToken.None);

        Assert.False(outcome.IsComplete);
        Assert.Contains(outcome.IncompleteReasons, r => r.Contains("no evidence archive", StringComparison.Ordinal));
        Assert.Equal(0, audit.Host.State.AnsweredCount(WeComErrorCodes.InvalidParameter));
    }

    [Fact]
    public async Task A_member_log_event_older_than_180_days_kept_only_as_evidence_is_used_by_the_account_rules()
    {
        var clients = await FreshAsync();
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60);
        var tenant = SandboxAudit.QuietTenant(now);
        var banned = tenant.Members[3].UserId;
        var rebound = tenant.Members[10].UserId;
        // The WeChat rebind is older than WeCom keeps; the mobile change two days later is still in WeCom's log.
        tenant.MemberOperLogs.Add(new SandboxMemberOperLog { Time = now.AddDays(-178.5).ToUnixTimeSeconds(), UserId = rebound, OperType = 5 });
        await using var audit = await SandboxAudit.StartAsync(tenant);
        var evidence = new BlobAuditEvidenceArchive(clients);
        MemberOperRecord[] old = [new(now.AddDays(-190), banned, 9), new(now.AddDays(-180.5), rebound, 7)];
        await evidence.KeepAsync(EvidenceLogs.MemberOperLog, [.. old.Select(EvidenceLogs.ToEvidence)], now.AddDays(-201), now.AddDays(-EvidenceLookback.WeComLogDays).AddDays(1), CancellationToken.None);
        var options = new AuditOptions { MemberLogLookbackDays = 200 };

        var outcome = await AccountAuditEvaluator.EvaluateAsync(audit.Source, SandboxAudit.RosterOf(tenant), evidence, options, new AuditClock(now), CancellationToken.None);

        Assert.Equal(0, audit.Host.State.AnsweredCount(WeComErrorCodes.InvalidParameter)); // WeCom was never asked for more than 180 days
        Assert.True(outcome.IsComplete, string.Join("; ", outcome.IncompleteReasons));
        Assert.Equal(2, outcome.Inputs["memberLogRecordsFromEvidence"]);
        Assert.Equal(1, (int)Assert.Single(outcome.Findings, f => f.Rule == AuditRuleCatalog.AccountLoginBanned.Id).Details["count"]!);
        Assert.Equal(banned, outcome.Findings.Single(f => f.Rule == AuditRuleCatalog.AccountLoginBanned.Id).Subject);
        Assert.Equal(rebound, Assert.Single(outcome.Findings, f => f.Rule == AuditRuleCatalog.AccountWeChatRebound.Id).Subject);
        Assert.Equal(rebound, Assert.Single(outcome.Findings, f => f.Rule == AuditRuleCatalog.AccountMobileChanged.Id).Subject);

        // The default look-back (7 days) does not reach them.
        var recent = await AccountAuditEvaluator.EvaluateAsync(audit.Source, SandboxAudit.RosterOf(tenant), evidence, new AuditOptions(), new AuditClock(now), CancellationToken.None);
        Assert.DoesNotContain(recent.Findings, f => f.Rule == AuditRuleCatalog.AccountLoginBanned.Id || f.Rule == AuditRuleCatalog.AccountWeChatRebound.Id);
        Assert.Equal(0, recent.Inputs["memberLogRecordsFromEvidence"]);
    }

    [Fact]
    public async Task A_member_log_day_kept_earlier_and_still_in_WeComs_window_is_counted_once()
    {
        var clients = await FreshAsync();
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60);
        var tenant = SandboxAudit.QuietTenant(now);
        var banned = tenant.Members[3].UserId;
        var live = new SandboxMemberOperLog { Time = now.AddDays(-2).ToUnixTimeSeconds(), UserId = banned, OperType = 9 };
        var edge = new SandboxMemberOperLog { Time = now.AddDays(-EvidenceLookback.WeComLogDays).AddSeconds(30).ToUnixTimeSeconds(), UserId = banned, OperType = 9 };
        tenant.MemberOperLogs.AddRange([live, edge]);
        await using var audit = await SandboxAudit.StartAsync(tenant);
        var evidence = new BlobAuditEvidenceArchive(clients);
        // Earlier runs kept every day up to now, these two records included: the pages overlap WeCom's window.
        await evidence.KeepAsync(
            EvidenceLogs.MemberOperLog,
            [.. new[] { live, edge }.Select(r => EvidenceLogs.ToEvidence(new MemberOperRecord(DateTimeOffset.FromUnixTimeSeconds(r.Time), r.UserId, r.OperType)))],
            now.AddDays(-201), now, CancellationToken.None);

        var outcome = await AccountAuditEvaluator.EvaluateAsync(audit.Source, SandboxAudit.RosterOf(tenant), evidence, new AuditOptions { MemberLogLookbackDays = 200 }, new AuditClock(now), CancellationToken.None);

        Assert.True(outcome.IsComplete, string.Join("; ", outcome.IncompleteReasons));
        Assert.Equal(0, outcome.Inputs["memberLogRecordsFromEvidence"]);
        Assert.Equal(2, (int)Assert.Single(outcome.Findings, f => f.Rule == AuditRuleCatalog.AccountLoginBanned.Id).Details["count"]!);
        Assert.Equal(0, outcome.Inputs["evidencePagesKept"]); // those days were kept already: write-once
    }

    [Fact]
    public async Task A_member_log_look_back_beyond_180_days_without_evidence_is_a_partial_run()
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = SandboxAudit.QuietTenant(now);
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await AccountAuditEvaluator.EvaluateAsync(audit.Source, SandboxAudit.RosterOf(tenant), new AuditOptions { MemberLogLookbackDays = 181 }, new AuditClock(now), CancellationToken.None);

        Assert.False(outcome.IsComplete);
        Assert.Contains(outcome.IncompleteReasons, r => r.Contains("member log", StringComparison.Ordinal) && r.Contains("no evidence archive", StringComparison.Ordinal));
        Assert.Equal(0, audit.Host.State.AnsweredCount(WeComErrorCodes.InvalidParameter));
    }

    // Each test gets its own evidence: the container is emptied first.
    private async Task<StorageClients> FreshAsync()
    {
        var container = storage.Clients.Container(StorageNames.AuditReportsContainer);
        await container.CreateIfNotExistsAsync();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = BlobAuditEvidenceArchive.Prefix }))
        {
            await container.DeleteBlobAsync(blob.Name);
        }

        return storage.Clients;
    }

    private static async Task<Dictionary<string, string>> PagesAsync(StorageClients clients, string log)
    {
        var pages = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var blob in clients.Container(StorageNames.AuditReportsContainer).GetBlobsAsync(new GetBlobsOptions { Prefix = BlobAuditEvidenceArchive.Prefix + log + "/" }))
        {
            pages[blob.Name] = blob.Properties.ETag!.Value.ToString();
        }

        return pages;
    }
}
