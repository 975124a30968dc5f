using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Roster;

namespace WeComGuard.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/WeComGuard.Benchmarks -- audit-tenant [members] [groups]</c>: evaluates the
/// account and group audits over a generated 100,000-member, 20,000-group tenant held in memory (no WeCom, no storage),
/// printing wall time and peak working set beside a floor measured in the same run (just enumerating the same data).
/// </summary>
/// <remarks>
/// This is the audits' own cost on top of fetching from WeCom; the API-rate floor needs the WeCom sandbox and client.
/// </remarks>
internal static class AuditTenantRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var members = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var groups = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        var source = new GeneratedTenant(members, groups);
        var roster = new GeneratedRoster(members);
        var clock = new AuditClock(new DateTimeOffset(2026, 11, 28, 18, 0, 0, TimeSpan.Zero));
        var options = new AuditOptions();

        var floor = Stopwatch.StartNew();
        var enumerated = 0L;
        await foreach (var member in source.GetMembersAsync(CancellationToken.None))
        {
            enumerated += member.DepartmentIds.Count;
        }

        await foreach (var chat in source.GetGroupChatsAsync(CancellationToken.None))
        {
            enumerated += chat.Members.Count;
        }

        floor.Stop();

        var accounts = Stopwatch.StartNew();
        var accountOutcome = await AccountAuditEvaluator.EvaluateAsync(source, roster, options, clock, CancellationToken.None);
        accounts.Stop();
        var groupWatch = Stopwatch.StartNew();
        var groupOutcome = await GroupAuditEvaluator.EvaluateAsync(source, roster, null, options, clock, CancellationToken.None);
        groupWatch.Stop();
        using var process = Process.GetCurrentProcess();
        process.Refresh();

        Console.WriteLine($"tenant: {members:N0} members, {groups:N0} groups ({enumerated:N0} memberships enumerated)");
        Console.WriteLine($"floor (enumerate members and groups): {floor.Elapsed.TotalMilliseconds:N0} ms");
        Console.WriteLine($"account audit: {accounts.Elapsed.TotalMilliseconds:N0} ms, {accountOutcome.Findings.Count:N0} findings");
        Console.WriteLine($"group audit:   {groupWatch.Elapsed.TotalMilliseconds:N0} ms, {groupOutcome.Findings.Count:N0} findings " +
            $"({groupOutcome.Findings.Count(finding => finding.Rule == "group.overlap"):N0} overlaps)");
        Console.WriteLine($"peak working set: {process.PeakWorkingSet64 / (1024.0 * 1024):N0} MiB");
        return 0;
    }

    private sealed class GeneratedRoster(int members) : IRosterSource
    {
        public Task<RosterParseResult?> LoadAsync(CancellationToken cancellationToken)
        {
            var rows = new List<RosterRow>(members);
            for (var i = 0; i < members; i++)
            {
                // Every 50th member has left, every 200th is missing from the roster.
                if (i % 200 == 7)
                {
                    continue;
                }

                var terminated = i % 50 == 3;
                rows.Add(new RosterRow(i + 2, $"E{i:D6}", $"员工{i}", $"user{i}", null, null, $"部门{i % 40}", $"职位{i % 30}",
                    terminated ? RosterStatus.Terminated : RosterStatus.Active, new DateOnly(2020, 1, 1),
                    terminated ? new DateOnly(2026, 10, 1) : null));
            }

            return Task.FromResult<RosterParseResult?>(new RosterParseResult(rows, []));
        }
    }

    private sealed class GeneratedTenant(int members, int groups) : IAuditDataSource
    {
        public ContactFingerprinter Contacts { get; } = ContactFingerprinter.Ephemeral();

        public async IAsyncEnumerable<AuditMember> GetMembersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            for (var i = 0; i < members; i++)
            {
                yield return new AuditMember($"user{i}", $"员工{i}", i % 97 == 0 ? string.Empty : $"职位{i % 30}", null, null,
                    i % 61 == 0 ? 4 : 1, i % 89 == 0 ? AvatarState.Empty : AvatarState.Present, [i % 40]);
            }
        }

        public async IAsyncEnumerable<AuditGroupChat> GetGroupChatsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            foreach (var (chatId, memberIds) in GroupOverlapBenchmarks.CreateTenant(groups, seed: 20261129))
            {
                var owner = memberIds.FirstOrDefault(id => id.StartsWith("user", StringComparison.Ordinal)) ?? "manager0001";
                yield return new AuditGroupChat(chatId, chatId.EndsWith('7') ? "群聊" : $"客户群{chatId}", owner, null,
                    [.. memberIds.Select(id => new AuditGroupMember(id, id.StartsWith("wm", StringComparison.Ordinal) ? 2 : 1))]);
            }
        }

        public async IAsyncEnumerable<MemberOperRecord> GetMemberOperRecordsAsync(
            DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            for (var i = 0; i < members; i += 10)
            {
                yield return new MemberOperRecord(until.AddHours(-(i % 150)), $"user{i}", i % 3 == 0 ? 13 : 4);
            }
        }

        public async IAsyncEnumerable<FileOperRecord> GetFileOperRecordsAsync(
            DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield break;
        }
    }
}
