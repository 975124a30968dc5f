namespace WeComGuard.Core.Audits.Rules;

/// <summary>The account takeover and lending rules (§2.2) over the member log, in the order findings are reported.</summary>
public static class AccountSignalRules
{
    private static readonly int[] WeChat = [MemberOperRecord.WeChatBound, MemberOperRecord.WeChatRebound];

    public static IReadOnlyList<IMemberRule> All { get; } =
    [
        new AccountBannedRule(AuditRuleCatalog.AccountLoginBanned, MemberOperRecord.LoginBanned),
        new AccountBannedRule(AuditRuleCatalog.AccountInteropBanned, MemberOperRecord.InteropBanned),
        new AccountChangeNearRule(AuditRuleCatalog.AccountWeChatRebound, WeChat, [MemberOperRecord.MobileChanged, MemberOperRecord.NewDeviceLogin]),
        new AccountChangeNearRule(AuditRuleCatalog.AccountMobileChanged, [MemberOperRecord.MobileChanged], [.. WeChat, MemberOperRecord.NewDeviceLogin]),
        new NameChangedRule(),
    ];
}
