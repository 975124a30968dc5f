using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WeComGuard.Core.Events;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Core.DirectoryMirror;

public static class DirectoryServiceCollectionExtensions
{
    /// <summary>Registers the WeCom client, the directory mirror (callback applier and store) and the <c>SyncDirectory</c> job.</summary>
    public static IServiceCollection AddWeComDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddWeComClient(configuration);
        services.AddValidatedOptions<DirectorySyncOptions, DirectorySyncOptionsValidator>(configuration, DirectorySyncOptions.SectionName);
        services.TryAddSingleton<DirectoryStore>();
        services.TryAddSingleton<DirectorySync>();
        services.AddSingleton<IScheduledJob>(sp => sp.GetRequiredService<DirectorySync>());
        services.AddSingleton<IWeComEventApplier, DirectoryMirrorApplier>();
        return services;
    }
}
