using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Audits.Rules;

namespace WeComGuard.Core.Audits;

/// <summary>
/// Evaluates the group rules: builds the directory of who has departed, streams group chats through the per-chat
/// rules and the notice inspector, then finds overlapping groups in one pass.
/// </summary>
public static class GroupAuditEvaluator
{
    public static async Task<AuditOutcome> EvaluateAsync(
        IAuditDataSource source,
        IRosterSource? rosterSource,
        IGroupNoticeInspector? noticeInspector,
        AuditOptions options,
        AuditClock clock,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var incomplete = new List<string>();
        var (roster, rosterProblem) = await RosterLoader.LoadAsync(rosterSource, cancellationToken).ConfigureAwait(false);
        if (rosterProblem is not null)
        {
            incomplete.Add(rosterProblem);
        }

        // An incomplete directory would make present members look "not in the directory": let that fail the run.
        var directory = await GroupDirectory.CreateAsync(
            source.GetMembersAsync(cancellationToken), roster is null ? null : new RosterMatcher(roster.Rows, source.Contacts), clock.Today, cancellationToken).ConfigureAwait(false);

        var noticeRule = noticeInspector is null ? null : new GroupNoticeSensitiveRule(noticeInspector);
        var findings = new List<Finding>();
        var overlap = new GroupOverlapDetector();
        var ownerByChat = new Dictionary<string, string>(StringComparer.Ordinal);
        var noticesNotInspected = 0;
        try
        {
            await foreach (var chat in source.GetGroupChatsAsync(cancellationToken).ConfigureAwait(false))
            {
                var input = new GroupAuditInput(chat, directory, options);
                foreach (var rule in GroupRules.All)
                {
                    if (rule.Evaluate(input) is { } finding)
                    {
                        findings.Add(finding);
                    }
                }

                if (chat.NoticeVerdict is { Inspected: false })
                {
                    noticesNotInspected++;
                }

                if (noticeRule is not null && await noticeRule.EvaluateAsync(input, cancellationToken).ConfigureAwait(false) is { } noticeFinding)
                {
                    findings.Add(noticeFinding);
                }

                ownerByChat[chat.ChatId] = chat.Owner;
                overlap.Add(chat.ChatId, chat.Members.Select(member => member.UserId));
            }
        }
        catch (AuditDataIncompleteException error)
        {
            incomplete.Add($"the group chats could not be read completely: {error.Message}");
        }

        findings.AddRange(GroupOverlapRule.Evaluate(
            overlap, options, chatId => ownerByChat.TryGetValue(chatId, out var owner) ? directory.DepartmentOf(owner) : null));

        var evaluated = new List<string>
        {
            AuditRuleCatalog.GroupUnnamed.Id, AuditRuleCatalog.GroupOwnerDeparted.Id, AuditRuleCatalog.GroupDepartedMembers.Id, AuditRuleCatalog.GroupOverlap.Id,
        };
        var noticeSkippedBecause = noticeRule is null
            ? "no group notice inspector (the file scanner's detectors) is configured"
            : noticesNotInspected > 0
                ? $"{noticesNotInspected} group notice(s) were mirrored without a notice inspector; the next directory sync inspects them"
                : null;
        if (noticeSkippedBecause is null)
        {
            evaluated.Add(AuditRuleCatalog.GroupNoticeSensitive.Id);
        }

        return new AuditOutcome(
            findings,
            evaluated,
            incomplete,
            roster?.Problems ?? [],
            new Dictionary<string, int>
            {
                ["members"] = directory.Count,
                ["groups"] = ownerByChat.Count,
                ["rosterRows"] = roster?.Rows.Count ?? 0,
                ["rosterProblems"] = roster?.Problems.Count ?? 0,
            })
        {
            SkippedRules = noticeSkippedBecause is null ? [] : [new AuditSkippedRule(AuditRuleCatalog.GroupNoticeSensitive.Id, noticeSkippedBecause)],
        };
    }
}
