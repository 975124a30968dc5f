using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.WeCom;

public static class WeComServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="WeComApiClient"/> (named HttpClient with retries on HTTP 5xx/timeouts and a per-API rate
    /// limiter) and the token cache, from the validated <c>WeCom__*</c> settings.
    /// <paramref name="configure"/> adjusts retry and timeout knobs (tests make them short).
    /// </summary>
    public static IServiceCollection AddWeComClient(this IServiceCollection services, IConfiguration configuration, Action<WeComOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(WeComApiClient)))
        {
            // Registered already (several capabilities call this): a second resilience handler would double the retries.
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        var options = services.AddValidatedOptions<WeComOptions, WeComOptionsValidator>(configuration, WeComOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<WeComRateLimiter>();
        services.TryAddTransient<WeComRateLimitHandler>();
        services.TryAddTransient<WeComBufferingHandler>();
        services.TryAddSingleton<WeComAccessTokenCache>();
        services.TryAddSingleton<WeComApiClient>();
        // The default HttpClient logs would write URLs, and WeCom URLs carry access_token (and gettoken's corpsecret).
        var http = services.AddHttpClient(WeComApiClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();

        // A redirect from WeCom's address is a proxy's login or error page: never follow it (to another host, with the token).
        http.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

        // Outer to inner: retry of HTTP 5xx and timeouts, per-attempt timeout, the rate limiter for every attempt, then
        // reading the whole JSON answer, so that the attempt timeout covers a slow body too.
        http.AddResilienceHandler("wecom-http", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<WeComOptions>>().Value;
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        Delay = options.RetryBaseDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    });
                }

                pipeline.AddTimeout(options.AttemptTimeout);
            });
        http.AddHttpMessageHandler<WeComRateLimitHandler>();
        http.AddHttpMessageHandler<WeComBufferingHandler>();
        return services;
    }
}
