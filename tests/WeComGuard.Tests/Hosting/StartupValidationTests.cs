using WeComGuard.Core.Hosting;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Hosting;

/// <summary>A bad setting stops the app when it starts, with a message naming the setting and never its value.</summary>
public sealed class StartupValidationTests
{
    private const string MalformedKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF"; // 42 characters

    [Fact]
    public async Task The_app_starts_with_valid_settings()
    {
        Assert.Null(await AppStart.StartFailureAsync(AppStart.ValidSettings()));
    }

    [Fact]
    public async Task A_missing_fingerprint_key_stops_the_app_naming_the_setting()
    {
        var failure = await AppStart.StartFailureAsync(AppStart.ValidSettingsWith((SettingNames.ScanningFingerprintKey, null)));

        Assert.NotNull(failure);
        Assert.Contains($"Setting '{SettingNames.ScanningFingerprintKey}' is not set", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MalformedKey)]
    [InlineData(MalformedKey + "+")] // 43 characters, but not WeCom's alphabet
    [InlineData("")]
    public async Task A_malformed_encoding_aes_key_stops_the_app_naming_the_setting_not_the_value(string key)
    {
        var setting = SettingNames.CallbackReceiverPrefix + "contacts__EncodingAesKey";

        var failure = await AppStart.StartFailureAsync(AppStart.ValidSettingsWith((setting, key)));

        Assert.NotNull(failure);
        Assert.Contains($"Setting '{setting}' is not an EncodingAESKey", failure.Message, StringComparison.Ordinal);
        if (key.Length > 0)
        {
            Assert.DoesNotContain(key, failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_receiver_without_a_token_stops_the_app()
    {
        var setting = SettingNames.CallbackReceiverPrefix + "customer__Token";
        var failure = await AppStart.StartFailureAsync(AppStart.ValidSettingsWith(
            (SettingNames.CallbackReceiverPrefix + "customer__EncodingAesKey", Callbacks.TencentVectors.A.EncodingAesKey),
            (SettingNames.CallbackReceiverPrefix + "customer__ReceiveId", "wwcorp")));

        Assert.NotNull(failure);
        Assert.Contains($"Setting '{setting}' is not set", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SettingNames.AuditOverlapJaccardThreshold, "1.5")]
    [InlineData(SettingNames.AuditLoginAfterDepartureDays, "8")]
    [InlineData(SettingNames.AuditFileTransferLookbackDays, "30")]
    [InlineData(SettingNames.AuditNewDeviceLoginThreshold, "0")]
    [InlineData(SettingNames.WeComApiBaseUrl, "ftp://qyapi.weixin.qq.com")]
    [InlineData(SettingNames.WeComMaxPagesPerListing, "0")]
    [InlineData(SettingNames.WeComRateLimitPerMinute, "-1")]
    [InlineData(SettingNames.CallbackMaxSkewSeconds, "-1")]
    [InlineData(SettingNames.ScanningMaxFileBytes, "0")]
    [InlineData(SettingNames.ScanningMaxDequeueCount, "0")]
    [InlineData(SettingNames.LanguageEndpoint, "http://language.example.com")]
    [InlineData(SettingNames.DirectorySyncApiParallelism, "0")]
    [InlineData(SettingNames.SecurityTeamUserIds, "sec1,not a userid")]
    public async Task A_value_out_of_range_stops_the_app_naming_the_setting(string setting, string value)
    {
        var failure = await AppStart.StartFailureAsync(AppStart.ValidSettingsWith((setting, value)));

        Assert.NotNull(failure);
        Assert.Contains($"Setting '{setting}'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_problem_is_named_at_once()
    {
        var failure = await AppStart.StartFailureAsync(AppStart.ValidSettingsWith(
            (SettingNames.ScanningFingerprintKey, null), (SettingNames.ScanningTimeLimitSeconds, "0")));

        Assert.NotNull(failure);
        Assert.Contains(SettingNames.ScanningFingerprintKey, failure.Message, StringComparison.Ordinal);
        Assert.Contains(SettingNames.ScanningTimeLimitSeconds, failure.Message, StringComparison.Ordinal);
    }
}
