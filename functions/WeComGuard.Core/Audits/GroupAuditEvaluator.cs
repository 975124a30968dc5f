using WeComGuard.Core.Audits.Archive;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Audits.Rules;

namespace WeComGuard.Core.Audits;

/// <summary>
/// Evaluates the group rules: builds the directory of who has departed, streams customer groups and then internal groups
/// (会话内容存档, from the room ids the chat-archive exporter saw) through the per-chat rules and the notice inspector,
/// finds overlapping groups across both in one pass, and checks that members who talk to customers are archived.
/// </summary>
public static class GroupAuditEvaluator
{
    /// <summary>The rules that also look at internal groups: named as skipped, for internal groups, when those cannot be read.</summary>
    private static readonly string[] InternalGroupRules =
        [AuditRuleCatalog.GroupUnnamed.Id, AuditRuleCatalog.GroupOwnerDeparted.Id, AuditRuleCatalog.GroupDepartedMembers.Id, AuditRuleCatalog.GroupOverlap.Id];

    public static Task<AuditOutcome> EvaluateAsync(
        IAuditDataSource source,
        IRosterSource? rosterSource,
        IGroupNoticeInspector? noticeInspector,
        AuditOptions options,
        AuditClock clock,
        CancellationToken cancellationToken) =>
        EvaluateAsync(source, rosterSource, noticeInspector, null, options, clock, cancellationToken);

