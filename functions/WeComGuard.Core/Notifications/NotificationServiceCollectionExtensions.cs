using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Core.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// The security team's recipients (<c>Notifications__*</c>, validated at start) and the WeCom notifier that sends
    /// to them (with the WeCom client it needs). The audits and the scanner both call this.
    /// </summary>
    public static IServiceCollection AddSecurityTeamNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddWeComClient(configuration);
        services.AddValidatedOptions<NotificationOptions, NotificationOptionsValidator>(configuration, NotificationOptions.SectionName);

        services.TryAddSingleton(provider => SecurityTeamRecipients.Parse(provider.GetRequiredService<IOptions<NotificationOptions>>().Value.SecurityTeamUserIds));
        services.TryAddSingleton<ISecurityTeamNotifier, WeComSecurityTeamNotifier>();
        return services;
    }
}
