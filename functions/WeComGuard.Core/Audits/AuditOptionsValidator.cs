using Microsoft.Extensions.Options;
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
        // The member log is read Audits__MemberLogLookbackDays back (older than WeCom's 180 days from the evidence); file operation records at most 14.
        problems.WholeNumber(options.MemberLogLookbackDays, SettingNames.AuditMemberLogLookbackDays, 1, 3650);
        problems.WholeNumber(options.LoginAfterDepartureDays, SettingNames.AuditLoginAfterDepartureDays, 1, Math.Max(1, options.MemberLogLookbackDays));
        problems.WholeNumber(options.OverlapMinMembers, SettingNames.AuditOverlapMinMembers, 1, 100000);
        problems.WholeNumber(options.FileTransferLookbackDays, SettingNames.AuditFileTransferLookbackDays, 1, 14);
        problems.WholeNumber(options.AccountSignalWindowDays, SettingNames.AuditAccountSignalWindowDays, 1, Math.Max(1, options.MemberLogLookbackDays));
        problems.WholeNumber(options.HandoverGraceDays, SettingNames.AuditHandoverGraceDays, 0, 365);
        // security/admin_oper_log keeps 180 days; older days are read from the log evidence, up to ten years.
        problems.WholeNumber(options.AdminLogLookbackDays, SettingNames.AuditAdminLogLookbackDays, 1, 3650);
        problems.WholeNumber(options.ArchiveRoomLookbackDays, SettingNames.AuditArchiveRoomLookbackDays, 1, 366);
        problems.Check(!(options.OverlapJaccardThreshold > 0 && options.OverlapJaccardThreshold <= 1), SettingNames.AuditOverlapJaccardThreshold, "must be a number in (0, 1].");
        problems.Check(options.DefaultGroupNames.Count == 0, SettingNames.AuditDefaultGroupNames, "must name at least one group name.");
        return problems.Result();
    }
}
