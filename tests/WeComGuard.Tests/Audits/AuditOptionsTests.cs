using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Notifications;

namespace WeComGuard.Tests.Audits;

public sealed class AuditOptionsTests
{
    private static ServiceProvider Services(params (string Name, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Name.Replace("__", ":", StringComparison.Ordinal), (string?)setting.Value)))
            .Build();
        return new ServiceCollection().AddAudits(configuration).BuildServiceProvider();
    }

    private static AuditOptions Options(params (string Name, string Value)[] settings)
    {
        using var services = Services(settings);
        return services.GetRequiredService<AuditOptions>();
    }

    [Fact]
    public void Defaults_match_the_handbook()
    {
        var options = Options();

        Assert.Equal((7, 3, 7, 0.8, 3, 14), (options.ActivationOverdueDays, options.NewDeviceLoginThreshold, options.LoginAfterDepartureDays,
            options.OverlapJaccardThreshold, options.OverlapMinMembers, options.FileTransferLookbackDays));
        Assert.Equal(["群聊", "新建群聊", "未命名群聊"], options.DefaultGroupNames);
    }

    [Fact]
    public void Settings_override_the_defaults()
    {
        var options = Options(
            (SettingNames.AuditActivationOverdueDays, "10"),
            (SettingNames.AuditNewDeviceLoginThreshold, "5"),
            (SettingNames.AuditOverlapJaccardThreshold, "0.9"),
            (SettingNames.AuditDefaultGroupNames, "群聊, Group chat ,"));

        Assert.Equal((10, 5, 0.9), (options.ActivationOverdueDays, options.NewDeviceLoginThreshold, options.OverlapJaccardThreshold));
        Assert.Equal(["群聊", "Group chat"], options.DefaultGroupNames);
    }

    [Theory]
    [InlineData("Audits__OverlapJaccardThreshold", "1.5")]
    [InlineData("Audits__LoginAfterDepartureDays", "8")]
    [InlineData("Audits__FileTransferLookbackDays", "30")]
    [InlineData("Audits__NewDeviceLoginThreshold", "0")]
    public void A_bad_value_names_its_setting(string setting, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options((setting, value)));

        Assert.Contains($"Setting '{setting}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_is_not_a_number_names_its_setting()
    {
        // The configuration binder's own message, with the section path.
        var error = Assert.Throws<InvalidOperationException>(() => Options(("Audits__OverlapJaccardThreshold", "abc")));

        Assert.Contains("Audits:OverlapJaccardThreshold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Security_team_recipients_are_read_from_the_notifications_setting()
    {
        using (var none = Services())
        {
            Assert.Empty(none.GetRequiredService<SecurityTeamRecipients>().UserIds);
        }

        using var two = Services((SettingNames.SecurityTeamUserIds, "sec1| sec2,"));
        Assert.Equal(["sec1", "sec2"], two.GetRequiredService<SecurityTeamRecipients>().UserIds);
    }
}
