using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        await jobs["AuditAccounts"].RunAsync(CancellationToken.None);
        sandbox.State.InvalidateTokens();
        await jobs["AuditGroups"].RunAsync(CancellationToken.None);

        Assert.True(sandbox.State.AnsweredCount(45009) >= 2);
        Assert.True(sandbox.State.AnsweredCount(-1) >= 2);
        var runs = new List<TableEntity>();
        await foreach (var run in storage.Clients.Table(StorageNames.AuditRunsTable).QueryAsync<TableEntity>())
        {
            runs.Add(run);
        }

        Assert.Equal(["succeeded", "succeeded"], runs.Select(r => r.GetString("Status")));
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
