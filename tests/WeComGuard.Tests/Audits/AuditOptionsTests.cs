using Microsoft.Extensions.Configuration;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Tests.Audits;

public sealed class AuditOptionsTests
{
    private static IConfiguration Settings(params (string Name, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Name.Replace("__", ":", StringComparison.Ordinal), (string?)setting.Value)))
            .Build();

    [Fact]
    public void Defaults_match_the_handbook()
    {
        var options = AuditOptions.FromConfiguration(Settings());

        Assert.Equal((7, 3, 7, 0.8, 3, 14), (options.ActivationOverdueDays, options.NewDeviceLoginThreshold, options.LoginAfterDepartureDays,
            options.OverlapJaccardThreshold, options.OverlapMinMembers, options.FileTransferLookbackDays));
        Assert.Equal(["群聊", "新建群聊", "未命名群聊"], options.DefaultGroupNames);
    }

    [Fact]
    public void Settings_override_the_defaults()
    {
        var options = AuditOptions.FromConfiguration(Settings(
            (SettingNames.AuditActivationOverdueDays, "10"),
            (SettingNames.AuditNewDeviceLoginThreshold, "5"),
            (SettingNames.AuditOverlapJaccardThreshold, "0.9"),
            (SettingNames.AuditDefaultGroupNames, "群聊, Group chat ,")));

        Assert.Equal((10, 5, 0.9), (options.ActivationOverdueDays, options.NewDeviceLoginThreshold, options.OverlapJaccardThreshold));
        Assert.Equal(["群聊", "Group chat"], options.DefaultGroupNames);
    }

    [Theory]
    [InlineData("Audits__OverlapJaccardThreshold", "1.5")]
    [InlineData("Audits__OverlapJaccardThreshold", "abc")]
    [InlineData("Audits__LoginAfterDepartureDays", "8")]
    [InlineData("Audits__FileTransferLookbackDays", "30")]
    [InlineData("Audits__NewDeviceLoginThreshold", "0")]
    public void A_bad_value_names_its_setting(string setting, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AuditOptions.FromConfiguration(Settings((setting, value))));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Security_team_recipients_are_read_from_the_notifications_setting()
    {
        Assert.Empty(SecurityTeamRecipients.FromConfiguration(Settings()).UserIds);
        Assert.Equal(["sec1", "sec2"], SecurityTeamRecipients.FromConfiguration(Settings((SettingNames.SecurityTeamUserIds, "sec1| sec2,"))).UserIds);
    }
}
