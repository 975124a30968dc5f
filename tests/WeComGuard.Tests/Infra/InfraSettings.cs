using System.Reflection;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Storage;

namespace WeComGuard.Tests.Infra;

/// <summary>What the code says about app settings and storage names, read from SettingNames and StorageNames by reflection.</summary>
public static class InfraSettings
{
    /// <summary>Settings the platform reads (Functions host, Application Insights, Azure.Identity), not WeCom Guard's code.</summary>
    public static IReadOnlyList<string> PlatformSettings { get; } =
    [
        "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri",
        "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "AZURE_CLIENT_ID",
        // Elastic Premium only: the runtime, and the package blob read with the identity.
        "FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID",
    ];

    /// <summary>Per-receiver callback settings, after <see cref="SettingNames.CallbackReceiverPrefix"/>{app}__.</summary>
    public static IReadOnlyList<string> CallbackSuffixes { get; } = ["Token", "EncodingAesKey", "ReceiveId"];

    /// <summary>Callback settings that are secrets (ReceiveId is the CorpID).</summary>
    public static IReadOnlyList<string> CallbackSecretSuffixes { get; } = ["Token", "EncodingAesKey"];

    /// <summary>Every setting name constant in SettingNames; names ending in "__" are prefixes of per-item settings.</summary>
    public static IReadOnlyList<string> CodeSettings { get; } = ConstantsOf(typeof(SettingNames));

    public static IReadOnlyList<string> CodeSecretSettings => SettingNames.Secrets;

    /// <summary>A name that says it holds a secret: such a setting must be a Key Vault reference.</summary>
    public static bool LooksSecret(string settingName)
    {
        ArgumentNullException.ThrowIfNull(settingName);
        var last = settingName.Split("__")[^1];
        return CodeSecretSettings.Contains(settingName)
            || last.EndsWith("Secret", StringComparison.OrdinalIgnoreCase)
            || last.EndsWith("Token", StringComparison.OrdinalIgnoreCase)
            || last.EndsWith("Password", StringComparison.OrdinalIgnoreCase)
            || last.EndsWith("Key", StringComparison.OrdinalIgnoreCase);
    }

    public static IReadOnlyList<string> Tables => StorageNames.Tables;

    public static IReadOnlyList<string> Containers => StorageNames.Containers;

    /// <summary>Each queue and its poison queue (the Functions host moves failed messages there).</summary>
    public static IReadOnlyList<string> QueuesWithPoison =>
        StorageNames.Queues.SelectMany(queue => new[] { queue, queue + StorageNames.PoisonSuffix }).ToList();

    /// <summary>
    /// The settings the code reads that the given app settings lack: each SettingNames constant (the storage connection in
    /// its identity-based form), and for each callback receiver its Token, EncodingAesKey and ReceiveId.
    /// </summary>
    public static IReadOnlyList<string> Missing(
        IEnumerable<string> codeSettings, IReadOnlyDictionary<string, string> appSettings, IEnumerable<string> callbackApps)
    {
        ArgumentNullException.ThrowIfNull(codeSettings);
        ArgumentNullException.ThrowIfNull(appSettings);
        ArgumentNullException.ThrowIfNull(callbackApps);
        var missing = new List<string>();
        foreach (var setting in codeSettings)
        {
            if (setting == SettingNames.CallbackReceiverPrefix)
            {
                missing.AddRange(callbackApps
                    .SelectMany(app => CallbackSuffixes.Select(suffix => $"{setting}{app}__{suffix}"))
                    .Where(name => !appSettings.ContainsKey(name)));
            }
            else if (setting.EndsWith("__", StringComparison.Ordinal))
            {
                if (!appSettings.Keys.Any(key => key.StartsWith(setting, StringComparison.Ordinal)))
                {
                    missing.Add(setting + "*");
                }
            }
            else if (setting == SettingNames.Storage)
            {
                missing.AddRange(new[] { "credential", "clientId", "blobServiceUri", "queueServiceUri", "tableServiceUri" }
                    .Select(part => $"{setting}__{part}")
                    .Where(name => !appSettings.ContainsKey(name) && !appSettings.ContainsKey(setting)));
            }
            else if (!appSettings.ContainsKey(setting))
            {
                missing.Add(setting);
            }
        }

        return missing;
    }

    private static List<string> ConstantsOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();
}
