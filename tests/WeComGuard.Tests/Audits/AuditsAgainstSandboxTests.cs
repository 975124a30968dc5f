using System.CommandLine;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Cli.Commands;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Runs;
using WeComGuard.Core.DirectoryMirror;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Storage;
using WeComGuard.Core.WeCom;
using WeComGuard.Sandbox;
using WeComGuard.Sandbox.Tenant;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Audits;

/// <summary>
/// The nightly audits reading a sandbox tenant through the real WeCom client over loopback HTTP, while WeCom misbehaves
/// (45009, -1, HTTP 503, tokens invalidated): the runs still complete, and find exactly the planted violations.
/// </summary>
[Trait("Needs", "Azurite")]
public sealed class AuditsAgainstSandboxTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Audits_complete_through_WeCom_faults_and_find_exactly_the_planted_violations()
    {
        var tenant = TenantGenerator.Generate(80, 24, seed: 11, DateTimeOffset.UtcNow);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Tenant = tenant });
        var rosterPath = Path.Combine(RepoPaths.CreateScratchDirectory("roster"), "roster.csv");
        RosterCsvWriter.WriteFile(tenant, rosterPath);
        await storage.Clients.Container(StorageNames.HrContainer).GetBlobClient("roster.csv").UploadAsync(rosterPath, overwrite: true);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["WeCom:ApiBaseUrl"] = sandbox.BaseUrl.ToString(),
            ["WeCom:CorpId"] = sandbox.State.CorpId,
            ["WeCom:ContactsSecret"] = "contacts",
            ["WeCom:CustomerContactSecret"] = "customer",
            ["WeCom:SecuritySecret"] = "security",
            ["WeCom:AppSecret"] = "app",
            ["Scanning:FingerprintKey"] = "audit-test-fingerprint-key",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddWeComClient(configuration, options => options.RetryBaseDelay = TimeSpan.FromMilliseconds(20));
        services.AddWeComGuard(configuration);
        await using var provider = services.BuildServiceProvider();
        var jobs = provider.GetServices<IScheduledJob>().ToDictionary(j => j.Name, StringComparer.Ordinal);

        sandbox.State.Faults.FailNext("user/list", 45009, times: 2);
        sandbox.State.Faults.FailNext("externalcontact/groupchat/get", -1, times: 2);
        sandbox.State.Faults.FailNextWithStatus("externalcontact/groupchat/list", 503);
        await jobs["SyncDirectory"].RunAsync(CancellationToken.None); // the nightly chain: sync, accounts, groups
        sandbox.State.InvalidateTokens();
        await jobs["SyncDirectory"].RunAsync(CancellationToken.None);

        Assert.True(sandbox.State.AnsweredCount(45009) >= 2);
        Assert.True(sandbox.State.AnsweredCount(-1) >= 2);
        var runs = new List<TableEntity>();
        await foreach (var run in storage.Clients.Table(StorageNames.AuditRunsTable).QueryAsync<TableEntity>())
        {
            runs.Add(run);
        }

        Assert.Equal(["succeeded", "succeeded", "succeeded", "succeeded"], runs.Select(r => r.GetString("Status")));
        var findings = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var finding in storage.Clients.Table(StorageNames.FindingsTable).QueryAsync<TableEntity>(f => f.GetString("Status") == "open"))
        {
            findings.Add($"{finding.GetString("Rule")}|{finding.GetString("Subject")}");
        }

        var expected = new Dictionary<string, string>
        {
            [SandboxViolationKinds.DepartedButEnabled] = "account.departed-still-enabled",
            [SandboxViolationKinds.MissingPosition] = "account.missing-position",
            [SandboxViolationKinds.MissingAvatar] = "account.missing-avatar",
            [SandboxViolationKinds.NotActivatedOverdue] = "account.activation-overdue",
            [SandboxViolationKinds.NewDeviceLogin] = "account.new-device-logins",
            [SandboxViolationKinds.UnnamedGroup] = "group.unnamed",
            [SandboxViolationKinds.GroupOwnerDeparted] = "group.owner-departed",
            [SandboxViolationKinds.GroupWithDepartedMember] = "group.departed-members",
            [SandboxViolationKinds.SensitiveGroupNotice] = "group.notice-sensitive",
        };
        foreach (var planted in tenant.Planted.Where(p => expected.ContainsKey(p.Kind)))
        {
            Assert.Contains($"{expected[planted.Kind]}|{planted.Subject}", findings);
        }

        // Nothing beyond what was planted, for the rules the sandbox plants.
        var plantedKeys = tenant.Planted.Where(p => expected.ContainsKey(p.Kind)).Select(p => $"{expected[p.Kind]}|{p.Subject}").ToHashSet(StringComparer.Ordinal);
        Assert.Empty(findings.Where(f => expected.Values.Any(rule => f.StartsWith(rule + "|", StringComparison.Ordinal))).Except(plantedKeys));
        Assert.Contains(findings, f => f.StartsWith("group.overlap|", StringComparison.Ordinal));
    }
}

