using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// account.missing-avatar: an activated member whose avatar WeCom returned empty. When the app cannot read avatars the
/// field is not returned at all and the rule is skipped.
/// </summary>
public sealed class MissingAvatarRule : IMemberRule
{
    public AuditRuleDefinition Definition => AuditRuleCatalog.MissingAvatar;

    public MemberRuleInputs Needs => MemberRuleInputs.Avatars;

    public Finding? Evaluate(MemberAuditInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Member.Status != AuditMember.StatusActivated || input.Member.Avatar != AvatarState.Empty)
        {
            return null;
        }

        return Definition.CreateFinding(input.Member.UserId, new JsonObject { ["name"] = input.Member.Name }, input.Department);
    }
}
