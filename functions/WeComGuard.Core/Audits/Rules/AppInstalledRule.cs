namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// admin.app-installed: an app, suite or mini-program added, enabled, or its visible range or rights changed, that is not
/// on <see cref="AuditOptions.ApprovedApps"/>. An app is approved when an allowlist entry equals (NFKC, trimmed) one of
/// detail_info's field values (its name, AgentId or suite id) or the whole detail_info.
/// </summary>
public sealed class AppInstalledRule() : AdminActionRule(AuditRuleCatalog.AdminAppInstalled, AdminActionTypes.AppInstalled)
{
    public static bool IsApproved(string detailInfo, IReadOnlyCollection<string> approved)
    {
        ArgumentNullException.ThrowIfNull(approved);
        if (approved.Count == 0)
        {
            return false;
        }

        var values = AdminLogDetailMasking.Fields(detailInfo).Select(field => TextComparison.Normalize(field.Value)).Append(TextComparison.Normalize(detailInfo));
        return values.Any(value => value.Length > 0 && approved.Any(entry => TextComparison.AreSame(entry, value)));
    }

    protected override bool IsExempt(AdminOperRecord record, AuditOptions options) => IsApproved(record.DetailInfo, options.ApprovedApps);
}
