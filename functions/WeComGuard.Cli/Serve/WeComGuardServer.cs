using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Callbacks;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Storage;

namespace WeComGuard.Cli.Serve;

/// <summary>
/// <c>wecomguard serve</c>: WeCom Guard's HTTP and queue functions on Kestrel, for machines without Azure Functions
/// Core Tools. Same handlers, routes (<c>/api/...</c>), queue names and setting names as the function app; queue
/// retries and poison queues behave as the Functions host's do (host.json: maxDequeueCount 5).
/// </summary>
public static class WeComGuardServer
{
    public static WebApplication Build(string urls, IEnumerable<KeyValuePair<string, string?>> settings, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(options => options.Limits.MaxRequestBodySize = 4 * WeComCallbackHandler.MaxBodyBytes);
        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        logging?.Invoke(builder.Logging);

        builder.Services.AddWeComGuard(builder.Configuration);
        builder.Services.AddHostedService<QueuePump>();
        builder.Services.AddHostedService<ScheduledJobRunner>();

        var app = builder.Build();
        app.MapMethods("/api/wecom/callback/{app}", ["GET", "POST"], async (HttpContext context, string app) =>
        {
            var handler = context.RequestServices.GetRequiredService<WeComCallbackHandler>();
            var query = CallbackQuery.From(name => context.Request.Query.TryGetValue(name, out var value) ? value.ToString() : null);
            var response = await handler.HandleAsync(context.Request.Method, app, query, context.Request.Body, context.Request.ContentLength, context.RequestAborted);
            return Results.Text(response.Body, "text/plain; charset=utf-8", System.Text.Encoding.UTF8, response.StatusCode);
        });

        // Loopback-only operator endpoint: run a scheduled job now (what a timer would do).
        app.MapPost("/admin/jobs/{name}", async (HttpContext context, string name) =>
        {
            if (context.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
            {
                return Results.StatusCode(403);
            }

            var job = context.RequestServices.GetServices<IScheduledJob>().FirstOrDefault(j => string.Equals(j.Name, name, StringComparison.OrdinalIgnoreCase));
            if (job is null)
            {
                return Results.NotFound($"No scheduled job named {name}.");
            }

            await job.RunAsync(context.RequestAborted);
            return Results.Text($"{job.Name} ran.\n");
        });

        app.MapGet("/api/health", () => Results.Text("ok\n"));
        return app;
    }

    /// <summary>
    /// Checks the settings as the start of the host would (every options validator), then creates the tables, queues
    /// and containers (Bicep does this in Azure), so that a bad setting stops serve before it touches storage.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is wrong; the message names each such setting.</exception>
    public static Task EnsureStorageAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        return app.Services.GetRequiredService<StorageClients>().EnsureCreatedAsync(cancellationToken);
    }
}
