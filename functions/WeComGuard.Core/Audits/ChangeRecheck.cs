using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Audits.Rules;
using WeComGuard.Core.DirectoryMirror;
using WeComGuard.Core.Events;

namespace WeComGuard.Core.Audits;

/// <summary>
/// Re-checks what a callback changed, minutes (not a night) after it: a member's account rules and the per-group rules
/// of the groups the member is in; a group's rules and its overlaps, with candidates from the membership index (no
/// read of the whole directory). The inputs are the mirror and the HR roster; the rules that need WeCom's operation log
/// wait for the nightly run.
/// </summary>
/// <remarks>
/// A re-check opens findings like a run does. It resolves only the (rule, subject) pairs it evaluated with every input
/// they need (<see cref="FindingStore.RecordSubjectsAsync"/>), so it never resolves another subject's finding, and
/// without a roster it resolves no roster-dependent rule. Re-checking the same event twice writes the same rows. Until a
/// directory sync has completed once, the mirror holds only what callbacks brought (everyone else would look departed),
/// so re-checks wait for that first sync.
/// </remarks>
public sealed class ChangeRecheck : IDirectoryChangeListener
{
    // Every re-check needs the roster; within a burst of callbacks it is parsed once, not once per event.
    private static readonly TimeSpan RosterReuse = TimeSpan.FromMinutes(5);
    private const int ReadParallelism = 8;

    private readonly DirectoryStore _store;
    private readonly DirectorySyncRunStore _syncRuns;
    private readonly FindingStore _findings;
    private readonly IRosterSource _roster;
    private readonly IGroupNoticeInspector _noticeInspector;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ChangeRecheck> _logger;
    private RosterLoad? _rosterLoad;
    private volatile bool _mirrorReconciled;

