using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// handover.groups-pending: a customer group is 离职待继承 (status 1) or 离职继承中 (2) and its owner left at least
/// <see cref="AuditOptions.HandoverGraceDays"/> days before T (WeCom's dimission_time, else the roster's termination
/// date). When neither says when the owner left, the group is reported without a grace period. Subject: chat_id.
/// </summary>
public static class GroupsPendingHandoverRule
{
    public static AuditRuleDefinition Definition => AuditRuleCatalog.HandoverGroupsPending;

    public static IEnumerable<Finding> Evaluate(HandoverInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (var group in input.Groups ?? [])
        {
            var (departedAt, source) = input.DepartureOf(group.Owner);
            if (departedAt is { } at && input.Clock.AsOf - at < input.Grace)
            {
                continue;
            }

            yield return Definition.CreateFinding(group.ChatId, new JsonObject
            {
                ["status"] = group.Status == HandoverGroupChat.StatusOwnerResigned ? "离职待继承" : "离职继承中",
                ["name"] = group.Name,
                ["owner"] = group.Owner,
                ["ownerDepartedAt"] = departedAt,
                ["departureSource"] = source ?? "unknown",
                ["graceDays"] = input.Options.HandoverGraceDays,
            });
        }
    }
}
