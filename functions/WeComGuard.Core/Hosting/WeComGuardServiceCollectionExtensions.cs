using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Rules;
using WeComGuard.Core.Callbacks;
using WeComGuard.Core.DirectoryMirror;
using WeComGuard.Core.Remediation;
using WeComGuard.Core.Scanning;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Hosting;

public static class WeComGuardServiceCollectionExtensions
{
    /// <summary>
    /// Registers everything WeCom Guard's functions need. The Azure Functions app and <c>wecomguard serve</c> both call
    /// this, so they run the same services with the same settings.
    /// </summary>
    public static IServiceCollection AddWeComGuard(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => StorageClients.FromConfiguration(configuration));
        services.AddLogging();
        services.AddHttpClient();
        services.AddWeComCallbacks(configuration);
        services.AddAudits(configuration);
        services.AddScanning(configuration);
        services.AddWeComDirectory(configuration);
        services.AddRemediation(configuration);
        services.TryAddSingleton(provider => new WeComAuditDataSource(provider.GetRequiredService<WeCom.WeComApiClient>(), provider.GetRequiredService<ContactFingerprinter>()));
        services.TryAddSingleton<IAuditDataSource, MirrorAuditDataSource>();
        services.TryAddSingleton<IGroupNoticeInspector, ScannerGroupNoticeInspector>();
        return services;
    }
}
