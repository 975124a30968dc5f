using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// group.overlap: two groups with at least <see cref="AuditOptions.OverlapMinMembers"/> members each whose member sets
/// have Jaccard similarity ≥ <see cref="AuditOptions.OverlapJaccardThreshold"/>. Subject = the chat ids sorted, joined by <c>|</c>.
/// </summary>
public static class GroupOverlapRule
{
    public static AuditRuleDefinition Definition => AuditRuleCatalog.GroupOverlap;

    public static IEnumerable<Finding> Evaluate(
        GroupOverlapDetector detector, AuditOptions options, Func<string, string?> departmentOfChat, Func<string, bool>? isInternal = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(departmentOfChat);
        foreach (var pair in detector.FindPairs(options.OverlapJaccardThreshold, options.OverlapMinMembers))
        {
            var details = new JsonObject
            {
                ["chatIds"] = new JsonArray(pair.FirstChatId, pair.SecondChatId),
                ["similarity"] = Math.Round(pair.Similarity, 4),
                ["sharedMembers"] = pair.SharedMembers,
                ["sizes"] = new JsonArray(pair.FirstSize, pair.SecondSize),
            };
            if (isInternal is not null && new[] { pair.FirstChatId, pair.SecondChatId }.Where(isInternal).ToArray() is { Length: > 0 } internalIds)
            {
                details["internalChatIds"] = new JsonArray([.. internalIds.Select(id => (JsonNode)id)]);
            }

            yield return Definition.CreateFinding(pair.Subject, details, departmentOfChat(pair.FirstChatId));
        }
    }
}
