namespace WeComGuard.Core.Audits;

/// <summary>Every audit rule WeCom Guard raises findings for. Ids, subjects and severities are a contract with the security team.</summary>
public static class AuditRuleCatalog
{
    public static readonly AuditRuleDefinition DepartedStillEnabled = new(
        "account.departed-still-enabled", FindingSeverity.High, "§2.3.1", "离职员工账号仍可用", "Departed employee's account still enabled");

    public static readonly AuditRuleDefinition NotInRoster = new(
        "account.not-in-roster", FindingSeverity.Medium, "§1.2.1, §2.2.1", "账号不在人事花名册中", "Account not in the HR roster");

    public static readonly AuditRuleDefinition NameMismatch = new(
        "account.name-mismatch", FindingSeverity.Medium, "§1.2.1", "姓名与花名册不一致", "Name differs from the HR roster");

    public static readonly AuditRuleDefinition MissingPosition = new(
        "account.missing-position", FindingSeverity.Low, "§1.2.1, §3.3.1", "未填写职务", "Position is empty");

    public static readonly AuditRuleDefinition MissingAvatar = new(
        "account.missing-avatar", FindingSeverity.Low, "§1.2.1", "未设置头像", "No avatar set");

    public static readonly AuditRuleDefinition ActivationOverdue = new(
        "account.activation-overdue", FindingSeverity.Medium, "§2.1.2–2.1.3", "入职后逾期未激活", "Account not activated in time after hire");

    public static readonly AuditRuleDefinition PositionOutdated = new(
        "account.position-outdated", FindingSeverity.Low, "§3.3.1", "职务与花名册不一致", "Position differs from the HR roster");

    public static readonly AuditRuleDefinition NewDeviceLogins = new(
        "account.new-device-logins", FindingSeverity.Medium, "§2.2.3", "24小时内多次新设备登录", "Repeated new-device logins within 24 hours");

    public static readonly AuditRuleDefinition LoginAfterDeparture = new(
        "account.login-after-departure", FindingSeverity.High, "§2.3.3", "离职后仍有登录", "Login after departure");

    public static readonly AuditRuleDefinition AccountLoginBanned = new(
        "account.login-banned", FindingSeverity.High, "§2.2.4, §3.2.3", "账号被企业微信禁止登录", "WeCom banned the account from logging in");

    public static readonly AuditRuleDefinition AccountInteropBanned = new(
        "account.interop-banned", FindingSeverity.High, "§2.2.4, §3.2.3", "账号被企业微信限制互通", "WeCom banned the account from interop with WeChat");

    public static readonly AuditRuleDefinition AccountWeChatRebound = new(
        "account.wechat-rebound", FindingSeverity.Medium, "§2.2.2–2.2.3", "短期内换绑微信并伴随换号或新设备登录", "WeChat rebound near a mobile change or a new-device login");

    public static readonly AuditRuleDefinition AccountMobileChanged = new(
        "account.mobile-changed", FindingSeverity.Medium, "§2.2.2–2.2.3", "短期内更换手机号并伴随换绑微信或新设备登录", "Mobile changed near a WeChat rebind or a new-device login");

    public static readonly AuditRuleDefinition AccountNameChanged = new(
        "account.name-changed", FindingSeverity.Medium, "§1.2.1, §2.2.1", "成员自行改名且与花名册不一致", "Member renamed themselves away from the roster name");

    public static readonly AuditRuleDefinition GroupUnnamed = new(
        "group.unnamed", FindingSeverity.Low, "§4.2.1", "客户群未命名", "Customer group has no proper name");

    public static readonly AuditRuleDefinition GroupOwnerDeparted = new(
        "group.owner-departed", FindingSeverity.High, "§4.2.2, §2.3.2", "群主已离职，需离职继承", "Group owner has departed: transfer the group");

    public static readonly AuditRuleDefinition GroupDepartedMembers = new(
        "group.departed-members", FindingSeverity.Medium, "§4.2.2", "群内有已离职员工", "Departed employees remain in the group");

    public static readonly AuditRuleDefinition GroupOverlap = new(
        "group.overlap", FindingSeverity.Low, "§4.2.1", "客户群成员高度重复", "Customer groups with nearly the same members");

