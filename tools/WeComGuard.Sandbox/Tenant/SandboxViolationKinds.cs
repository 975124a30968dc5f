namespace WeComGuard.Sandbox.Tenant;

/// <summary>The kinds of handbook violation a generated tenant plants.</summary>
public static class SandboxViolationKinds
{
    public const string DepartedButEnabled = "departed-but-enabled";
    public const string UnnamedGroup = "unnamed-group";
    public const string GroupOwnerDeparted = "group-owner-departed";
    public const string GroupWithDepartedMember = "group-with-departed-member";
    public const string OverlappingGroups = "overlapping-groups";
    public const string MissingPosition = "missing-position";
    public const string MissingAvatar = "missing-avatar";
    public const string NotActivatedOverdue = "not-activated-overdue";
    public const string NewDeviceLogin = "new-device-login";
    public const string SensitiveGroupNotice = "sensitive-group-notice";
    public const string MalformedRosterRow = "malformed-roster-row";
    public const string UnapprovedAppInstalled = "unapproved-app-installed";
    public const string SecretExposed = "secret-exposed";
    public const string TrustedIpChanged = "trusted-ip-changed";
    public const string DataExported = "data-exported";
    public const string AdminRightsGranted = "admin-rights-granted";
    public const string LoginBanned = "login-banned";
    public const string InteropBanned = "interop-banned";
    public const string WeChatRebound = "wechat-rebound";
    public const string MobileChanged = "mobile-changed";
    public const string NameChanged = "name-changed";
    public const string CustomersUnassigned = "customers-unassigned";
    public const string GroupsPendingHandover = "groups-pending-handover";
    public const string DepartureUnrecorded = "departure-unrecorded";
    public const string UnnamedInternalGroup = "unnamed-internal-group";
    public const string InternalGroupOwnerDeparted = "internal-group-owner-departed";
    public const string InternalGroupWithDepartedMember = "internal-group-with-departed-member";

    /// <summary>Subject: the two room ids sorted and joined by <c>|</c>, as group.overlap names the pair.</summary>
    public const string OverlappingInternalGroups = "overlapping-internal-groups";
    public const string ArchiveScopeGap = "archive-scope-gap";

    /// <summary>archive.scope-gap for a member configured for customer contact who owns and joins no customer group.</summary>
    public const string ArchiveScopeGapCustomerContact = "archive-scope-gap-customer-contact";
}
