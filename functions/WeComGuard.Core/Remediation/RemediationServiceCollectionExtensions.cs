using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Events;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Notifications;

namespace WeComGuard.Core.Remediation;

public static class RemediationServiceCollectionExtensions
{
    /// <summary>
    /// The loop from findings to fixes: nudges (job SendNudges), the security team's action cards, card clicks
    /// (an event applier), approved actions, waivers and their stores, from <c>Notifications__*</c> and
    /// <c>Remediation__*</c> (validated at start).
    /// </summary>
    public static IServiceCollection AddRemediation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSecurityTeamNotifications(configuration);
        services.AddValidatedOptions<NudgeOptions, NudgeOptionsValidator>(configuration, NudgeOptions.SectionName);
        services.AddValidatedOptions<RemediationOptions, RemediationOptionsValidator>(configuration, RemediationOptions.SectionName);
        services.TryAddSingleton<WaiverStore>();
        services.TryAddSingleton<FindingQueries>();
        services.TryAddSingleton<NotificationStore>();
        services.TryAddSingleton<ActionStore>();
        services.TryAddSingleton<RemediationService>();
        services.TryAddSingleton<NudgeDispatcher>();
        services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<NudgeDispatcher>());
        services.AddSingleton<IWeComEventApplier, CardClickApplier>();
        return services;
    }
}
