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
}
