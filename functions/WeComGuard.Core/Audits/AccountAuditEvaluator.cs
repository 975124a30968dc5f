using WeComGuard.Core.Audits.Evidence;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Audits.Rules;

namespace WeComGuard.Core.Audits;

/// <summary>
/// Evaluates the account rules: reads the roster and the last <see cref="AuditOptions.MemberLogLookbackDays"/> days of
/// the member log (beyond WeCom's 180 days from the evidence archive), then streams members one at a time (memory stays
/// proportional to the roster and the log records, not to the directory).
/// </summary>
public static class AccountAuditEvaluator
{
    public static Task<AuditOutcome> EvaluateAsync(
        IAuditDataSource source, IRosterSource? rosterSource, AuditOptions options, AuditClock clock, CancellationToken cancellationToken) =>
        EvaluateAsync(source, rosterSource, null, options, clock, cancellationToken);

    /// <summary>
    /// As above; what lies beyond WeCom's window is read from <paramref name="evidence"/>, and the whole days of the
    /// member log read from WeCom are kept there.
    /// </summary>
    public static async Task<AuditOutcome> EvaluateAsync(
        IAuditDataSource source, IRosterSource? rosterSource, IAuditEvidenceArchive? evidence, AuditOptions options, AuditClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var incomplete = new List<string>();
        var missing = new Dictionary<MemberRuleInputs, string>();
        var (roster, rosterProblem) = await RosterLoader.LoadAsync(rosterSource, cancellationToken).ConfigureAwait(false);
        if (rosterProblem is not null)
        {
            incomplete.Add(rosterProblem);
            missing[MemberRuleInputs.Roster] = rosterProblem;
        }

        var matcher = roster is null ? null : new RosterMatcher(roster.Rows, source.Contacts);
        var available = roster is null ? MemberRuleInputs.None : MemberRuleInputs.Roster;

        var loginsByUser = new Dictionary<string, List<MemberOperRecord>>(StringComparer.Ordinal);
        var signalsByUser = new Dictionary<string, List<MemberOperRecord>>(StringComparer.Ordinal);
        var loginCount = 0;
        var pagesKept = 0;
        var fromEvidence = 0;

        void Note(MemberOperRecord record)
        {
            if (AccountSignalRule.IsSignal(record))
            {
                AccountSignalRule.Add(signalsByUser, record);
            }

            if (!record.IsLogin)
            {
                return;
            }

            if (!loginsByUser.TryGetValue(record.UserId, out var list))
            {
                list = [];
                loginsByUser.Add(record.UserId, list);
            }

            list.Add(record);
            loginCount++;
        }

        try
        {
            var since = clock.AsOf.AddDays(-Math.Max(Math.Max(1, options.LoginAfterDepartureDays), options.MemberLogLookbackDays));
            var liveSince = EvidenceLookback.LiveSince(since, clock.AsOf);
            foreach (var record in await EvidenceLookback.ReadOlderAsync(evidence, EvidenceLogs.MemberOperLog, "member log", since, liveSince, incomplete, cancellationToken).ConfigureAwait(false))
            {
                Note(EvidenceLogs.ToMemberRecord(record));
                fromEvidence++;
            }

            var read = new List<EvidenceRecord>();
            await foreach (var record in source.GetMemberOperRecordsAsync(liveSince, clock.AsOf, cancellationToken).ConfigureAwait(false))
            {
                read.Add(EvidenceLogs.ToEvidence(record));
                Note(record);
            }

            available |= MemberRuleInputs.OperationLog;
            if (evidence is not null)
            {
                pagesKept = await evidence.KeepAsync(EvidenceLogs.MemberOperLog, read, liveSince, clock.AsOf, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (AuditDataIncompleteException error)
        {
            incomplete.Add($"the member operation log could not be read completely: {error.Message}");
            missing[MemberRuleInputs.OperationLog] = $"the member operation log could not be read completely: {error.Message}";
        }
        catch (AuditInputUnavailableException error)
        {
            missing[MemberRuleInputs.OperationLog] = $"the member operation log is not available: {error.Message}";
        }

        var findings = new List<Finding>();
        var members = 0;
        var avatarsReturned = false;
        try
        {
            await foreach (var member in source.GetMembersAsync(cancellationToken).ConfigureAwait(false))
            {
                members++;
                avatarsReturned |= member.Avatar != AvatarState.NotReturned;
                var input = new MemberAuditInput(
                    member,
                    matcher?.Match(member),
                    loginsByUser.TryGetValue(member.UserId, out var logins) ? logins : [],
                    clock,
                    options)
                {
                    Signals = signalsByUser.TryGetValue(member.UserId, out var signals) ? signals : [],
                };
                foreach (var rule in MemberRules.All)
                {
                    if ((rule.Needs & ~MemberRuleInputs.Avatars & ~available) != 0)
                    {
                        continue;
                    }

                    if (rule.Evaluate(input) is { } finding)
                    {
                        findings.Add(finding);
                    }
                }
            }
        }
        catch (AuditDataIncompleteException error)
        {
            incomplete.Add($"the member list could not be read completely: {error.Message}");
        }

        if (avatarsReturned)
        {
            available |= MemberRuleInputs.Avatars;
        }
        else
        {
            missing[MemberRuleInputs.Avatars] = members == 0
                ? "no members were read"
                : "WeCom returned no avatar for any member: apps created after 2022-06-20 get avatars only with the contacts-sync (通讯录同步) secret or the member's authorisation";
        }

        var evaluated = MemberRules.All.Where(rule => (rule.Needs & ~available) == 0).Select(rule => rule.Definition.Id).ToList();
        var skipped = MemberRules.All
            .Where(rule => (rule.Needs & ~available) != 0)
            .Select(rule => new AuditSkippedRule(
                rule.Definition.Id,
                string.Join("; ", missing.Where(entry => (rule.Needs & ~available & entry.Key) != 0).Select(entry => entry.Value))))
            .ToList();
        return new AuditOutcome(
            findings,
            evaluated,
            incomplete,
            roster?.Problems ?? [],
            new Dictionary<string, int>
            {
                ["members"] = members,
                ["rosterRows"] = roster?.Rows.Count ?? 0,
                ["rosterProblems"] = roster?.Problems.Count ?? 0,
                ["loginRecords"] = loginCount,
                ["memberLogRecordsFromEvidence"] = fromEvidence,
                ["evidencePagesKept"] = pagesKept,
            })
        {
            SkippedRules = skipped,
        };
    }
}
