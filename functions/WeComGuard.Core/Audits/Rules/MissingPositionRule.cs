using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>account.missing-position: an activated member (status 1) with an empty position.</summary>
public sealed class MissingPositionRule : IMemberRule
{
    public AuditRuleDefinition Definition => AuditRuleCatalog.MissingPosition;

    public MemberRuleInputs Needs => MemberRuleInputs.None;

    public Finding? Evaluate(MemberAuditInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Member.Status != AuditMember.StatusActivated || TextComparison.Normalize(input.Member.Position).Length > 0)
        {
            return null;
        }

        return Definition.CreateFinding(input.Member.UserId, new JsonObject { ["name"] = input.Member.Name }, input.Department);
    }
}
