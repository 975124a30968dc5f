using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Scanning;

public static class ScanningServiceCollectionExtensions
{
    /// <summary>
    /// Registers file scanning: options from <c>Scanning__*</c>, the result store, the <c>file-scan</c> queue handler and,
    /// when <c>Language__Endpoint</c> is set, the Azure AI Language PII second stage.
    /// </summary>
    public static IServiceCollection AddScanning(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton<IOptions<ScanningOptions>>(_ => Options.Create(ReadOptions(configuration)));
        services.TryAddSingleton<ScanResultStore>();
        var languageEndpoint = Setting(configuration, SettingNames.LanguageEndpoint);
        if (!string.IsNullOrWhiteSpace(languageEndpoint))
        {
            services.TryAddSingleton<ISecondStageRecognizer>(_ => new LanguagePiiRecognizer(
                new Uri(languageEndpoint),
                StorageClients.CreateCredential(configuration["AzureWebJobsStorage:credential"], configuration["AzureWebJobsStorage:clientId"]),
                new LanguagePiiOptions { ApiVersion = Setting(configuration, SettingNames.LanguageApiVersion) ?? LanguagePiiOptions.DefaultApiVersion }));
        }

        services.TryAddSingleton<FileScanQueueHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IQueueMessageHandler, FileScanQueueHandler>(provider => provider.GetRequiredService<FileScanQueueHandler>()));
        return services;
    }

    /// <summary>The <c>Scanning__*</c> settings (the function app's settings; <c>wecomguard scan</c> reads them from its environment).</summary>
    public static ScanningOptions ReadOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ScanningOptions { FingerprintKey = Setting(configuration, SettingNames.ScanningFingerprintKey) };
        if (long.TryParse(Setting(configuration, SettingNames.ScanningMaxFileBytes), NumberStyles.None, CultureInfo.InvariantCulture, out var maxBytes) && maxBytes > 0)
        {
            options.MaxFileBytes = maxBytes;
        }

        if (int.TryParse(Setting(configuration, SettingNames.ScanningTimeLimitSeconds), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            options.TimeLimitSeconds = seconds;
        }

        if (long.TryParse(Setting(configuration, SettingNames.ScanningMaxMemoryBytes), NumberStyles.None, CultureInfo.InvariantCulture, out var memory) && memory > 0)
        {
            options.MaxMemoryBytes = memory;
        }

        if (long.TryParse(Setting(configuration, SettingNames.ScanningMaxPdfStreamBytes), NumberStyles.None, CultureInfo.InvariantCulture, out var pdfStream) && pdfStream > 0)
        {
            options.MaxPdfStreamBytes = pdfStream;
        }

        if (int.TryParse(Setting(configuration, SettingNames.ScanningMaxDequeueCount), NumberStyles.None, CultureInfo.InvariantCulture, out var dequeues) && dequeues > 0)
        {
            options.MaxDequeueCount = dequeues;
        }

        return options;
    }

    /// <summary>Reads an app setting named in the <c>A__B</c> form (configuration key <c>A:B</c>).</summary>
    private static string? Setting(IConfiguration configuration, string name) => configuration[name.Replace("__", ":", StringComparison.Ordinal)];
}
