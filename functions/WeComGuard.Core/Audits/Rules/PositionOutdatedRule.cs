using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>account.position-outdated: matched an active roster row, both positions are set and differ after trimming and NFKC.</summary>
public sealed class PositionOutdatedRule : IMemberRule
{
    public AuditRuleDefinition Definition => AuditRuleCatalog.PositionOutdated;

    public MemberRuleInputs Needs => MemberRuleInputs.Roster;

    public Finding? Evaluate(MemberAuditInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.MatchesActiveRosterRow)
        {
            return null;
        }

        var wecom = TextComparison.Normalize(input.Member.Position);
        var roster = TextComparison.Normalize(input.RosterRow!.Position);
        if (wecom.Length == 0 || roster.Length == 0 || string.Equals(wecom, roster, StringComparison.Ordinal))
        {
            return null;
        }

        return Definition.CreateFinding(input.Member.UserId, new JsonObject
        {
            ["employeeId"] = input.RosterRow.EmployeeId,
            ["wecomPosition"] = input.Member.Position,
            ["rosterPosition"] = input.RosterRow.Position,
        }, input.Department);
    }
}
