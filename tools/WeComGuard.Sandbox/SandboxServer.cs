using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WeComGuard.Sandbox;

/// <summary>A running sandbox: WeCom's server API on Kestrel at 127.0.0.1, over <see cref="State"/>.</summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxServer(WebApplication app, Uri baseUrl, SandboxState state)
    {
        _app = app;
        BaseUrl = baseUrl;
        State = state;
    }

    /// <summary>The API base URL (set it as <c>WeCom__ApiBaseUrl</c>), e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public Uri BaseUrl { get; }

    public SandboxState State { get; }

    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = new SandboxState(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddSingleton(state);
        var app = builder.Build();
        var api = new SandboxApi(state);
        app.MapMethods("/cgi-bin/{**api}", ["GET", "POST"], api.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), state);
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (Ctrl-C in <c>wecomguard sandbox</c>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
