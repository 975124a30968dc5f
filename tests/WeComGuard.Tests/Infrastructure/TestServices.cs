using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Tests.Infrastructure;

/// <summary>WeCom Guard's real service registration (AddWeComGuard) over a given storage connection and settings.</summary>
public sealed class TestServices : IAsyncDisposable
{
    private TestServices(ServiceProvider provider, IConfiguration configuration)
    {
        Provider = provider;
        Configuration = configuration;
    }

    public ServiceProvider Provider { get; }

    public IConfiguration Configuration { get; }

    public static TestServices Create(
        string storageConnectionString,
        IEnumerable<KeyValuePair<string, string?>> settings,
        TimeProvider? time = null,
        Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storageConnectionString })
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddWeComGuard(configuration);
        configure?.Invoke(services);
        return new TestServices(services.BuildServiceProvider(validateScopes: true), configuration);
    }

    public T Get<T>()
        where T : notnull => Provider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => Provider.DisposeAsync();

    /// <summary>A clock standing at the given Unix time, for Tencent's vectors.</summary>
    public static FakeTimeProvider ClockAt(long unixSeconds) => new(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
}
