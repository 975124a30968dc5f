using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Tests.Infrastructure;

/// <summary>Starts a generic host with WeCom Guard's real registration over the given settings, as the function app does.</summary>
public static class AppStart
{
    /// <summary>Settings under which the whole app starts: storage, a fingerprint key and one callback receiver (Tencent's vector A).</summary>
    public static Dictionary<string, string?> ValidSettings() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["Scanning:FingerprintKey"] = "startup-test-fingerprint-key",
        ["WeCom:Callbacks:contacts:Token"] = Callbacks.TencentVectors.A.Token,
        ["WeCom:Callbacks:contacts:EncodingAesKey"] = Callbacks.TencentVectors.A.EncodingAesKey,
        ["WeCom:Callbacks:contacts:ReceiveId"] = Callbacks.TencentVectors.A.CorpId,
    };

    /// <summary>Settings in app-settings form (<c>A__B</c>) changed from <see cref="ValidSettings"/>; a null value removes one.</summary>
    public static Dictionary<string, string?> ValidSettingsWith(params (string Setting, string? Value)[] changes)
    {
        var settings = ValidSettings();
        foreach (var (setting, value) in changes)
        {
            var key = setting.Replace("__", ":", StringComparison.Ordinal);
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    /// <summary>Builds and starts the host; returns the validation failure that stopped it, or null when it started.</summary>
    public static async Task<OptionsValidationException?> StartFailureAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddWeComGuard(builder.Configuration);
        using var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch (OptionsValidationException invalid)
        {
            return invalid;
        }

        await host.StopAsync();
        return null;
    }
}
