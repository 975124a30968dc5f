using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Callbacks;
using WeComGuard.Core.DirectoryMirror;
using WeComGuard.Core.Notifications;
using WeComGuard.Core.Scanning;
using WeComGuard.Core.WeCom;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Infra;

/// <summary>
/// One definition of each default: the options classes. Where Bicep (with its own parameter defaults) or
/// local.settings.json.example sets an option, the value is the code's default, unless it is a deployment choice listed
/// here with its reason.
/// </summary>
[Collection(InfraTestGroup.Name)]
[Trait("Needs", "Bicep")]
public sealed class SettingDefaultsTests(InfraFixture infra)
{
    private static readonly object[] Options =
    [
        new AuditOptions(), new ScanningOptions(), new LanguageOptions(), new WeComOptions(), new WeComCallbackOptions(),
        new DirectorySyncOptions(), new NotificationOptions(),
    ];

    /// <summary>Deployment choices that differ from the code's default on purpose.</summary>
    private static readonly Dictionary<string, string> DeploymentChoices = new(StringComparer.Ordinal)
    {
        // WeCom also limits each API to 150,000 calls an hour: 10,000 a minute would pass it in 15 minutes of a long sync.
        ["WeCom__RateLimitPerMinute"] = "600",
    };

    [Fact]
    public void Bicep_sets_each_option_to_the_codes_default()
    {
        var settings = infra.Require("minimal").AppSettings;

        var compared = Compare(settings);

        Assert.True(compared >= 20, $"only {compared} options compared");
    }

    [Fact]
    public void The_local_settings_example_sets_each_option_to_the_codes_default()
    {
        var values = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "functions", "WeComGuard.Functions", "local.settings.json.example")))!["Values"]!.AsObject();
        var settings = values
            .Where(entry => !((string?)entry.Value ?? string.Empty).StartsWith('<'))
            .ToDictionary(entry => entry.Key, entry => (string?)entry.Value ?? string.Empty, StringComparer.Ordinal);

        Compare(settings);
    }

    private static int Compare(IReadOnlyDictionary<string, string> settings)
    {
        var defaults = CodeDefaults();
        var compared = 0;
        foreach (var (setting, value) in settings)
        {
            // An option without a default (the corp id, secrets, endpoints) is the deployment's to set; an empty value leaves the default.
            if (!defaults.TryGetValue(setting, out var expected) || expected.Length == 0 || value.Length == 0)
            {
                continue;
            }

            compared++;
            if (DeploymentChoices.TryGetValue(setting, out var choice))
            {
                Assert.True(choice == value, $"{setting} = '{value}', but the deployment choice recorded here is '{choice}'");
                continue;
            }

            Assert.True(expected == value, $"{setting} = '{value}', but the code's default is '{expected}': one definition of each default");
        }

        return compared;
    }

    /// <summary>Section__Property → the default as an app setting would spell it (lists comma-separated).</summary>
    private static Dictionary<string, string> CodeDefaults()
    {
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var options in Options)
        {
            var section = (string)options.GetType().GetField("SectionName")!.GetValue(null)!;
            foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                defaults[$"{section}__{property.Name}"] = Spell(property.GetValue(options));
            }
        }

        return defaults;
    }

    private static string Spell(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        Uri uri => uri.OriginalString,
        IEnumerable items => string.Join(',', items.Cast<object>().Select(Spell)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
