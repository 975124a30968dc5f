using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// group.departed-members: internal members (type 1) other than the owner who are roster-terminated, disabled, exited or
/// not in the directory. Details list them, sorted by userid.
/// </summary>
public sealed class GroupDepartedMembersRule : IGroupRule
{
    public AuditRuleDefinition Definition => AuditRuleCatalog.GroupDepartedMembers;

    public Finding? Evaluate(GroupAuditInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var departed = input.Chat.Members
            .Where(member => member.IsInternal && !string.Equals(member.UserId, input.Chat.Owner, StringComparison.Ordinal))
            .Select(member => member.UserId)
            .Distinct(StringComparer.Ordinal)
            .Select(userId => (UserId: userId, Reason: input.Directory.DepartureReason(userId)))
            .Where(member => member.Reason is not null)
            .OrderBy(member => member.UserId, StringComparer.Ordinal)
            .ToList();
        if (departed.Count == 0)
        {
            return null;
        }

        return Definition.CreateFinding(input.Chat.ChatId, new JsonObject
        {
            ["name"] = input.Chat.Name ?? string.Empty,
            ["count"] = departed.Count,
            ["members"] = new JsonArray([.. departed.Select(member => (JsonNode)new JsonObject
            {
                ["userid"] = member.UserId,
                ["reason"] = member.Reason,
            })]),
        }, input.Department);
    }
}
