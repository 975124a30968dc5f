namespace WeComGuard.Core.Audits.Rules;

/// <summary>The admin audit's rules, in the order findings are reported.</summary>
public static class AdminRules
{
    public static IReadOnlyList<AdminActionRule> All { get; } =
    [
        new AppInstalledRule(),
        new AdminActionRule(AuditRuleCatalog.AdminSecretExposed, AdminActionTypes.SecretExposed),
        new AdminActionRule(AuditRuleCatalog.AdminTrustedIpChanged, AdminActionTypes.TrustedIpChanged),
        new AdminActionRule(AuditRuleCatalog.AdminDataExported, AdminActionTypes.DataExported),
        new AdminActionRule(AuditRuleCatalog.AdminRightsGranted, AdminActionTypes.RightsGranted),
    ];
}
