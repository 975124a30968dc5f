using Microsoft.ApplicationInsights.WorkerService;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeComGuard.Core.Telemetry;

namespace WeComGuard.Functions;

/// <summary>The function app's Application Insights wiring (Program.cs), in one place so that tests run exactly it.</summary>
public static class ApplicationInsightsSetup
{
    /// <param name="configure">Tests: adjusts the options after the app settings (APPLICATIONINSIGHTS_CONNECTION_STRING) are read.</param>
    public static IServiceCollection AddWeComGuardApplicationInsights(this IServiceCollection services, Action<ApplicationInsightsServiceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights()
            .AddSecretRedactingTelemetry(); // last, so that it sees what the other initializers set
        if (configure is not null)
        {
            services.Configure(configure);
        }

        // Application Insights adds a Warning-level filter by default, which would drop WeCom Guard's Information logs.
        services.Configure<LoggerFilterOptions>(filter =>
        {
            var defaultRule = filter.Rules.FirstOrDefault(rule =>
                rule.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
            if (defaultRule is not null)
            {
                filter.Rules.Remove(defaultRule);
            }
        });
        return services;
    }
}
