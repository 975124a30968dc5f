using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeComGuard.Cli.LocalRun;
using WeComGuard.Core.Hosting;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Cli;

/// <summary><c>wecomguard serve</c> refuses to start on a bad setting, before it touches storage.</summary>
[Trait("Needs", "Process")]
public sealed class ServeStartupTests
{
    private const string MalformedKey = "tooShortToBeAnEncodingAesKey";
    private static readonly string KeySetting = SettingNames.CallbackReceiverPrefix + "contacts__EncodingAesKey";

    [Fact]
    public async Task Serve_in_process_fails_at_start_naming_the_setting()
    {
        // Storage points at nothing: validation has to stop serve before it is reached.
        var settings = AppStart.ValidSettingsWith((KeySetting, MalformedKey), (SettingNames.Storage, "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1"));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ServeAppHost.StartAsync(settings, LogLevel.Warning, CancellationToken.None));

        Assert.Contains($"Setting '{KeySetting}' is not an EncodingAESKey", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(MalformedKey, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_serve_command_exits_2_naming_the_missing_fingerprint_key()
    {
        var values = AppStart.ValidSettingsWith((SettingNames.ScanningFingerprintKey, null), (KeySetting, MalformedKey))
            .ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);
        var file = Path.Combine(RepoPaths.CreateScratchDirectory("serve-settings"), "local.settings.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { IsEncrypted = false, Values = values }));

        var (exitCode, _, error) = await CliProcess.RunAsync("serve", "--urls", "http://127.0.0.1:0", "--settings", file);

        Assert.Equal(2, exitCode);
        Assert.Contains($"Setting '{SettingNames.ScanningFingerprintKey}' is not set", error, StringComparison.Ordinal);
        Assert.Contains($"Setting '{KeySetting}' is not an EncodingAESKey", error, StringComparison.Ordinal);
        Assert.DoesNotContain(MalformedKey, error, StringComparison.Ordinal);
    }
}
