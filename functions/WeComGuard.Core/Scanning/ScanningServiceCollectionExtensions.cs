using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Notifications;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Scanning;

public static class ScanningServiceCollectionExtensions
{
    /// <summary>
    /// Registers file scanning: validated options from <c>Scanning__*</c> and <c>Language__*</c>, the result store, the <c>file-scan</c> queue handler and,
    /// when <c>Language__Endpoint</c> is set, the Azure AI Language PII second stage.
    /// </summary>
    public static IServiceCollection AddScanning(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddScanningOptions(configuration);
        services.AddSecurityTeamNotifications(configuration);
        services.TryAddSingleton<ScanResultStore>();
        // The second stage is off (not registered) unless its endpoint is set; the validator checks the endpoint's form.
        if (!string.IsNullOrWhiteSpace(configuration[ConfigurationPath.Combine(LanguageOptions.SectionName, nameof(LanguageOptions.Endpoint))]))
        {
            services.TryAddSingleton<ISecondStageRecognizer>(provider =>
            {
                var language = provider.GetRequiredService<IOptions<LanguageOptions>>().Value;
                return new LanguagePiiRecognizer(
                    new Uri(language.Endpoint!),
                    StorageClients.CreateCredential(configuration["AzureWebJobsStorage:credential"], configuration["AzureWebJobsStorage:clientId"]),
                    new LanguagePiiOptions { ApiVersion = language.ApiVersion });
            });
        }

        services.TryAddSingleton<FileScanQueueHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IQueueMessageHandler, FileScanQueueHandler>(provider => provider.GetRequiredService<FileScanQueueHandler>()));
        return services;
    }

    /// <summary>
    /// The <c>Scanning__*</c> and <c>Language__*</c> settings, validated at start. <c>wecomguard scan</c> resolves them
    /// through this too (<see cref="ValidatedOptionsExtensions.ResolveValidatedOptions{TOptions}"/>), from its environment.
    /// </summary>
    public static IServiceCollection AddScanningOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ScanningOptions, ScanningOptionsValidator>(configuration, ScanningOptions.SectionName);
        services.AddValidatedOptions<LanguageOptions, LanguageOptionsValidator>(configuration, LanguageOptions.SectionName);
        return services;
    }
}
