using WeComGuard.Core.Audits;
using WeComGuard.Sandbox.Tenant;

namespace WeComGuard.Cli.LocalRun;

/// <summary>The rule each kind of planted violation should raise, with the planted subject as the finding's subject.</summary>
internal static class PlantedRules
{
    public static IReadOnlyDictionary<string, string> ByKind { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SandboxViolationKinds.DepartedButEnabled] = AuditRuleCatalog.DepartedStillEnabled.Id,
        [SandboxViolationKinds.MissingPosition] = AuditRuleCatalog.MissingPosition.Id,
        [SandboxViolationKinds.MissingAvatar] = AuditRuleCatalog.MissingAvatar.Id,
        [SandboxViolationKinds.NotActivatedOverdue] = AuditRuleCatalog.ActivationOverdue.Id,
        [SandboxViolationKinds.NewDeviceLogin] = AuditRuleCatalog.NewDeviceLogins.Id,
        [SandboxViolationKinds.UnnamedGroup] = AuditRuleCatalog.GroupUnnamed.Id,
        [SandboxViolationKinds.GroupOwnerDeparted] = AuditRuleCatalog.GroupOwnerDeparted.Id,
        [SandboxViolationKinds.GroupWithDepartedMember] = AuditRuleCatalog.GroupDepartedMembers.Id,
        [SandboxViolationKinds.SensitiveGroupNotice] = AuditRuleCatalog.GroupNoticeSensitive.Id,
        [SandboxViolationKinds.UnapprovedAppInstalled] = AuditRuleCatalog.AdminAppInstalled.Id,
        [SandboxViolationKinds.SecretExposed] = AuditRuleCatalog.AdminSecretExposed.Id,
        [SandboxViolationKinds.TrustedIpChanged] = AuditRuleCatalog.AdminTrustedIpChanged.Id,
        [SandboxViolationKinds.DataExported] = AuditRuleCatalog.AdminDataExported.Id,
        [SandboxViolationKinds.AdminRightsGranted] = AuditRuleCatalog.AdminRightsGranted.Id,
        [SandboxViolationKinds.LoginBanned] = AuditRuleCatalog.AccountLoginBanned.Id,
        [SandboxViolationKinds.InteropBanned] = AuditRuleCatalog.AccountInteropBanned.Id,
        [SandboxViolationKinds.WeChatRebound] = AuditRuleCatalog.AccountWeChatRebound.Id,
        [SandboxViolationKinds.MobileChanged] = AuditRuleCatalog.AccountMobileChanged.Id,
        [SandboxViolationKinds.NameChanged] = AuditRuleCatalog.AccountNameChanged.Id,
        [SandboxViolationKinds.CustomersUnassigned] = AuditRuleCatalog.HandoverCustomersUnassigned.Id,
        [SandboxViolationKinds.GroupsPendingHandover] = AuditRuleCatalog.HandoverGroupsPending.Id,
        [SandboxViolationKinds.DepartureUnrecorded] = AuditRuleCatalog.HandoverDepartureUnrecorded.Id,
        [SandboxViolationKinds.UnnamedInternalGroup] = AuditRuleCatalog.GroupUnnamed.Id,
        [SandboxViolationKinds.InternalGroupOwnerDeparted] = AuditRuleCatalog.GroupOwnerDeparted.Id,
        [SandboxViolationKinds.InternalGroupWithDepartedMember] = AuditRuleCatalog.GroupDepartedMembers.Id,
        [SandboxViolationKinds.OverlappingInternalGroups] = AuditRuleCatalog.GroupOverlap.Id,
        [SandboxViolationKinds.ArchiveScopeGap] = AuditRuleCatalog.ArchiveScopeGap.Id,
        [SandboxViolationKinds.ArchiveScopeGapCustomerContact] = AuditRuleCatalog.ArchiveScopeGap.Id,
    };
}
