using System.Globalization;
using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// account.activation-overdue: not activated (status 4), matched an active roster row, and hire_date is at least
/// <see cref="AuditOptions.ActivationOverdueDays"/> days before T's date (China).
/// </summary>
public sealed class ActivationOverdueRule : IMemberRule
{
    public AuditRuleDefinition Definition => AuditRuleCatalog.ActivationOverdue;

    public MemberRuleInputs Needs => MemberRuleInputs.Roster;

    public Finding? Evaluate(MemberAuditInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Member.Status != AuditMember.StatusNotActivated || !input.MatchesActiveRosterRow
            || input.RosterRow!.HireDate is not { } hired)
        {
            return null;
        }

        var daysSinceHire = input.Clock.Today.DayNumber - hired.DayNumber;
        if (daysSinceHire < input.Options.ActivationOverdueDays)
        {
            return null;
        }

        return Definition.CreateFinding(input.Member.UserId, new JsonObject
        {
            ["employeeId"] = input.RosterRow.EmployeeId,
            ["hireDate"] = hired.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["daysSinceHire"] = daysSinceHire,
        }, input.Department);
    }
}
