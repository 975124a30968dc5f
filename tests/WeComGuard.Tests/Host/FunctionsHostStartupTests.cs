using WeComGuard.Cli.LocalRun;
using WeComGuard.Core.Hosting;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Host;

/// <summary>The function app under the real Functions host refuses to start on a bad setting, naming it.</summary>
[RequiresFunctionsHost]
[Trait("Needs", "Azurite"), Trait("Needs", "FunctionsHost")]
public sealed class FunctionsHostStartupTests : IAsyncLifetime
{
    private const string MalformedKey = "tooShortToBeAnEncodingAesKey";
    private AzuriteProcess? _azurite;

    public async Task InitializeAsync()
    {
        if (FunctionsHostAvailability.SkipReason is null)
        {
            _azurite = await AzuriteProcess.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    [AppHostFact]
    public async Task A_malformed_encoding_aes_key_stops_the_function_app_at_start_naming_the_setting()
    {
        var setting = SettingNames.CallbackReceiverPrefix + "contacts__EncodingAesKey";
        var settings = AppStart.ValidSettingsWith((setting, MalformedKey), (SettingNames.Storage, _azurite!.ConnectionString));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionsAppHost.StartAsync(
            FunctionsHostAvailability.Require(), AppHostFixture.AppOutput, RepoPaths.CreateScratchDirectory("functions-host-bad-key"), settings, CancellationToken.None));

        Assert.Contains("The function app did not start", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"Setting '{setting}' is not an EncodingAESKey", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(MalformedKey, failure.Message, StringComparison.Ordinal);
    }

    [AppHostFact]
    public async Task A_missing_fingerprint_key_stops_the_function_app_at_start_naming_the_setting()
    {
        var settings = AppStart.ValidSettingsWith((SettingNames.ScanningFingerprintKey, null), (SettingNames.Storage, _azurite!.ConnectionString));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionsAppHost.StartAsync(
            FunctionsHostAvailability.Require(), AppHostFixture.AppOutput, RepoPaths.CreateScratchDirectory("functions-host-no-key"), settings, CancellationToken.None));

        Assert.Contains($"Setting '{SettingNames.ScanningFingerprintKey}' is not set", failure.Message, StringComparison.Ordinal);
    }
}
