using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// group.owner-departed: the owner is roster-terminated, disabled (2), exited (5) or not in the directory. The group
/// needs 离职继承 (groupchat/transfer) to a current employee.
/// </summary>
public sealed class GroupOwnerDepartedRule : IGroupRule
{
    public AuditRuleDefinition Definition => AuditRuleCatalog.GroupOwnerDeparted;

    public Finding? Evaluate(GroupAuditInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Directory.DepartureReason(input.Chat.Owner) is not { } reason)
        {
            return null;
        }

        return Definition.CreateFinding(input.Chat.ChatId, new JsonObject
        {
            ["name"] = input.Chat.Name ?? string.Empty,
            ["owner"] = input.Chat.Owner,
            ["reason"] = reason,
            ["action"] = "groupchat/transfer",
        }, input.Department);
    }
}
