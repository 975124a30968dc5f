using System.Text.Json.Nodes;
using WeComGuard.Core.Audits.Roster;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>account.not-in-roster: a member with status 1 or 4 that matches no roster row (by userid, mobile or email).</summary>
public sealed class NotInRosterRule : IMemberRule
{
    public AuditRuleDefinition Definition => AuditRuleCatalog.NotInRoster;

    public MemberRuleInputs Needs => MemberRuleInputs.Roster;

    public Finding? Evaluate(MemberAuditInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.RosterRow is not null || !input.Member.IsEnabled)
        {
            return null;
        }

        return Definition.CreateFinding(input.Member.UserId, new JsonObject
        {
            ["name"] = input.Member.Name,
            ["status"] = input.Member.Status,
            ["mobile"] = input.Member.Mobile?.Masked,
            ["email"] = input.Member.Email?.Masked,
        }, input.Department);
    }
}
