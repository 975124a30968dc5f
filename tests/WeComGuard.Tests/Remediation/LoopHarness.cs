using System.Security.Cryptography;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeComGuard.Cli.LocalRun;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Remediation;
using WeComGuard.Core.Storage;
using WeComGuard.Sandbox;
using WeComGuard.Sandbox.Callbacks;
using WeComGuard.Sandbox.Tenant;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Remediation;

/// <summary>
/// The loop's real parts for one test: its own Azurite, a sandbox tenant over loopback HTTP, and the function app
/// under <c>wecomguard serve</c> (callback endpoint, wecom-events queue, timers), with the security team and IT set.
/// </summary>
internal sealed class LoopHarness : IAsyncDisposable
{
    public const string App = "app";
    private readonly HttpClient _http = new();

    private LoopHarness(AzuriteProcess azurite, SandboxServer sandbox, ServeAppHost host, SandboxTenant tenant, string token, string aesKey, string security, string secondSecurity, string it)
    {
        Azurite = azurite;
        Sandbox = sandbox;
        Host = host;
        Tenant = tenant;
        Token = token;
        AesKey = aesKey;
        SecurityUser = security;
        SecondSecurityUser = secondSecurity;
        ItUser = it;
        Storage = azurite.CreateClients();
    }

    public AzuriteProcess Azurite { get; }

    public SandboxServer Sandbox { get; }

    public ServeAppHost Host { get; }

    public SandboxTenant Tenant { get; }

    public StorageClients Storage { get; }

    public string Token { get; }

    public string AesKey { get; }

    public string SecurityUser { get; }

    public string SecondSecurityUser { get; }

    public string ItUser { get; }

    public string CorpId => Sandbox.State.CorpId;

    public static async Task<LoopHarness> StartAsync(Action<SandboxTenant>? plant = null, IDictionary<string, string?>? settings = null, int members = 40, int groups = 10)
    {
        var tenant = TenantGenerator.Generate(members, groups, seed: 14, DateTimeOffset.UtcNow);
        plant?.Invoke(tenant);
        SandboxLeaders.Assign(tenant);
        var planted = tenant.Planted.Select(p => p.Subject).ToHashSet(StringComparer.Ordinal);
        var quiet = tenant.Members.Where(m => m.Status == 1 && !planted.Contains(m.UserId) && m.TerminationDate is null && !string.IsNullOrEmpty(m.Position)).Take(3).ToList();
        var azurite = await AzuriteProcess.StartAsync();
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Tenant = tenant });
        var rosterPath = Path.Combine(RepoPaths.CreateScratchDirectory("loop-roster"), "roster.csv");
        RosterCsvWriter.WriteFile(tenant, rosterPath);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var aesKey = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 43);
        var all = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            [$"WeCom:Callbacks:{App}:Token"] = token,
            [$"WeCom:Callbacks:{App}:EncodingAesKey"] = aesKey,
            [$"WeCom:Callbacks:{App}:ReceiveId"] = sandbox.State.CorpId,
            ["WeCom:ApiBaseUrl"] = sandbox.BaseUrl.ToString().TrimEnd('/'),
            ["WeCom:CorpId"] = sandbox.State.CorpId,
            ["WeCom:ContactsSecret"] = "contacts",
            ["WeCom:CustomerContactSecret"] = "customer",
            ["WeCom:SecuritySecret"] = "security",
            ["WeCom:AppSecret"] = "app",
            ["WeCom:AppAgentId"] = "1000002",
            ["Notifications:SecurityTeamUserIds"] = $"{quiet[0].UserId},{quiet[1].UserId}",
            ["Notifications:ItUserIds"] = quiet[2].UserId,
            ["Notifications:QuietHours"] = string.Empty,
            ["Remediation:Enabled"] = "true",
            ["Scanning:FingerprintKey"] = "loop-test-fingerprint-key",
            ["Audits:ApprovedApps"] = TenantGenerator.ApprovedApp,
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = await ServeAppHost.StartAsync(all, LogLevel.Error, CancellationToken.None);
        await azurite.CreateClients().Container(StorageNames.HrContainer).GetBlobClient("roster.csv").UploadAsync(rosterPath, overwrite: true);
        return new LoopHarness(azurite, sandbox, host, tenant, token, aesKey, quiet[0].UserId, quiet[1].UserId, quiet[2].UserId);
    }

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public Task RunAsync(string job) => Host.RunTimerAsync(job, CancellationToken.None);

    public WeComCallbackSender Sender(int maxRetries = 3) => new(_http, new CallbackSenderOptions
    {
        CallbackUrl = new Uri(Host.BaseAddress, $"/api/wecom/callback/{App}"),
        Token = Token,
        EncodingAesKey = AesKey,
        ReceiveId = CorpId,
        MaxRetries = maxRetries,
        RetryDelay = TimeSpan.FromMilliseconds(200),
    });

    /// <summary>The TaskId of the card sent for the finding.</summary>
    public async Task<string> CardTaskIdAsync(string rule, string subject)
    {
        var cards = await Get<ActionStore>().ListCardsAsync(CancellationToken.None);
        return cards.Single(c => c.GetString("Rule") == rule && c.GetString("Subject") == subject).RowKey;
    }

    /// <summary>Polls table Actions until the action is no longer running (the queue processes the click asynchronously).</summary>
    public Task<ActionRecord> WaitForActionAsync(string actionId) =>
        PollAsync($"action {actionId} finished", async () => await Get<ActionStore>().GetAsync(actionId, CancellationToken.None) is { Status: not ActionStatus.Running } record ? record : null);

    /// <summary>Polls the sandbox until the card of <paramref name="taskId"/> was updated (after the action is recorded).</summary>
    public Task<SandboxCardUpdate> WaitForCardUpdateAsync(string taskId) =>
        PollAsync($"card {taskId} updated", () => Task.FromResult(Sandbox.State.Cards.Updates.FirstOrDefault(u => u.TaskId == taskId)));

    /// <summary>Polls until at least <paramref name="atLeast"/> recorded WeCom events are processed (or failed) and none is pending.</summary>
    public Task WaitForEventsAsync(int atLeast) => PollAsync($"{atLeast} events processed", async () =>
    {
        var statuses = (await RowsAsync(StorageNames.WeComEventsTable)).Where(e => e.PartitionKey == App).Select(e => e.GetString("Status")).ToList();
        return statuses.Count >= atLeast && statuses.All(s => s is "processed" or "failed") ? statuses : null;
    });

    private static async Task<T> PollAsync<T>(string what, Func<Task<T?>> read)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (await read() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Not seen within 60 s: " + what);
            }

            await Task.Delay(100);
        }
    }

    public async Task<TableEntity> FindingAsync(string rule, string subject) =>
        (await Storage.Table(StorageNames.FindingsTable).GetEntityAsync<TableEntity>(rule, TableKeyEncoding.Encode(subject))).Value;

    public async Task<List<TableEntity>> RowsAsync(string table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Storage.Table(table).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    public string DepartedEnabledSubject() =>
        Tenant.Planted.First(p => p.Kind == SandboxViolationKinds.DepartedButEnabled).Subject;

    public static string Rule(AuditRuleDefinition rule) => rule.Id;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Host.DisposeAsync();
        await Sandbox.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
