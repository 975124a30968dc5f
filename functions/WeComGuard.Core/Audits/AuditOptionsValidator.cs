using Microsoft.Extensions.Options;
using WeComGuard.Core.Audits.Rules;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.Audits;

/// <summary>Refuses audit thresholds outside what the rules and WeCom's APIs allow, naming the setting.</summary>
public sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new SettingProblems();
        problems.WholeNumber(options.ActivationOverdueDays, SettingNames.AuditActivationOverdueDays, 0, 3650);
        problems.WholeNumber(options.NewDeviceLoginThreshold, SettingNames.AuditNewDeviceLoginThreshold, 1, 10000);
        // security/member_oper_log reads at most 7 days back; file operation records at most 14.
        problems.WholeNumber(options.LoginAfterDepartureDays, SettingNames.AuditLoginAfterDepartureDays, 1, 7);
        problems.WholeNumber(options.OverlapMinMembers, SettingNames.AuditOverlapMinMembers, 1, 100000);
        problems.WholeNumber(options.FileTransferLookbackDays, SettingNames.AuditFileTransferLookbackDays, 1, 14);
        problems.WholeNumber(options.AccountSignalWindowDays, SettingNames.AuditAccountSignalWindowDays, 1, AccountSignalRule.LookbackDays);
        problems.WholeNumber(options.HandoverGraceDays, SettingNames.AuditHandoverGraceDays, 0, 365);
        // security/admin_oper_log keeps 180 days; a span ending now must start inside them.
        problems.WholeNumber(options.AdminLogLookbackDays, SettingNames.AuditAdminLogLookbackDays, 1, 179);
        problems.Check(!(options.OverlapJaccardThreshold > 0 && options.OverlapJaccardThreshold <= 1), SettingNames.AuditOverlapJaccardThreshold, "must be a number in (0, 1].");
        problems.Check(options.DefaultGroupNames.Count == 0, SettingNames.AuditDefaultGroupNames, "must name at least one group name.");
        return problems.Result();
    }
}
