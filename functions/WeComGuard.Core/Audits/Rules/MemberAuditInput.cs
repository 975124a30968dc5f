using WeComGuard.Core.Audits.Roster;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// One member as the account rules see it: the member, the roster row it matched (if any), its login records
/// (oper_type 4 and 13) in the look-back window, the run's clock and thresholds.
/// </summary>
public sealed record MemberAuditInput(
    AuditMember Member,
    RosterRow? RosterRow,
    IReadOnlyList<MemberOperRecord> Logins,
    AuditClock Clock,
    AuditOptions Options)
{
    /// <summary>The department findings are grouped by in reports: the roster's, else the member's first department id.</summary>
    public string? Department =>
        RosterRow?.Department ?? (Member.DepartmentIds.Count > 0 ? $"dept:{Member.DepartmentIds[0]}" : null);

    public bool MatchesActiveRosterRow => RosterRow is { Status: RosterStatus.Active };

    /// <summary>The member's account-change and ban records (oper_type 5, 6, 7, 9, 12, 20) of the last 7 days (<see cref="AccountSignalRule"/>).</summary>
    public IReadOnlyList<MemberOperRecord> Signals { get; init; } = [];
}
