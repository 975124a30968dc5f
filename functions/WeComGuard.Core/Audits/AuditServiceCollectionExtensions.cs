using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Audits.Runs;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Notifications;
using WeComGuard.Core.Reports;

namespace WeComGuard.Core.Audits;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers the account, group and file-transfer audits as scheduled jobs, with their stores, roster and settings.
    /// They read WeCom through an <see cref="IAuditDataSource"/>, which the WeCom API client registers; without one a
    /// run is recorded as failed, naming the missing source. An <c>IGroupNoticeInspector</c> (the scanner) enables
    /// group.notice-sensitive, and an <see cref="ISecurityTeamNotifier"/> sends the run messages.
    /// </summary>
    public static IServiceCollection AddAudits(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<AuditOptions, AuditOptionsValidator>(configuration, AuditOptions.SectionName)
            .PostConfigure<IConfiguration>((options, config) =>
            {
                // One comma-separated app setting, not an array section.
                var names = config[ConfigurationPath.Combine(AuditOptions.SectionName, nameof(AuditOptions.DefaultGroupNames))];
                if (!string.IsNullOrWhiteSpace(names))
                {
                    options.DefaultGroupNames = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                }
            });
        // The audits take the thresholds as a value: the validated options, resolved once.
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<AuditOptions>>().Value);
        services.AddSecurityTeamNotifications(configuration);
        services.TryAddSingleton<IRosterSource, BlobRosterSource>();
        services.TryAddSingleton<ISensitiveFileIndex, TableSensitiveFileIndex>();
        services.TryAddSingleton<FindingStore>();
        services.TryAddSingleton<AuditRunStore>();
        services.TryAddSingleton<AuditReportStore>();
        services.TryAddSingleton<AuditRunner>();
        services.TryAddSingleton<AccountAudit>();
        services.TryAddSingleton<GroupAudit>();
        services.TryAddSingleton<FileTransferAudit>();
        services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<AccountAudit>());
        services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<GroupAudit>());
        services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<FileTransferAudit>());
        return services;
    }
}
