using System.Globalization;
using System.Text.Json.Nodes;
using WeComGuard.Core.Audits.Roster;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// account.login-after-departure: a roster-terminated member has a login (oper_type 4 or 13) in the last
/// <see cref="AuditOptions.LoginAfterDepartureDays"/> days that is later than the start (China time) of the day after termination_date.
/// </summary>
public sealed class LoginAfterDepartureRule : IMemberRule
{
    public AuditRuleDefinition Definition => AuditRuleCatalog.LoginAfterDeparture;

    public MemberRuleInputs Needs => MemberRuleInputs.Roster | MemberRuleInputs.OperationLog;

    public Finding? Evaluate(MemberAuditInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.RosterRow is not { Status: RosterStatus.Terminated, TerminationDate: { } terminated } row)
        {
            return null;
        }

        var departedAt = ChinaTime.StartOf(terminated.AddDays(1));
        var from = input.Clock.AsOf.AddDays(-input.Options.LoginAfterDepartureDays);
        var logins = input.Logins
            .Where(record => record.IsLogin && record.Time >= from && record.Time < input.Clock.AsOf && record.Time > departedAt)
            .OrderBy(record => record.Time)
            .ToList();
        if (logins.Count == 0)
        {
            return null;
        }

        return Definition.CreateFinding(input.Member.UserId, new JsonObject
        {
            ["employeeId"] = row.EmployeeId,
            ["terminationDate"] = terminated.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["count"] = logins.Count,
            ["lastLogin"] = logins[^1].Time,
            ["lastOperType"] = logins[^1].OperType,
        }, input.Department);
    }
}
