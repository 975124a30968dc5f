using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.DependencyInjection;

namespace WeComGuard.Core.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Keeps the corp secret, access tokens and other secret query values out of Application Insights. Call after
    /// every other Application Insights registration, so that this initializer runs last.
    /// </summary>
    public static IServiceCollection AddSecretRedactingTelemetry(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<ITelemetryInitializer, SecretRedactingTelemetryInitializer>();
        return services;
    }
}
