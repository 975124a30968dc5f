using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>account.name-mismatch: the member matched an active roster row and the names differ after trimming and NFKC.</summary>
public sealed class NameMismatchRule : IMemberRule
{
    public AuditRuleDefinition Definition => AuditRuleCatalog.NameMismatch;

    public MemberRuleInputs Needs => MemberRuleInputs.Roster;

    public Finding? Evaluate(MemberAuditInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.MatchesActiveRosterRow || TextComparison.AreSame(input.Member.Name, input.RosterRow!.Name))
        {
            return null;
        }

        return Definition.CreateFinding(input.Member.UserId, new JsonObject
        {
            ["employeeId"] = input.RosterRow.EmployeeId,
            ["wecomName"] = input.Member.Name,
            ["rosterName"] = input.RosterRow.Name,
        }, input.Department);
    }
}
