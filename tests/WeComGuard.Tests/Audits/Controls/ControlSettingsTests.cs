using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Tests.Audits.Controls;

/// <summary>The settings of the admin, account-signal and handover rules: read from app settings, refused out of WeCom's windows.</summary>
public sealed class ControlSettingsTests
{
    private static AuditOptions Read(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value))
            .Build()
            .ResolveValidatedOptions<AuditOptions>(AuditServiceCollectionExtensions.AddAuditOptions);

    [Fact]
    public void Defaults_and_overrides()
    {
        var defaults = Read();
        Assert.Empty(defaults.ApprovedApps);
        Assert.Equal((30, 3, 3), (defaults.AdminLogLookbackDays, defaults.AccountSignalWindowDays, defaults.HandoverGraceDays));

        var set = Read(("Audits__ApprovedApps", " WeCom Guard, 1000002 ,,"), ("Audits__AdminLogLookbackDays", "400"), ("Audits__AccountSignalWindowDays", "7"), ("Audits__HandoverGraceDays", "0"));
        Assert.Equal(["WeCom Guard", "1000002"], set.ApprovedApps);
        Assert.Equal((400, 7, 0), (set.AdminLogLookbackDays, set.AccountSignalWindowDays, set.HandoverGraceDays));

        // A longer member-log look-back widens what the windows of the account rules may be.
        Assert.Equal(7, defaults.MemberLogLookbackDays);
        var longer = Read(("Audits__MemberLogLookbackDays", "400"), ("Audits__LoginAfterDepartureDays", "30"), ("Audits__AccountSignalWindowDays", "14"));
        Assert.Equal((400, 30, 14), (longer.MemberLogLookbackDays, longer.LoginAfterDepartureDays, longer.AccountSignalWindowDays));
    }

    [Theory]
    [InlineData("Audits__AdminLogLookbackDays", "0")] // beyond 179 days is read from the log evidence, up to ten years
    [InlineData("Audits__AdminLogLookbackDays", "3651")]
    [InlineData("Audits__AccountSignalWindowDays", "8")]
    [InlineData("Audits__HandoverGraceDays", "-1")]
    [InlineData("Audits__MemberLogLookbackDays", "0")]
    [InlineData("Audits__MemberLogLookbackDays", "3651")]
    public void Values_out_of_range_are_refused_by_setting_name(string setting, string value) =>
        Assert.Contains(setting, Assert.Throws<OptionsValidationException>(() => Read((setting, value))).Message, StringComparison.Ordinal);
}
