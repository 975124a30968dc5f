namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// What the account takeover and lending rules share: the member log records they read (oper_type 5 mobile changed,
/// 6 WeChat bound, 7 WeChat rebound, 9 login banned, 12 name changed, 20 interop banned) over the last
/// <see cref="AuditOptions.MemberLogLookbackDays"/> days (7 by default, WeCom's longest span for one member_oper_log/list call).
/// </summary>
public static class AccountSignalRule
{
    public static bool IsSignal(MemberOperRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.OperType is MemberOperRecord.MobileChanged or MemberOperRecord.WeChatBound or MemberOperRecord.WeChatRebound
            or MemberOperRecord.LoginBanned or MemberOperRecord.NameChanged or MemberOperRecord.InteropBanned;
    }

    internal static void Add(Dictionary<string, List<MemberOperRecord>> byUser, MemberOperRecord record)
    {
        if (!byUser.TryGetValue(record.UserId, out var list))
        {
            list = [];
            byUser.Add(record.UserId, list);
        }

        list.Add(record);
    }

    /// <summary>The member's records of <paramref name="operTypes"/> in [T − <see cref="AuditOptions.MemberLogLookbackDays"/> days, T), oldest first.</summary>
    internal static List<MemberOperRecord> InWindow(MemberAuditInput input, IEnumerable<MemberOperRecord> records, params int[] operTypes)
    {
        var from = input.Clock.AsOf.AddDays(-input.Options.MemberLogLookbackDays);
        return records
            .Where(record => operTypes.Contains(record.OperType) && record.Time >= from && record.Time < input.Clock.AsOf)
            .OrderBy(record => record.Time)
            .ToList();
    }
}
