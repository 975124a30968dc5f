using System.Reflection;
using WeComGuard.Cli.FunctionsHost;
using WeComGuard.Cli.LocalRun;
using WeComGuard.Core.Storage;
using WeComGuard.Sandbox;
using WeComGuard.Sandbox.Tenant;
using WeComGuard.Tests.Callbacks;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Host;

/// <summary>
/// One host of the function app for a test class, over a private Azurite (every table, queue and container created) and
/// a small sandbox tenant (with its HR roster in hr-roster): callback receivers <c>contacts</c>, <c>single</c>,
/// <c>storm</c>, <c>casing</c> and <c>sweep</c> (Tencent's vector A credentials), the WeCom API pointed at the sandbox, timers that never fire on their
/// own, and a 1 s retry delay for failed queue messages (host.json's maxDequeueCount and messageEncoding still apply).
/// </summary>
public abstract class AppHostFixture : IAsyncLifetime
{
    public static readonly string[] Receivers = ["contacts", "single", "storm", "casing", "sweep"];

    private AzuriteProcess? _azurite;
    private SandboxServer? _sandbox;
    private IFunctionAppHost? _host;

    public IFunctionAppHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public StorageClients Storage { get; private set; } = null!;

    public string StorageConnectionString => _azurite!.ConnectionString;

    public SandboxTenant Tenant { get; private set; } = null!;

    public SandboxServer Sandbox => _sandbox ?? throw new InvalidOperationException("The sandbox has not started.");

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The function app's build output matching this test build (Debug or Release).</summary>
    public static string AppOutput
    {
        get
        {
            var configuration = typeof(AppHostFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            return Path.Combine(RepoPaths.Root, "functions", "WeComGuard.Functions", "bin", configuration, "net10.0");
        }
    }

    public static FunctionAppMetadata Metadata => FunctionAppMetadata.Load(AppOutput);

    /// <summary>False where the tests are skipped (no Functions host here): then nothing starts.</summary>
    protected virtual bool CanStart => true;

    public async Task InitializeAsync()
    {
        if (!CanStart)
        {
            return;
        }

        _azurite = await AzuriteProcess.StartAsync();
        Storage = _azurite.CreateClients();
        await Storage.EnsureCreatedAsync();
        Tenant = TenantGenerator.Generate(40, 8, 3, DateTimeOffset.UtcNow);
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Tenant = Tenant }, CancellationToken.None);
        var roster = Path.Combine(RepoPaths.CreateScratchDirectory("roster"), "roster.csv");
        RosterCsvWriter.WriteFile(Tenant, roster);
        await Storage.Container(StorageNames.HrContainer).GetBlobClient("roster.csv").UploadAsync(roster, overwrite: true);

        var corpId = new SandboxOptions().CorpId;
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["WeCom:CallbackMaxSkewSeconds"] = "0",
            ["WeCom:ApiBaseUrl"] = _sandbox.BaseUrl.ToString().TrimEnd('/'),
            ["WeCom:CorpId"] = corpId,
            ["WeCom:ContactsSecret"] = "sandbox-contacts-secret",
            ["WeCom:CustomerContactSecret"] = "sandbox-customer-secret",
            ["WeCom:SecuritySecret"] = "sandbox-security-secret",
            ["WeCom:AppSecret"] = "sandbox-app-secret",
            ["WeCom:AppAgentId"] = "1000002",
            ["Scanning:FingerprintKey"] = "conformance-fingerprint-key",
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:01",
            ["Notifications:ItUserIds"] = Tenant.Members[0].UserId,
            ["Notifications:QuietHours"] = string.Empty,
        };
        foreach (var app in Receivers)
        {
            foreach (var (key, value) in CallbackEndpoint.Receiver(app, TencentVectors.A.Token, TencentVectors.A.EncodingAesKey, TencentVectors.A.CorpId))
            {
                settings[key] = value;
            }
        }

        foreach (var schedule in Metadata.ScheduleSettings)
        {
            settings[schedule] = "0 0 0 1 1 *";
        }

        _host = await StartHostAsync(settings);
        Http = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    protected abstract Task<IFunctionAppHost> StartHostAsync(IReadOnlyDictionary<string, string?> settings);
}

/// <summary>The function app under <c>wecomguard serve</c>, in the test process.</summary>
public sealed class ServeHostFixture : AppHostFixture
{
    protected override async Task<IFunctionAppHost> StartHostAsync(IReadOnlyDictionary<string, string?> settings) =>
        await ServeAppHost.StartAsync(settings, Microsoft.Extensions.Logging.LogLevel.Warning, CancellationToken.None);
}

/// <summary>The function app's build output under the real Azure Functions host, as a separate process.</summary>
public sealed class FunctionsHostFixture : AppHostFixture
{
    public FunctionsAppHost FunctionsHost => (FunctionsAppHost)Host;

    protected override bool CanStart => FunctionsHostAvailability.SkipReason is null;

    protected override async Task<IFunctionAppHost> StartHostAsync(IReadOnlyDictionary<string, string?> settings) =>
        await FunctionsAppHost.StartAsync(FunctionsHostAvailability.Require(), AppOutput, RepoPaths.CreateScratchDirectory("functions-host"), settings, CancellationToken.None);
}
