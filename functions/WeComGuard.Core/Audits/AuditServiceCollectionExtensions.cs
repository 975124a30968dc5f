using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Audits.Runs;
using WeComGuard.Core.DirectoryMirror;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Reports;

namespace WeComGuard.Core.Audits;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers the account, group, file-transfer, admin-action and handover audits, with their stores, roster and
    /// settings. The file-transfer, admin-action and handover audits are scheduled jobs of their own (they read live
    /// WeCom logs); the account and group audits run after the directory sync, in the nightly <c>SyncDirectory</c> job
    /// (<see cref="NightlyDirectoryAudit"/>, registered with the directory mirror). A change applied from a callback is
    /// re-checked by <see cref="ChangeRecheck"/>, which the mirror's applier calls.
    /// They read WeCom through an <see cref="IAuditDataSource"/>, which the WeCom API client registers; without one a
    /// run is recorded as failed, naming the missing source. An <c>IGroupNoticeInspector</c> (the scanner) enables
    /// group.notice-sensitive, and an <see cref="ISecurityTeamNotifier"/> sends the run messages.
    /// </summary>
    public static IServiceCollection AddAudits(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(_ => AuditOptions.FromConfiguration(configuration));
        services.TryAddSingleton(_ => SecurityTeamRecipients.FromConfiguration(configuration));
        services.TryAddSingleton<ISecurityTeamNotifier, NullSecurityTeamNotifier>();
        services.TryAddSingleton<IRosterSource, BlobRosterSource>();
        services.TryAddSingleton<ISensitiveFileIndex, TableSensitiveFileIndex>();
        services.TryAddSingleton<FindingStore>();
        services.TryAddSingleton<AuditRunStore>();
        services.TryAddSingleton<AuditReportStore>();
        services.TryAddSingleton<AuditRunner>();
        services.TryAddSingleton<AccountAudit>();
        services.TryAddSingleton<GroupAudit>();
        services.TryAddSingleton<FileTransferAudit>();
        services.TryAddSingleton<AdminAudit>();
        services.TryAddSingleton<HandoverAudit>();
        services.TryAddSingleton<ChangeRecheck>();
        services.AddSingleton<IDirectoryChangeListener>(provider => provider.GetRequiredService<ChangeRecheck>());
        services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<FileTransferAudit>());
        services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<AdminAudit>());
        services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<HandoverAudit>());
        return services;
    }
}
