using System.Text.Json.Nodes;
using WeComGuard.Core.Callbacks;
using WeComGuard.Core.Hosting;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Infra;

/// <summary>
/// The app finds every setting it needs wherever it runs: under the real Functions host with
/// functions/WeComGuard.Functions/local.settings.json.example, and in Azure with the Bicep app settings. A timer whose
/// <c>%Schedule%</c> setting is missing is not indexed and never runs, so the binding settings, the storage connection
/// and each configured callback receiver's settings are required in both, and each is a name the code knows.
/// </summary>
[Collection(InfraTestGroup.Name)]
[Trait("Needs", "Bicep")]
public sealed class SettingsCompletenessTests(InfraFixture infra)
{
    private static string ExamplePath => Path.Combine(RepoPaths.Root, "functions", "WeComGuard.Functions", "local.settings.json.example");

    public static TheoryData<string> Deployments => [.. InfraFixture.Deployments];

    [Fact]
    public void Local_settings_example_has_every_required_setting()
    {
        var missing = MissingRequired(ExampleSettings(), Bindings());
        Assert.True(missing.Count == 0, "Add to local.settings.json.example: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Deployments))]
    public void Bicep_app_settings_have_every_required_setting(string deployment)
    {
        var missing = MissingRequired(infra.Require(deployment).AppSettings, Bindings());
        Assert.True(missing.Count == 0, "Set in infra/main.bicep: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_setting_a_binding_names_is_one_the_code_knows()
    {
        var unknown = Bindings().Settings.Where(setting => !InfraSettings.CodeSettings.Contains(setting)).ToList();
        Assert.True(unknown.Count == 0, "Add to SettingNames: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_setting_in_the_local_settings_example_is_read_by_the_code_or_the_platform()
    {
        var unknown = ExampleSettings().Keys.Where(setting => !IsKnown(setting)).ToList();
        Assert.True(unknown.Count == 0, "Not read by WeCom Guard (typo?): " + string.Join(", ", unknown));
    }

    [Fact]
    public void A_required_setting_missing_from_the_example_is_reported()
    {
        // The check can fail: without a timer's schedule, or with half a callback receiver, or without storage.
        var example = new Dictionary<string, string>(ExampleSettings());
        Assert.Empty(MissingRequired(example, Bindings()));
        example.Remove(SettingNames.DirectorySyncSchedule);
        example.Remove(SettingNames.CallbackReceiverPrefix + "contacts__EncodingAesKey");
        example.Remove(SettingNames.Storage);
        Assert.Equal(
            [SettingNames.Storage, SettingNames.DirectorySyncSchedule, SettingNames.CallbackReceiverPrefix + "contacts__EncodingAesKey"],
            MissingRequired(example, Bindings()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_replay_window_default_is_the_codes()
    {
        // One definition: the template's default is the code's, which README documents.
        var template = infra.RequireTemplate();
        var bicepDefault = (int?)template["parameters"]!["callbackMaxSkewSeconds"]!["defaultValue"];
        Assert.Equal(new WeComCallbackOptions().CallbackMaxSkewSeconds, bicepDefault);
        Assert.Contains(
            $"`{SettingNames.CallbackMaxSkewSeconds}` | Replay window for callback timestamps (default {bicepDefault};",
            File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")),
            StringComparison.Ordinal);
    }

    /// <summary>
    /// Required settings absent from <paramref name="settings"/>: every <c>%Setting%</c> of a binding, the storage
    /// connection (a connection string, or its identity-based parts), and Token, EncodingAesKey and ReceiveId of each
    /// callback receiver the settings configure at all.
    /// </summary>
    private static List<string> MissingRequired(IReadOnlyDictionary<string, string> settings, FunctionsMetadataContract bindings)
    {
        var missing = bindings.Settings.Where(setting => !settings.ContainsKey(setting)).ToList();
        if (!settings.ContainsKey(SettingNames.Storage)
            && !settings.Keys.Any(key => key.StartsWith(SettingNames.Storage + "__", StringComparison.Ordinal)))
        {
            missing.Add(SettingNames.Storage);
        }

        var receivers = settings.Keys
            .Where(key => key.StartsWith(SettingNames.CallbackReceiverPrefix, StringComparison.Ordinal))
            .Select(key => key[SettingNames.CallbackReceiverPrefix.Length..].Split("__")[0])
            .Distinct(StringComparer.Ordinal);
        missing.AddRange(receivers
            .SelectMany(app => InfraSettings.CallbackSuffixes.Select(suffix => $"{SettingNames.CallbackReceiverPrefix}{app}__{suffix}"))
            .Where(name => !settings.ContainsKey(name)));
        return missing;
    }

    private static bool IsKnown(string setting) =>
        InfraSettings.CodeSettings.Contains(setting)
        || InfraSettings.PlatformSettings.Contains(setting)
        || (setting.StartsWith(SettingNames.CallbackReceiverPrefix, StringComparison.Ordinal)
            && InfraSettings.CallbackSuffixes.Any(suffix => setting.EndsWith("__" + suffix, StringComparison.Ordinal)));

    private static Dictionary<string, string> ExampleSettings()
    {
        var values = JsonNode.Parse(File.ReadAllText(ExamplePath))!["Values"]!.AsObject();
        return values.ToDictionary(entry => entry.Key, entry => (string?)entry.Value ?? string.Empty, StringComparer.Ordinal);
    }

    private static FunctionsMetadataContract Bindings()
    {
        var path = FunctionsMetadataContract.DefaultPath();
        Assert.True(File.Exists(path), $"{path} is missing: the test project references WeComGuard.Functions, whose build writes it.");
        return FunctionsMetadataContract.Parse(File.ReadAllText(path));
    }
}
