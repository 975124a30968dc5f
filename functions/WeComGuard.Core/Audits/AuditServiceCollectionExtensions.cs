using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Audits.Archive;
using WeComGuard.Core.Audits.Evidence;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Audits.Runs;
using WeComGuard.Core.DirectoryMirror;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Notifications;
using WeComGuard.Core.Remediation;
using WeComGuard.Core.Reports;
using WeComGuard.Core.Reports.Index;

namespace WeComGuard.Core.Audits;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers the account, group, file-transfer, admin-action and handover audits, with their stores, roster and
    /// settings. The file-transfer, admin-action and handover audits are scheduled jobs of their own (they read live
    /// WeCom logs); the account and group audits run after the directory sync, in the nightly <c>SyncDirectory</c> job
    /// (<see cref="NightlyDirectoryAudit"/>, registered with the directory mirror). A change applied from a callback is
    /// re-checked by <see cref="ChangeRecheck"/>, which the mirror's applier calls.
    /// They read WeCom through an <see cref="IAuditDataSource"/>, which <c>AddWeComGuard</c> registers with the WeCom API client. An <c>IGroupNoticeInspector</c> (the scanner) enables
    /// group.notice-sensitive, and an <see cref="ISecurityTeamNotifier"/> sends the run messages.
    /// </summary>
    public static IServiceCollection AddAudits(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAuditOptions(configuration);
        // The audits take the thresholds as a value: the validated options, resolved once.
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<AuditOptions>>().Value);
        services.AddSecurityTeamNotifications(configuration);
        services.TryAddSingleton<IRosterSource, BlobRosterSource>();
        services.TryAddSingleton<IArchiveRoomLog, BlobArchiveRoomLog>();
        services.TryAddSingleton<IAuditEvidenceArchive, BlobAuditEvidenceArchive>();
        services.TryAddSingleton<ISensitiveFileIndex, TableSensitiveFileIndex>();
        services.TryAddSingleton<FindingStore>();
        services.TryAddSingleton<AuditRunStore>();
        services.TryAddSingleton<AuditReportStore>();
        // The runner applies waivers to every run and rewrites the index after it, so the audits register both stores.
        services.TryAddSingleton<WaiverStore>();
        services.TryAddSingleton<AuditIndexReader>();
        services.TryAddSingleton<AuditIndexStore>();
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

    /// <summary>
    /// The audits' thresholds from <c>Audits__*</c>, validated at start. <c>wecomguard audit</c> resolves them through
    /// this too (<see cref="ValidatedOptionsExtensions.ResolveValidatedOptions{TOptions}"/>), so both read a setting the same way.
    /// </summary>
    public static IServiceCollection AddAuditOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AuditOptions, AuditOptionsValidator>(configuration, AuditOptions.SectionName)
            .PostConfigure<IConfiguration>((options, config) =>
            {
                // Comma-separated app settings, not array sections.
                options.DefaultGroupNames = CommaSeparated(config, nameof(AuditOptions.DefaultGroupNames)) ?? options.DefaultGroupNames;
                options.ApprovedApps = CommaSeparated(config, nameof(AuditOptions.ApprovedApps)) ?? options.ApprovedApps;
            });
        return services;
    }

    private static string[]? CommaSeparated(IConfiguration configuration, string property)
    {
        var value = configuration[ConfigurationPath.Combine(AuditOptions.SectionName, property)];
        return string.IsNullOrWhiteSpace(value) ? null : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