    public static async Task<AuditOutcome> EvaluateAsync(
        IAuditDataSource source,
        IRosterSource? rosterSource,
        IGroupNoticeInspector? noticeInspector,
        IArchiveRoomLog? roomLog,
        AuditOptions options,
        AuditClock clock,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var incomplete = new List<string>();
        var skipped = new List<AuditSkippedRule>();
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
        var internalChats = new HashSet<string>(StringComparer.Ordinal);
        var scopeGap = new ArchiveScopeGapRule();
        var noticesNotInspected = 0;

        async Task CheckAsync(AuditGroupChat chat)
        {
            var input = new GroupAuditInput(chat, directory, options);
            var before = findings.Count;
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

            if (chat.IsInternal)
            {
                internalChats.Add(chat.ChatId);
                for (var i = before; i < findings.Count; i++)
                {
                    findings[i].Details["internal"] = true;
                }
            }

            ownerByChat[chat.ChatId] = chat.Owner;
            overlap.Add(chat.ChatId, chat.Members.Select(member => member.UserId));
            scopeGap.Add(chat);
        }

        var customerGroupsComplete = true;
        try
        {
            await foreach (var chat in source.GetGroupChatsAsync(cancellationToken).ConfigureAwait(false))
            {
                await CheckAsync(chat).ConfigureAwait(false);
            }
        }
        catch (AuditDataIncompleteException error)
        {
            customerGroupsComplete = false;
            incomplete.Add($"the group chats could not be read completely: {error.Message}");
        }

        var customerGroups = ownerByChat.Count;
        var rooms = roomLog is null
            ? null
            : await roomLog.ReadAsync(clock.Today.AddDays(1 - options.ArchiveRoomLookbackDays), clock.Today, cancellationToken).ConfigureAwait(false);
        if (rooms is null || rooms.RoomIds.Count == 0)
        {
            // No exporter (or no archived group message in the window): nothing to check, and nothing missed.
            var why = rooms is null
                ? "no chat-archive room log is configured"
                : $"the chat-archive exporter recorded no room ids in the last {options.ArchiveRoomLookbackDays} day(s)";
            skipped.AddRange(InternalGroupRules.Select(rule => new AuditSkippedRule(rule, "internal groups were not checked: " + why)));
        }
        else
        {
            try
            {
                await foreach (var chat in source.GetInternalGroupChatsAsync(rooms.RoomIds, cancellationToken).ConfigureAwait(false))
                {
                    await CheckAsync(chat).ConfigureAwait(false);
                }
            }
            catch (AuditInputUnavailableException error)
            {
                // The exporter saw these rooms, so they exist: not checking them is a gap in this run, not a choice.
                incomplete.Add($"the internal groups could not be read: {error.Message}");
                skipped.AddRange(InternalGroupRules.Select(rule => new AuditSkippedRule(rule, "internal groups were not checked: " + error.Message)));
            }
            catch (AuditDataIncompleteException error)
            {
                incomplete.Add($"the internal groups could not be read completely: {error.Message}");
            }
        }

        findings.AddRange(GroupOverlapRule.Evaluate(
            overlap, options, chatId => ownerByChat.TryGetValue(chatId, out var owner) ? directory.DepartmentOf(owner) : null, internalChats.Contains));

        var permitted = await ReadPermitListAsync(source, cancellationToken).ConfigureAwait(false);
        var customerContacts = await ReadCustomerContactsAsync(source, scopeGap, cancellationToken).ConfigureAwait(false);
        if (customerContacts is { Problem: { } readInPart, Unavailable: false })
        {
            incomplete.Add(readInPart);
        }

        var scopeGapEvaluated = false;
        if (permitted.Unavailable is { } noPermitList)
        {
            skipped.Add(new AuditSkippedRule(AuditRuleCatalog.ArchiveScopeGap.Id, noPermitList));
        }
        else if (customerContacts.Problem is { } why)
        {
            // Who talks to customers is known only in part: findings from a part would be fine, resolving from it is not.
            skipped.Add(new AuditSkippedRule(AuditRuleCatalog.ArchiveScopeGap.Id, why));
        }
        else if (customerGroupsComplete)
        {
            scopeGapEvaluated = true;
            findings.AddRange(scopeGap.Evaluate(permitted.UserIds!, directory));
        }
        else
        {
            skipped.Add(new AuditSkippedRule(AuditRuleCatalog.ArchiveScopeGap.Id, "the customer groups were read only in part, so who talks to customers is not known"));
        }

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
        else
        {
            skipped.Add(new AuditSkippedRule(AuditRuleCatalog.GroupNoticeSensitive.Id, noticeSkippedBecause));
        }

        if (scopeGapEvaluated)
        {
            evaluated.Add(AuditRuleCatalog.ArchiveScopeGap.Id);
        }

        return new AuditOutcome(
            findings,
            evaluated,
            incomplete,
            roster?.Problems ?? [],
            new Dictionary<string, int>
            {
                ["members"] = directory.Count,
                ["groups"] = customerGroups,
                ["internalGroups"] = internalChats.Count,
                ["archiveRoomIds"] = rooms?.RoomIds.Count ?? 0,
                ["archiveRoomFiles"] = rooms?.FilesRead ?? 0,
                ["archiveRoomLinesBroken"] = rooms?.BrokenLines ?? 0,
                ["archivePermitUsers"] = permitted.UserIds?.Count ?? 0,
                ["customerContactUsers"] = customerContacts.Count,
                ["rosterRows"] = roster?.Rows.Count ?? 0,
                ["rosterProblems"] = roster?.Problems.Count ?? 0,
            })
        {
            SkippedRules = skipped,
        };
    }

    // Not available (the app may not call it) leaves the rule skipped, as a missing permit list does; read in part makes the run partial.
    private static async Task<(int Count, string? Problem, bool Unavailable)> ReadCustomerContactsAsync(
        IAuditDataSource source, ArchiveScopeGapRule scopeGap, CancellationToken cancellationToken)
    {
        var count = 0;
        try
        {
            await foreach (var id in source.GetCustomerContactUserIdsAsync(cancellationToken).ConfigureAwait(false))
            {
                scopeGap.AddCustomerContact(id);
                count++;
            }
        }
        catch (AuditInputUnavailableException error)
        {
            return (count, $"the members configured for customer contact are not available: {error.Message}", true);
        }
        catch (AuditDataIncompleteException error)
        {
            return (count, $"the members configured for customer contact could not be read: {error.Message}", false);
        }

        return (count, null, false);
    }

    private static async Task<(HashSet<string>? UserIds, string? Unavailable)> ReadPermitListAsync(IAuditDataSource source, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var id in source.GetArchivePermitUserIdsAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(id);
            }
        }
        catch (AuditInputUnavailableException error)
        {
            return (null, $"the chat archive's permit list is not available: {error.Message}");
        }

        return (ids, null);
    }
}
