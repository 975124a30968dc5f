using WeComGuard.Core.Remediation;

namespace WeComGuard.Core.Audits;

/// <summary>
/// For each rule in <see cref="AuditRuleCatalog"/>: who is asked to act, what the nudge tells them to do, and which
/// remediation the security team can approve from WeCom. Kept beside the catalog: a rule added there without an entry
/// here fails <c>RuleResponsibilityTests</c>.
/// </summary>
public static class AuditRuleResponsibilities
{
    private static readonly Dictionary<string, RuleResponsibility> ByRule = new(StringComparer.Ordinal)
    {
        [AuditRuleCatalog.DepartedStillEnabled.Id] = new(ResponsibleParty.It, "今天停用或删除该账号，并启动离职继承", [RemediationActionNames.Disable]),
        [AuditRuleCatalog.NotInRoster.Id] = new(ResponsibleParty.It, "与人事确认此人是否在职：补入花名册或停用账号", [RemediationActionNames.Disable]),
        [AuditRuleCatalog.NameMismatch.Id] = new(ResponsibleParty.Member, "把企业微信姓名改为真实姓名（与花名册一致）", []),
        [AuditRuleCatalog.MissingPosition.Id] = new(ResponsibleParty.Member, "在企业微信中填写职务", []),
        [AuditRuleCatalog.MissingAvatar.Id] = new(ResponsibleParty.Member, "设置一张职业头像", []),
        [AuditRuleCatalog.ActivationOverdue.Id] = new(ResponsibleParty.Member, "尽快激活企业微信账号", [RemediationActionNames.Reinvite]),
        [AuditRuleCatalog.PositionOutdated.Id] = new(ResponsibleParty.Member, "更新企业微信中的职务（或告知人事更新花名册）", []),
        [AuditRuleCatalog.NewDeviceLogins.Id] = new(ResponsibleParty.SecurityTeam, "与成员确认这些设备；不是本人的，锁定账号并重置凭据", [RemediationActionNames.Disable]),
        [AuditRuleCatalog.LoginAfterDeparture.Id] = new(ResponsibleParty.It, "立即停用账号，并调查是谁登录、访问了什么", [RemediationActionNames.Disable]),
        [AuditRuleCatalog.AccountLoginBanned.Id] = new(ResponsibleParty.DirectLeader, "当天与成员确认所用的第三方工具并要求卸载", []),
        [AuditRuleCatalog.AccountInteropBanned.Id] = new(ResponsibleParty.DirectLeader, "当天与成员确认所用的第三方工具，以及给哪些客户发过消息", []),
        [AuditRuleCatalog.AccountWeChatRebound.Id] = new(ResponsibleParty.SecurityTeam, "用花名册中的号码致电成员确认换绑；非本人操作则锁定账号", [RemediationActionNames.Disable]),
        [AuditRuleCatalog.AccountMobileChanged.Id] = new(ResponsibleParty.SecurityTeam, "用花名册中的号码致电成员确认换号；非本人操作则锁定账号", [RemediationActionNames.Disable]),
        [AuditRuleCatalog.AccountNameChanged.Id] = new(ResponsibleParty.DirectLeader, "询问成员改名原因，恢复真实姓名", []),
        [AuditRuleCatalog.GroupUnnamed.Id] = new(ResponsibleParty.GroupOwner, "给客户群起一个能看出客户或项目的名称", []),
        [AuditRuleCatalog.GroupOwnerDeparted.Id] = new(ResponsibleParty.It, "把客户群离职继承给接替的同事", [RemediationActionNames.Transfer]),
        [AuditRuleCatalog.GroupDepartedMembers.Id] = new(ResponsibleParty.GroupOwner, "把已离职的员工移出客户群", []),
        [AuditRuleCatalog.GroupOverlap.Id] = new(ResponsibleParty.GroupOwner, "确认能否解散或合并其中一个群", []),
        [AuditRuleCatalog.GroupNoticeSensitive.Id] = new(ResponsibleParty.GroupOwner, "立即修改群公告，删除敏感信息", []),
        [AuditRuleCatalog.FileSensitiveSharedExternally.Id] = new(ResponsibleParty.SecurityTeam, "联系成员关闭分享链接，请接收方删除文件并登记事件", []),
        [AuditRuleCatalog.FileSensitiveContent.Id] = new(ResponsibleParty.SecurityTeam, "确认文件是否应加密或删除", []),
        [AuditRuleCatalog.AdminAppInstalled.Id] = new(ResponsibleParty.SecurityTeam, "确认应用是否获批：获批则加入白名单，否则移除", []),
        [AuditRuleCatalog.AdminSecretExposed.Id] = new(ResponsibleParty.SecurityTeam, "确认是否计划内操作；否则重置Secret并更新Key Vault", []),
        [AuditRuleCatalog.AdminTrustedIpChanged.Id] = new(ResponsibleParty.SecurityTeam, "核对新的可信IP是否为公司出口IP", []),
        [AuditRuleCatalog.AdminDataExported.Id] = new(ResponsibleParty.SecurityTeam, "向管理员确认导出目的和文件去向", []),
        [AuditRuleCatalog.AdminRightsGranted.Id] = new(ResponsibleParty.SecurityTeam, "与IT负责人确认授权；无人申请的权限予以收回", []),
        [AuditRuleCatalog.HandoverCustomersUnassigned.Id] = new(ResponsibleParty.DirectLeader, "把离职成员的客户分配给接替的同事（离职继承）", []),
        [AuditRuleCatalog.HandoverGroupsPending.Id] = new(ResponsibleParty.It, "把客户群离职继承给接替的同事", [RemediationActionNames.Transfer]),
        [AuditRuleCatalog.HandoverDepartureUnrecorded.Id] = new(ResponsibleParty.It, "请人事在花名册中登记离职", []),
        [AuditRuleCatalog.ArchiveScopeGap.Id] = new(ResponsibleParty.It, "请在会话内容存档的开启范围中加入该成员（对接客户的成员须在存档范围内）", []),
    };

    /// <summary>The rules that have an entry (every rule in the catalog, tests check).</summary>
    public static IReadOnlyCollection<string> Rules => ByRule.Keys;

    /// <summary>The rule's responsibility; <see cref="ResponsibleParty.SecurityTeam"/> for a rule id WeCom Guard does not know.</summary>
    public static RuleResponsibility For(string rule) =>
        ByRule.TryGetValue(rule, out var responsibility) ? responsibility : new RuleResponsibility(ResponsibleParty.SecurityTeam, "请安全团队处理", []);
}

/// <summary>Who acts on a rule's findings, what they are asked to do (Chinese, for the nudge), and the actions the security team can approve.</summary>
public sealed record RuleResponsibility(ResponsibleParty Party, string WhatToDo, IReadOnlyList<string> Actions);
