namespace WeComGuard.Core.Remediation;

/// <summary>The actions WeCom Guard can take on a finding (button keys on the security team's cards, <c>--action</c> in the CLI).</summary>
public static class RemediationActionNames
{
    /// <summary>user/update enable 0.</summary>
    public const string Disable = "disable";

    /// <summary>externalcontact/groupchat/transfer of the departed owner's groups to their successor.</summary>
    public const string Transfer = "transfer";

    /// <summary>batch/invite of a member who has not activated.</summary>
    public const string Reinvite = "reinvite";

    /// <summary>Waive the finding for <c>Remediation__WaiverDays</c> days (from a card) or <c>--days</c> (CLI).</summary>
    public const string Waive = "waive";

    public static IReadOnlyList<string> All { get; } = [Disable, Transfer, Reinvite, Waive];

    /// <summary>The button text on a card.</summary>
    public static string Label(string action) => action switch
    {
        Disable => "停用账号",
        Transfer => "离职继承客户群",
        Reinvite => "重新邀请",
        Waive => "豁免",
        _ => action,
    };
}
