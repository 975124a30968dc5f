using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Rules;
using WeComGuard.Core.Events;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Scanning;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Core.DirectoryMirror;

public static class DirectoryServiceCollectionExtensions
{
    /// <summary>
    /// Registers the WeCom client, the directory mirror (callback applier and store, with the contact fingerprinter on
    /// <c>Scanning__FingerprintKey</c> and the scanner's notice inspector) and the nightly <c>SyncDirectory</c> job, which
    /// runs the sync and then the account and group audits (those come from <c>AddAudits</c>).
    /// </summary>
    public static IServiceCollection AddWeComDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddWeComClient(configuration);
        services.AddValidatedOptions<DirectorySyncOptions, DirectorySyncOptionsValidator>(configuration, DirectorySyncOptions.SectionName);
        services.TryAddSingleton(provider => ContactFingerprinter.FromKey(() => provider.GetRequiredService<IOptions<ScanningOptions>>().Value.FingerprintKey));
        services.TryAddSingleton<IGroupNoticeInspector, ScannerGroupNoticeInspector>();
        services.TryAddSingleton<GroupMembershipIndex>();
        services.TryAddSingleton<DirectoryStore>();
        services.TryAddSingleton<DirectorySyncRunStore>();
        services.TryAddSingleton<DirectorySync>();
        services.TryAddSingleton<NightlyDirectoryAudit>();
        services.AddSingleton<IScheduledJob>(sp => sp.GetRequiredService<NightlyDirectoryAudit>());
        services.AddSingleton<IWeComEventApplier, DirectoryMirrorApplier>();
        return services;
    }
}
