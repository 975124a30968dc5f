using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>group.unnamed: the group's name is empty or one of the names WeCom gives unnamed groups (setting).</summary>
public sealed class GroupUnnamedRule : IGroupRule
{
    public AuditRuleDefinition Definition => AuditRuleCatalog.GroupUnnamed;

    public Finding? Evaluate(GroupAuditInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = TextComparison.Normalize(input.Chat.Name);
        if (name.Length > 0 && !input.Options.DefaultGroupNames.Any(unnamed => TextComparison.AreSame(unnamed, name)))
        {
            return null;
        }

        return Definition.CreateFinding(input.Chat.ChatId, new JsonObject
        {
            ["name"] = input.Chat.Name ?? string.Empty,
            ["owner"] = input.Chat.Owner,
        }, input.Department);
    }
}