    public static readonly AuditRuleDefinition GroupNoticeSensitive = new(
        "group.notice-sensitive", FindingSeverity.High, "§3.1.3", "群公告含敏感信息", "Group notice contains sensitive data");

    public static readonly AuditRuleDefinition FileSensitiveSharedExternally = new(
        "file.sensitive-shared-externally", FindingSeverity.High, "§3.1.3, §4.1.4", "敏感文件外发", "Sensitive file shared outside the company");

    /// <summary>Raised by the file scanner (not by an audit run); listed so reports and docs know its contract.</summary>
    public static readonly AuditRuleDefinition FileSensitiveContent = new(
        "file.sensitive-content", FindingSeverity.High, "§3.1.3", "文件含敏感信息", "File contains sensitive data");

    public static readonly AuditRuleDefinition AdminAppInstalled = new(
        "admin.app-installed", FindingSeverity.High, "§3.2.3", "安装或扩大未经批准的应用", "Unapproved app, suite or mini-program added or its scope widened");

    public static readonly AuditRuleDefinition AdminSecretExposed = new(
        "admin.secret-exposed", FindingSeverity.High, "§2.2.4", "应用Secret被查看或重置", "An app Secret was viewed or reset");

    public static readonly AuditRuleDefinition AdminTrustedIpChanged = new(
        "admin.trusted-ip-changed", FindingSeverity.High, "§2.2.4", "企业可信IP被修改", "Trusted IPs changed");

    public static readonly AuditRuleDefinition AdminDataExported = new(
        "admin.data-exported", FindingSeverity.Medium, "§2.2.4, §3.1.3", "管理后台导出通讯录或客户数据", "Directory or customer data exported from the admin console");

    public static readonly AuditRuleDefinition AdminRightsGranted = new(
        "admin.rights-granted", FindingSeverity.Medium, "§2.2.4", "新增或扩大管理员权限", "Admin rights added or widened");

    public static readonly AuditRuleDefinition HandoverCustomersUnassigned = new(
        "handover.customers-unassigned", FindingSeverity.High, "§2.3.2", "离职成员的客户逾期未分配", "Departed member's customers still not handed over");

    public static readonly AuditRuleDefinition HandoverGroupsPending = new(
        "handover.groups-pending", FindingSeverity.High, "§2.3.2, §4.2.2", "离职成员的客户群逾期未继承", "Departed owner's customer group still awaiting handover");

    public static readonly AuditRuleDefinition HandoverDepartureUnrecorded = new(
        "handover.departure-unrecorded", FindingSeverity.Medium, "§2.3.1–2.3.2", "企业微信已离职但人事未记录", "WeCom shows a departure the HR roster does not");

    public static IReadOnlyList<AuditRuleDefinition> AccountRules { get; } =
    [
        DepartedStillEnabled, NotInRoster, NameMismatch, MissingPosition, MissingAvatar, ActivationOverdue, PositionOutdated,
        NewDeviceLogins, LoginAfterDeparture, AccountLoginBanned, AccountInteropBanned, AccountWeChatRebound, AccountMobileChanged,
        AccountNameChanged,
    ];

    public static IReadOnlyList<AuditRuleDefinition> GroupRules { get; } =
        [GroupUnnamed, GroupOwnerDeparted, GroupDepartedMembers, GroupOverlap, GroupNoticeSensitive];

    public static IReadOnlyList<AuditRuleDefinition> FileTransferRules { get; } = [FileSensitiveSharedExternally];

    public static IReadOnlyList<AuditRuleDefinition> AdminRules { get; } =
        [AdminAppInstalled, AdminSecretExposed, AdminTrustedIpChanged, AdminDataExported, AdminRightsGranted];

    public static IReadOnlyList<AuditRuleDefinition> HandoverRules { get; } =
        [HandoverCustomersUnassigned, HandoverGroupsPending, HandoverDepartureUnrecorded];

    public static IReadOnlyList<AuditRuleDefinition> All { get; } =
        [.. AccountRules, .. GroupRules, .. FileTransferRules, .. AdminRules, .. HandoverRules, FileSensitiveContent];
}
