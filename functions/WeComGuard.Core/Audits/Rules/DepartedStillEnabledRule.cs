using System.Globalization;
using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>account.departed-still-enabled: the roster says terminated with termination_date before T's date, and the account is status 1 or 4.</summary>
public sealed class DepartedStillEnabledRule : IMemberRule
{
    public AuditRuleDefinition Definition => AuditRuleCatalog.DepartedStillEnabled;

    public MemberRuleInputs Needs => MemberRuleInputs.Roster;

    public Finding? Evaluate(MemberAuditInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.RosterRow is not { } row || !row.IsDepartedAsOf(input.Clock.Today) || !input.Member.IsEnabled)
        {
            return null;
        }

        return Definition.CreateFinding(input.Member.UserId, new JsonObject
        {
            ["employeeId"] = row.EmployeeId,
            ["terminationDate"] = row.TerminationDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["status"] = input.Member.Status,
        }, input.Department);
    }
}
