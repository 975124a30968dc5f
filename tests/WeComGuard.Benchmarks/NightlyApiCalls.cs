using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.DirectoryMirror;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Storage;
using WeComGuard.Core.WeCom;
using WeComGuard.Sandbox;
using WeComGuard.Sandbox.Tenant;

namespace WeComGuard.Benchmarks;

/// <summary>
/// WeCom API calls of one nightly directory chain, counted by the sandbox (in this process, no rate limit, so the run
/// is quick; the floor is computed at the limit given): the sync, the account and group audits on the mirror (now),
/// and the same audits reading WeCom live (before: the audits re-read the directory after the sync).
/// Usage: <c>nightly-calls --members N --groups M --limit L</c>; storage from AzureWebJobsStorage.
/// </summary>
internal static class NightlyApiCalls
{
    private static readonly string[] Apis =
    [
        "department/list", "department/simplelist", "department/get", "user/list", "user/list_id", "user/get",
        "externalcontact/groupchat/list", "externalcontact/groupchat/get", "security/member_oper_log/list",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var members = int.Parse(Arg(args, "--members", "100000"), CultureInfo.InvariantCulture);
        var groups = int.Parse(Arg(args, "--groups", "20000"), CultureInfo.InvariantCulture);
        var limit = int.Parse(Arg(args, "--limit", "10000"), CultureInfo.InvariantCulture);
        var storage = Environment.GetEnvironmentVariable("AzureWebJobsStorage") ?? throw new InvalidOperationException("Set AzureWebJobsStorage.");
        var tenant = TenantGenerator.Generate(members, groups, 1, DateTimeOffset.UtcNow);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Tenant = tenant });
        var clients = StorageClients.FromConnectionString(storage);
        await clients.EnsureCreatedAsync();
        var roster = Path.Combine(Path.GetTempPath(), $"nightly-calls-roster-{Environment.ProcessId}.csv");
        RosterCsvWriter.WriteFile(tenant, roster);
        await clients.Container(StorageNames.HrContainer).GetBlobClient("roster.csv").UploadAsync(roster, overwrite: true);
        File.Delete(roster);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage,
            ["WeCom:ApiBaseUrl"] = sandbox.BaseUrl.ToString(),
            ["WeCom:CorpId"] = sandbox.State.CorpId,
            ["WeCom:AppSecret"] = "benchmark-secret",
            ["Scanning:FingerprintKey"] = "benchmark-fingerprint-key",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        services.AddSingleton<IConfiguration>(configuration);
        services.AddWeComClient(configuration);
        services.AddWeComGuard(configuration);
        await using var provider = services.BuildServiceProvider();

        DirectorySyncRun? run = null;
        var sync = await CountAsync(sandbox, "sync", async () => run = await provider.GetRequiredService<DirectorySync>().SyncAsync(CancellationToken.None));
        var indexRows = 0;
        await foreach (var _ in clients.Table(StorageNames.GroupMembershipsTable).QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey"]))
        {
            indexRows++;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sync {run!.Status}{(run.Error is null ? string.Empty : ": " + run.Error)}: {run.Written} mirror rows written, {indexRows} GroupMemberships rows ({tenant.GroupChats.Sum(c => c.Members.Count)} group members in the tenant)"));
        var mirror = await CountAsync(sandbox, "audits on the mirror", async () =>
        {
            await provider.GetRequiredService<AccountAudit>().RunAuditAsync(CancellationToken.None);
            await provider.GetRequiredService<GroupAudit>().RunAuditAsync(CancellationToken.None);
        });
        var live = new WeComAuditDataSource(provider.GetRequiredService<WeComApiClient>(), provider.GetRequiredService<ContactFingerprinter>());
        var rosterSource = provider.GetRequiredService<IRosterSource>();
        var options = provider.GetRequiredService<AuditOptions>();
        var reread = await CountAsync(sandbox, "audits reading WeCom live", async () =>
        {
            var clock = new AuditClock(DateTimeOffset.UtcNow);
            await AccountAuditEvaluator.EvaluateAsync(live, rosterSource, options, clock, CancellationToken.None);
            await GroupAuditEvaluator.EvaluateAsync(live, rosterSource, provider.GetRequiredService<Core.Audits.Rules.IGroupNoticeInspector>(), options, clock, CancellationToken.None);
        });

        Console.WriteLine($"tenant: {members} members, {groups} groups (seed 1); floor at {limit} calls/min per API");
        Print("before: sync, then audits reading WeCom", Sum(sync, reread), limit);
        Print("now: sync, then audits on the mirror", Sum(sync, mirror), limit);
        return 0;
    }

    private static async Task<Dictionary<string, int>> CountAsync(SandboxServer sandbox, string phase, Func<Task> run)
    {
        var before = Apis.ToDictionary(api => api, sandbox.State.CallCount);
        var total = sandbox.State.TotalCalls;
        var watch = Stopwatch.StartNew();
        await run();
        var calls = Apis.ToDictionary(api => api, api => sandbox.State.CallCount(api) - before[api]);
        calls["(all)"] = sandbox.State.TotalCalls - total;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{phase}: {calls["(all)"]} calls in {watch.Elapsed.TotalSeconds:F1} s ({string.Join(", ", calls.Where(c => c.Value > 0 && c.Key != "(all)").Select(c => $"{c.Key} {c.Value}"))})"));
        return calls;
    }

    private static Dictionary<string, int> Sum(Dictionary<string, int> a, Dictionary<string, int> b) =>
        a.Keys.ToDictionary(key => key, key => a[key] + b[key]);

    private static void Print(string design, Dictionary<string, int> calls, int limit)
    {
        var slowest = calls.Where(c => c.Key != "(all)").MaxBy(c => c.Value);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{design}: {calls["(all)"]} calls; busiest API {slowest.Key} x {slowest.Value}, rate-limit floor {slowest.Value * 60.0 / limit:F0} s"));
    }

    private static string Arg(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
