using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeComGuard.Cli.FunctionsHost;
using WeComGuard.Cli.Serve;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Cli.LocalRun;

/// <summary><c>wecomguard serve</c> in this process: timers run as their <see cref="IScheduledJob"/>.</summary>
public sealed class ServeAppHost : IFunctionAppHost
{
    private readonly WebApplication _server;

    private ServeAppHost(WebApplication server, Uri baseAddress)
    {
        _server = server;
        BaseAddress = baseAddress;
    }

    public string Description => "wecomguard serve (in this process)";

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _server.Services;

    /// <summary>Creates the storage WeCom Guard uses, then starts serve on a free loopback port with the given settings (<c>:</c> for sections).</summary>
    public static async Task<ServeAppHost> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings, LogLevel minimumLevel, CancellationToken cancellationToken)
    {
        var port = LoopbackPort.Free();
        var server = WeComGuardServer.Build($"http://127.0.0.1:{port}", settings, logging => logging.SetMinimumLevel(minimumLevel));
        try
        {
            await WeComGuardServer.EnsureStorageAsync(server, cancellationToken);
            await server.StartAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return new ServeAppHost(server, new Uri($"http://127.0.0.1:{port}"));
    }

    public Task RunTimerAsync(string name, CancellationToken cancellationToken)
    {
        var job = _server.Services.GetServices<IScheduledJob>().FirstOrDefault(j => j.Name == name)
            ?? throw new InvalidOperationException($"wecomguard serve has no scheduled job named {name}.");
        return job.RunAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(CancellationToken.None);
        await _server.DisposeAsync();
    }
}
