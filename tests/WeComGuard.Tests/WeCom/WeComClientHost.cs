using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeComGuard.Core.Notifications;
using WeComGuard.Core.WeCom;
using WeComGuard.Sandbox;
using WeComGuard.Sandbox.Tenant;

namespace WeComGuard.Tests.WeCom;

/// <summary>A sandbox on loopback and WeCom Guard's client wired to it through the real DI registration.</summary>
internal sealed class WeComClientHost : IAsyncDisposable
{
    public const string CorpId = "wwguardtest00000001";
    public const string ContactsSecret = "contacts-secret-for-tests";
    public const string CustomerContactSecret = "customer-contact-secret-for-tests";
    public const string SecuritySecret = "security-secret-for-tests";
    public const string AppSecret = "app-secret-for-tests";
    public const int AgentId = 1000002;

    private WeComClientHost(SandboxServer sandbox, ServiceProvider services, CapturingLoggerProvider logs)
    {
        Sandbox = sandbox;
        Services = services;
        Logs = logs;
    }

    public SandboxServer Sandbox { get; }

    public SandboxState State => Sandbox.State;

    public ServiceProvider Services { get; }

    public CapturingLoggerProvider Logs { get; }

    public WeComApiClient Client => Services.GetRequiredService<WeComApiClient>();

    public static SandboxTenant SmallTenant() => TenantGenerator.Generate(60, 12, seed: 7, DateTimeOffset.UtcNow);

    public static async Task<WeComClientHost> StartAsync(
        SandboxTenant? tenant = null,
        Action<SandboxOptions>? sandbox = null,
        Action<WeComOptions>? client = null,
        IDictionary<string, string?>? settings = null,
        TimeProvider? timeProvider = null,
        Action<IServiceCollection>? services = null)
    {
        var sandboxOptions = new SandboxOptions { CorpId = CorpId, Tenant = tenant ?? SmallTenant() };
        foreach (var secret in new[] { ContactsSecret, CustomerContactSecret, SecuritySecret, AppSecret })
        {
            sandboxOptions.AcceptedSecrets.Add(secret);
        }

        if (timeProvider is not null)
        {
            sandboxOptions.TimeProvider = timeProvider;
        }

        sandbox?.Invoke(sandboxOptions);
        var server = await SandboxServer.StartAsync(sandboxOptions);

        var (provider, logs) = BuildServices(server.BaseUrl, client, settings, timeProvider, services);
        return new WeComClientHost(server, provider, logs);
    }

    /// <summary>WeCom Guard's client, through the real DI registration, pointed at any server (e.g. a <see cref="RawHttpServer"/>).</summary>
    public static (ServiceProvider Services, CapturingLoggerProvider Logs) BuildServices(
        Uri apiBaseUrl,
        Action<WeComOptions>? client = null,
        IDictionary<string, string?>? settings = null,
        TimeProvider? timeProvider = null,
        Action<IServiceCollection>? services = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["WeCom:ApiBaseUrl"] = apiBaseUrl.ToString(),
            ["WeCom:CorpId"] = CorpId,
            ["WeCom:ContactsSecret"] = ContactsSecret,
            ["WeCom:CustomerContactSecret"] = CustomerContactSecret,
            ["WeCom:SecuritySecret"] = SecuritySecret,
            ["WeCom:AppSecret"] = AppSecret,
            ["WeCom:AppAgentId"] = AgentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new CapturingLoggerProvider();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        if (timeProvider is not null)
        {
            collection.AddSingleton(timeProvider);
        }

        collection.AddWeComClient(configuration, options =>
        {
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            options.AttemptTimeout = TimeSpan.FromSeconds(5);
            options.MaxRetries = 3;
            client?.Invoke(options);
        });
        collection.AddSecurityTeamNotifications(configuration);
        services?.Invoke(collection);
        return (collection.BuildServiceProvider(), logs);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
