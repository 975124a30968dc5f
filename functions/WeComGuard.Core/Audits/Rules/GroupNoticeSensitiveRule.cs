using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// group.notice-sensitive: the scanner finds sensitive data of medium confidence or more in the group notice (inspected
/// now when the notice text was read live, or when the group was mirrored).
/// </summary>
public sealed class GroupNoticeSensitiveRule
{
    private readonly IGroupNoticeInspector _inspector;

    public GroupNoticeSensitiveRule(IGroupNoticeInspector inspector)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        _inspector = inspector;
    }

    public static AuditRuleDefinition Definition => AuditRuleCatalog.GroupNoticeSensitive;

    public async Task<Finding?> EvaluateAsync(GroupAuditInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        NoticeDetection? detection;
        if (input.Chat.NoticeVerdict is { } verdict)
        {
            // Read from the mirror: the notice was inspected when the group was mirrored.
            detection = verdict.Detection;
        }
        else if (string.IsNullOrWhiteSpace(input.Chat.Notice))
        {
            return null;
        }
        else
        {
            detection = await _inspector.InspectAsync(input.Chat.Notice, cancellationToken).ConfigureAwait(false);
        }

        if (detection is null || detection.Confidence < DetectionConfidence.Medium)
        {
            return null;
        }

        return Definition.CreateFinding(input.Chat.ChatId, new JsonObject
        {
            ["name"] = input.Chat.Name ?? string.Empty,
            ["owner"] = input.Chat.Owner,
            ["category"] = detection.Category,
            ["confidence"] = detection.Confidence.ToString().ToLowerInvariant(),
            ["maskedValue"] = detection.MaskedValue,
        }, input.Department);
    }
}