    public ChangeRecheck(
        DirectoryStore store,
        DirectorySyncRunStore syncRuns,
        FindingStore findings,
        IRosterSource roster,
        IGroupNoticeInspector noticeInspector,
        AuditOptions options,
        TimeProvider time,
        ILogger<ChangeRecheck> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(syncRuns);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(noticeInspector);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _syncRuns = syncRuns;
        _findings = findings;
        _roster = roster;
        _noticeInspector = noticeInspector;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>What the run ids of re-checks start with; the rest is the event's record id.</summary>
    public const string RunIdPrefix = "recheck-";

    /// <summary>The run id a re-check records its findings under (column <c>FirstRunId</c> of the findings it opens).</summary>
    public static string RunIdOf(WeComEventContext cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return RunIdPrefix + cause.RecordId;
    }

    public async Task MemberChangedAsync(string userId, WeComEventContext cause, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(cause);
        if (!await MirrorReconciledAsync($"member {userId}", cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var clock = new AuditClock(_time.GetUtcNow());
        var roster = await RosterAsync(cancellationToken).ConfigureAwait(false);
        var check = new Check();
        CheckAccount(await _store.GetMemberAsync(userId, cancellationToken).ConfigureAwait(false), userId, roster, clock, check);

        // The member's departure (or return) changes the groups they are in; their member sets, and so overlaps, stay.
        var chatIds = new List<string>();
        await foreach (var chatId in _store.Memberships.GroupsOfAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            chatIds.Add(chatId);
        }

        var chats = await ReadGroupsAsync(chatIds, cancellationToken).ConfigureAwait(false);
        var directory = await DirectoryOfAsync(chats.Values.SelectMany(PeopleOf), roster, clock, cancellationToken).ConfigureAwait(false);
        foreach (var chatId in chatIds)
        {
            await CheckGroupAsync(chats.GetValueOrDefault(chatId), chatId, directory, check, cancellationToken).ConfigureAwait(false);
        }

        await RecordAsync($"member {userId}", cause, check, cancellationToken).ConfigureAwait(false);
    }

    public async Task GroupChatChangedAsync(string chatId, WeComEventContext cause, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(chatId);
        ArgumentNullException.ThrowIfNull(cause);
        if (!await MirrorReconciledAsync($"group {chatId}", cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var clock = new AuditClock(_time.GetUtcNow());
        var roster = await RosterAsync(cancellationToken).ConfigureAwait(false);
        var check = new Check();
        var stored = await _store.GetGroupChatAsync(chatId, cancellationToken).ConfigureAwait(false);
        var chat = stored is { Removed: false, Dismissed: false } ? stored : null;

        // Overlap candidates: the groups that share members with this one, counted from the index.
        var keys = (stored?.MemberKeys ?? []).Distinct(StringComparer.Ordinal).ToList();
        var shared = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(keys, ReadOptions(cancellationToken), async (key, ct) =>
        {
            await foreach (var other in _store.Memberships.GroupsOfAsync(key, ct).ConfigureAwait(false))
            {
                if (other != chatId)
                {
                    shared.AddOrUpdate(other, 1, (_, count) => count + 1);
                }
            }
        }).ConfigureAwait(false);

        // Jaccard(x, y) >= t needs |x ∩ y| >= t·|x|: only those candidates are read.
        var required = Math.Max(1, (int)Math.Ceiling((_options.OverlapJaccardThreshold * keys.Count) - 1e-9));
        var candidates = chat is null
            ? new Dictionary<string, MirroredGroupChat>(StringComparer.Ordinal)
            : await ReadGroupsAsync([.. shared.Where(entry => entry.Value >= required).Select(entry => entry.Key)], cancellationToken).ConfigureAwait(false);
        List<MirroredGroupChat> groups = chat is null ? [.. candidates.Values] : [.. candidates.Values, chat];
        var directory = await DirectoryOfAsync(groups.SelectMany(PeopleOf), roster, clock, cancellationToken).ConfigureAwait(false);
        await CheckGroupAsync(chat, chatId, directory, check, cancellationToken).ConfigureAwait(false);

        foreach (var other in shared.Keys)
        {
            check.Evaluated(AuditRuleCatalog.GroupOverlap.Id, OverlapSubject(chatId, other));
        }

        if (chat is not null)
        {
            var detector = new GroupOverlapDetector();
            detector.Add(chat.ChatId, chat.MemberKeys);
            foreach (var candidate in candidates.Values)
            {
                detector.Add(candidate.ChatId, candidate.MemberKeys);
            }

            var owners = groups.ToDictionary(group => group.ChatId, group => group.Owner, StringComparer.Ordinal);
            check.Findings.AddRange(GroupOverlapRule.Evaluate(detector, _options, id => directory.Directory.DepartmentOf(owners[id]))
                .Where(finding => finding.Subject.Split('|').Contains(chatId, StringComparer.Ordinal)));
        }

        await RecordAsync($"group {chatId}", cause, check, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> MirrorReconciledAsync(string subject, CancellationToken cancellationToken)
    {
        if (!_mirrorReconciled && await _syncRuns.AnySucceededAsync(cancellationToken).ConfigureAwait(false))
        {
            _mirrorReconciled = true;
        }

        if (!_mirrorReconciled)
        {
            _logger.RecheckBeforeFirstSync(subject);
        }

        return _mirrorReconciled;
    }

    private static string OverlapSubject(string chatId, string other) =>
        string.CompareOrdinal(chatId, other) <= 0 ? $"{chatId}|{other}" : $"{other}|{chatId}";

    private static IEnumerable<string> PeopleOf(MirroredGroupChat chat) => chat.InternalMembers.Append(chat.Owner);

    private void CheckAccount(MirroredMember? stored, string userId, RosterMatcher? roster, AuditClock clock, Check check)
    {
        if (stored is not { Removed: false })
        {
            // Gone from WeCom: a run does not list the member, so none of their account findings stands.
            foreach (var rule in MemberRules.All)
            {
                check.Evaluated(rule.Definition.Id, userId);
            }

            return;
        }

        var member = stored.ToAuditMember();
        var available = (roster is null ? MemberRuleInputs.None : MemberRuleInputs.Roster)
            | (member.Avatar == AvatarState.NotReturned ? MemberRuleInputs.None : MemberRuleInputs.Avatars);
        var input = new MemberAuditInput(member, roster?.Match(member), [], clock, _options);
        foreach (var rule in MemberRules.All.Where(rule => (rule.Needs & ~available) == 0))
        {
            check.Evaluated(rule.Definition.Id, userId);
            if (rule.Evaluate(input) is { } finding)
            {
                check.Findings.Add(finding);
            }
        }
    }

    private async Task CheckGroupAsync(MirroredGroupChat? stored, string chatId, (GroupDirectory Directory, bool Complete) directory, Check check, CancellationToken cancellationToken)
    {
        if (stored is not { Removed: false, Dismissed: false })
        {
            foreach (var rule in GroupRules.All)
            {
                check.Evaluated(rule.Definition.Id, chatId);
            }

            check.Evaluated(GroupNoticeSensitiveRule.Definition.Id, chatId);
            return;
        }

        var input = new GroupAuditInput(stored.ToAuditGroupChat(), directory.Directory, _options);
        foreach (var rule in GroupRules.All)
        {
            // Without the roster, a roster-terminated member looks present: open what is seen, resolve nothing.
            if (directory.Complete)
            {
                check.Evaluated(rule.Definition.Id, chatId);
            }

            if (rule.Evaluate(input) is { } finding)
            {
                check.Findings.Add(finding);
            }
        }

        if (stored.NoticeVerdict.Inspected)
        {
            check.Evaluated(GroupNoticeSensitiveRule.Definition.Id, chatId);
            if (await new GroupNoticeSensitiveRule(_noticeInspector).EvaluateAsync(input, cancellationToken).ConfigureAwait(false) is { } finding)
            {
                check.Findings.Add(finding);
            }
        }
    }

    /// <summary>The people the group rules ask about, read from the mirror one by one; a removed member is not in the directory.</summary>
    private async Task<(GroupDirectory Directory, bool Complete)> DirectoryOfAsync(
        IEnumerable<string> userIds, RosterMatcher? roster, AuditClock clock, CancellationToken cancellationToken)
    {
        var members = new ConcurrentBag<AuditMember>();
        await Parallel.ForEachAsync(userIds.Distinct(StringComparer.Ordinal), ReadOptions(cancellationToken), async (userId, ct) =>
        {
            if (await _store.GetMemberAsync(userId, ct).ConfigureAwait(false) is { Removed: false } member)
            {
                members.Add(member.ToAuditMember());
            }
        }).ConfigureAwait(false);
        return (new GroupDirectory(members, roster, clock.Today), roster is not null);
    }

    /// <summary>The groups that are still current, by chat id (removed and dismissed ones are left out).</summary>
    private async Task<Dictionary<string, MirroredGroupChat>> ReadGroupsAsync(IReadOnlyCollection<string> chatIds, CancellationToken cancellationToken)
    {
        var chats = new ConcurrentDictionary<string, MirroredGroupChat>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(chatIds, ReadOptions(cancellationToken), async (chatId, ct) =>
        {
            if (await _store.GetGroupChatAsync(chatId, ct).ConfigureAwait(false) is { Removed: false, Dismissed: false } chat)
            {
                chats[chatId] = chat;
            }
        }).ConfigureAwait(false);
        return new Dictionary<string, MirroredGroupChat>(chats, StringComparer.Ordinal);
    }

    private async Task RecordAsync(string subject, WeComEventContext cause, Check check, CancellationToken cancellationToken)
    {
        var runId = RunIdOf(cause);
        var now = _time.GetUtcNow();
        var update = await _findings.RecordSubjectsAsync(runId, check.Findings, check.Scope, now, cancellationToken).ConfigureAwait(false);
        var sinceCallback = cause.ReceivedAt is { } received ? now - received : (TimeSpan?)null;
        _logger.RecheckRecorded(runId, subject, check.Findings.Count, update.New.Count, update.Resolved.Count, check.Scope.Count, sinceCallback?.TotalMilliseconds);
    }

    private Task<RosterMatcher?> RosterAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var current = Volatile.Read(ref _rosterLoad);
        if (current is null || now - current.StartedAt >= RosterReuse || (current.Matcher.IsCompleted && !current.Matcher.IsCompletedSuccessfully))
        {
            // Two re-checks racing here may both load it; one of the loads is kept.
            Interlocked.CompareExchange(ref _rosterLoad, new RosterLoad(LoadRosterAsync(cancellationToken), now), current);
            current = Volatile.Read(ref _rosterLoad)!;
        }

        return current.Matcher.WaitAsync(cancellationToken);
    }

    private async Task<RosterMatcher?> LoadRosterAsync(CancellationToken cancellationToken)
    {
        var (roster, problem) = await RosterLoader.LoadAsync(_roster, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            _logger.RecheckWithoutRoster(problem);
        }

        return roster is null ? null : new RosterMatcher(roster.Rows, _store.Contacts);
    }

    private static ParallelOptions ReadOptions(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken };

    private sealed record RosterLoad(Task<RosterMatcher?> Matcher, DateTimeOffset StartedAt);

    /// <summary>What one re-check saw, and the (rule, subject) pairs it evaluated with every input they need.</summary>
    private sealed class Check
    {
        public List<Finding> Findings { get; } = [];

        public HashSet<FindingKey> Scope { get; } = [];

        public void Evaluated(string rule, string subject) => Scope.Add(new FindingKey(rule, subject));
    }
}