/// <summary>
/// wecomguard audit and the timer functions against the same sandbox: the same rules, evaluated or skipped, and the same
/// findings; and a listing that never ends makes a run partial instead of running until it is killed.
/// </summary>
[Trait("Needs", "Azurite")]
public sealed class AuditParityAgainstSandboxTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    private async Task<ServiceProvider> FunctionAppServicesAsync(SandboxServer sandbox, SandboxTenant tenant)
    {
        var rosterPath = Path.Combine(RepoPaths.CreateScratchDirectory("roster"), "roster.csv");
        RosterCsvWriter.WriteFile(tenant, rosterPath);
        await storage.Clients.Container(StorageNames.HrContainer).GetBlobClient("roster.csv").UploadAsync(rosterPath, overwrite: true);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["WeCom:ApiBaseUrl"] = sandbox.BaseUrl.ToString(),
            ["WeCom:CorpId"] = sandbox.State.CorpId,
            ["WeCom:AppSecret"] = "app",
            ["Scanning:FingerprintKey"] = "audit-test-fingerprint-key",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddWeComClient(configuration, options => options.RetryBaseDelay = TimeSpan.FromMilliseconds(20));
        services.AddWeComGuard(configuration);
        return services.BuildServiceProvider();
    }

    private static async Task<JsonNode> ReportSummaryAsync(AzuriteFixture storage, AuditRunResult run)
    {
        var prefix = run.ReportPath!.Split('/', 2)[1];
        var blob = storage.Clients.Container(StorageNames.AuditReportsContainer).GetBlobClient(prefix.TrimEnd('/') + "/summary.json");
        return JsonNode.Parse((await blob.DownloadContentAsync()).Value.Content.ToString())!;
    }

    private static IEnumerable<string> Rules(JsonNode summary, string field) =>
        summary[field]!.AsArray().Select(node => node is JsonObject skipped ? (string)skipped["rule"]! : (string)node!).Order(StringComparer.Ordinal);

    private static async Task<List<string>> FindingLinesAsync(AzuriteFixture storage, AuditRunResult run)
    {
        var prefix = run.ReportPath!.Split('/', 2)[1];
        var blob = storage.Clients.Container(StorageNames.AuditReportsContainer).GetBlobClient(prefix.TrimEnd('/') + "/findings.jsonl");
        return [.. (await blob.DownloadContentAsync()).Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The function app's audits read the tenant synced into the mirror (Azurite); wecomguard audit reads it live: the
    /// same rules are evaluated or skipped, and every finding is the same, details included.
    /// </summary>
    [Fact]
    public async Task The_cli_reading_wecom_live_and_the_function_app_reading_the_mirror_find_the_same()
    {
        var tenant = TenantGenerator.Generate(80, 24, seed: 12, DateTimeOffset.UtcNow);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Tenant = tenant });
        await using var provider = await FunctionAppServicesAsync(sandbox, tenant);
        await provider.GetRequiredService<DirectorySync>().SyncAsync(CancellationToken.None);
        var rosterPath = Path.Combine(RepoPaths.CreateScratchDirectory("roster-cli"), "roster.csv");
        RosterCsvWriter.WriteFile(tenant, rosterPath);
        var outDir = RepoPaths.CreateScratchDirectory("audit-parity");
        var root = new RootCommand { AuditCommand.Create(WeComAuditSourceFactory.Create) };
        var error = new StringWriter();
        var exitCode = await root.Parse(["audit", "all", "--wecom-api", sandbox.BaseUrl.ToString(), "--corp-id", sandbox.State.CorpId, "--secret", "app", "--roster", rosterPath, "--out", outDir])
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error }).WaitAsync(HangGuard);
        Assert.True(exitCode == 0, error.ToString());

        foreach (var (job, audit) in new[] { (provider.GetRequiredService<AccountAudit>().RunAuditAsync(CancellationToken.None), AuditNames.Accounts), (provider.GetRequiredService<GroupAudit>().RunAuditAsync(CancellationToken.None), AuditNames.Groups), (provider.GetRequiredService<FileTransferAudit>().RunAuditAsync(CancellationToken.None), AuditNames.FileTransfers), (provider.GetRequiredService<AdminAudit>().RunAuditAsync(CancellationToken.None), AuditNames.AdminActions), (provider.GetRequiredService<HandoverAudit>().RunAuditAsync(CancellationToken.None), AuditNames.Handover) })
        {
            var timer = await ReportSummaryAsync(storage, await job.WaitAsync(HangGuard));
            var cliFolder = Assert.Single(Directory.GetDirectories(Path.Combine(outDir, audit)));
            var cli = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(cliFolder, "summary.json")))!;

            Assert.Equal(Rules(timer, "evaluatedRules"), Rules(cli, "evaluatedRules"));
            Assert.Equal(Rules(timer, "skippedRules"), Rules(cli, "skippedRules"));
            var run = await job;
            var cliFindings = (await File.ReadAllLinesAsync(Path.Combine(cliFolder, "findings.jsonl"))).Where(line => line.Length > 0).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(cliFindings, await FindingLinesAsync(storage, run));
            if (audit != AuditNames.FileTransfers)
            {
                Assert.NotEmpty(cliFindings);
            }
        }

        Assert.Equal(2, sandbox.State.CallCount("externalcontact/get_follow_user_list")); // the CLI live, the function app through the mirror source
        Assert.Contains(AuditRuleCatalog.GroupNoticeSensitive.Id, Rules(JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Assert.Single(Directory.GetDirectories(Path.Combine(outDir, AuditNames.Groups))), "summary.json")))!, "evaluatedRules"));
    }

    /// <summary>
    /// The admin-action and handover rules read WeCom's logs and handover lists, which have no callback: the mirror
    /// source must hand them to WeCom live, or the function app would report every one of those rules as skipped.
    /// </summary>
    [Fact]
    public async Task The_function_app_evaluates_the_admin_and_handover_rules_through_the_mirror_source()
    {
        var tenant = TenantGenerator.Generate(60, 12, seed: 31, DateTimeOffset.UtcNow);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Tenant = tenant });
        await using var provider = await FunctionAppServicesAsync(sandbox, tenant);
        Assert.IsType<MirrorAuditDataSource>(provider.GetRequiredService<IAuditDataSource>());

        foreach (var (job, rules) in new[] { (provider.GetRequiredService<AdminAudit>().RunAuditAsync(CancellationToken.None), AuditRuleCatalog.AdminRules), (provider.GetRequiredService<HandoverAudit>().RunAuditAsync(CancellationToken.None), AuditRuleCatalog.HandoverRules) })
        {
            var run = await job.WaitAsync(HangGuard);
            var summary = await ReportSummaryAsync(storage, run);

            Assert.True(run.Status == AuditRunStatus.Succeeded, run.Error);
            Assert.Empty(Rules(summary, "skippedRules"));
            Assert.Equal(rules.Select(r => r.Id).Order(StringComparer.Ordinal), Rules(summary, "evaluatedRules"));
            Assert.True(run.FindingCount > 0, run.Audit);
        }

        Assert.True(sandbox.State.CallCount("security/admin_oper_log/list") > 0);
        Assert.Equal(1, sandbox.State.CallCount("externalcontact/get_unassigned_list"));
    }

    [Fact]
    public async Task A_server_that_ignores_the_cursor_fails_the_sync_and_the_nightly_audits_run_partial_and_resolve_nothing()
    {
        var tenant = TenantGenerator.Generate(80, 24, seed: 13, DateTimeOffset.UtcNow);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Tenant = tenant });
        await using var provider = await FunctionAppServicesAsync(sandbox, tenant);
        var nightly = provider.GetRequiredService<NightlyDirectoryAudit>();
        var first = await nightly.RunChainAsync(CancellationToken.None).WaitAsync(HangGuard);
        Assert.Null(first.SyncFailure);
        Assert.Equal(AuditRunStatus.Succeeded, first.Groups.Status);
        Assert.True(first.Groups.FindingCount > 0);

        // The groups disappear from WeCom, but the listing cannot be trusted: the sync fails and nothing may be resolved.
        sandbox.State.Mutate(t => t.GroupChats.Clear());
        sandbox.State.Faults.IgnoreCursor("externalcontact/groupchat/list");
        var second = await nightly.RunChainAsync(CancellationToken.None).WaitAsync(HangGuard);

        Assert.NotNull(second.SyncFailure);
        Assert.Equal((AuditRunStatus.Partial, AuditRunStatus.Partial), (second.Accounts.Status, second.Groups.Status));
        Assert.Equal((0, 0), (second.Accounts.ResolvedCount, second.Groups.ResolvedCount));
        Assert.Contains("externalcontact/groupchat/list", second.Groups.Error, StringComparison.Ordinal);
        Assert.Contains("cursor", second.Groups.Error, StringComparison.Ordinal);
        var sync = (await provider.GetRequiredService<DirectorySyncRunStore>().ListAsync().ToListAsync())[0];
        Assert.Equal(DirectorySyncStatus.Failed, sync.Status);
        await Assert.ThrowsAsync<WeComPagingException>(() => nightly.RunAsync(CancellationToken.None));
    }

    /// <summary>
    /// A sync that fails mid-way leaves a mirror that holds some of WeCom's changes and not others. An audit on it must not
    /// resolve anything: here the mirror already holds the fix of a planted violation (as the failed sync wrote it before
    /// failing), and the finding stays open.
    /// </summary>
    [Fact]
    public async Task A_sync_failing_mid_way_makes_the_audits_partial_and_a_fix_it_half_wrote_resolves_nothing()
    {
        var tenant = TenantGenerator.Generate(80, 24, seed: 14, DateTimeOffset.UtcNow);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Tenant = tenant });
        await using var provider = await FunctionAppServicesAsync(sandbox, tenant);
        var nightly = provider.GetRequiredService<NightlyDirectoryAudit>();
        Assert.Null((await nightly.RunChainAsync(CancellationToken.None).WaitAsync(HangGuard)).SyncFailure);
        var fixedUserId = tenant.Planted.First(p => p.Kind == SandboxViolationKinds.MissingPosition).Subject;
        Assert.Contains(AuditRuleCatalog.MissingPosition.Id + "|" + fixedUserId, await OpenFindingsAsync(storage));

        sandbox.State.Mutate(t => t.Members.Single(m => m.UserId == fixedUserId).Position = "工程师");
        var client = provider.GetRequiredService<WeComApiClient>();
        await provider.GetRequiredService<DirectoryStore>().UpsertMemberAsync(await client.GetMemberAsync(fixedUserId));
        sandbox.State.Faults.FailNext("user/list", 60011);
        var run = await nightly.RunChainAsync(CancellationToken.None).WaitAsync(HangGuard);

        Assert.IsType<WeComApiException>(run.SyncFailure?.SourceException);
        Assert.Equal(AuditRunStatus.Partial, run.Accounts.Status);
        Assert.Equal(0, run.Accounts.ResolvedCount);
        Assert.Contains("directory sync failed", run.Accounts.Error, StringComparison.Ordinal);
        Assert.Contains(AuditRuleCatalog.MissingPosition.Id + "|" + fixedUserId, await OpenFindingsAsync(storage));

        // The next complete chain resolves it.
        var recovered = await nightly.RunChainAsync(CancellationToken.None).WaitAsync(HangGuard);
        Assert.Equal(AuditRunStatus.Succeeded, recovered.Accounts.Status);
        Assert.DoesNotContain(AuditRuleCatalog.MissingPosition.Id + "|" + fixedUserId, await OpenFindingsAsync(storage));
    }

    private static async Task<HashSet<string>> OpenFindingsAsync(AzuriteFixture storage)
    {
        var open = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var finding in storage.Clients.Table(StorageNames.FindingsTable).QueryAsync<TableEntity>(f => f.GetString("Status") == "open"))
        {
            open.Add($"{finding.GetString("Rule")}|{finding.GetString("Subject")}");
        }

        return open;
    }
}
