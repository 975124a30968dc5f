using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Storage;

namespace WeComGuard.Cli.LocalRun;

/// <summary>
/// Callback to finding, as the security team would see it: for each callback of the burst that should open findings,
/// the time from its first POST to the moment every one of those rows is open in table <c>Findings</c>, read by polling
/// the table (not from the row's own timestamps).
/// </summary>
internal sealed class CallbackFindingProbe(StorageClients storage)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<int, HashSet<FindingKey>> _expected = [];
    private readonly ConcurrentDictionary<int, TimeSpan> _posted = new();
    private readonly Dictionary<FindingKey, TimeSpan> _appeared = [];

    /// <summary>Callback <paramref name="eventIndex"/> should open findings (rule, subject) <paramref name="findings"/>.</summary>
    public void Expect(int eventIndex, IEnumerable<(string Rule, string Subject)> findings) =>
        _expected[eventIndex] = [.. findings.Select(f => new FindingKey(f.Rule, TableKeyEncoding.Encode(f.Subject)))];

    /// <summary>Drops the expectations already open before the burst (they could not show this burst's latency).</summary>
    public async Task<int> ExcludeAlreadyOpenAsync(CancellationToken cancellationToken)
    {
        var open = await OpenKeysAsync(cancellationToken);
        var excluded = _expected.Where(e => e.Value.Overlaps(open)).Select(e => e.Key).ToList();
        excluded.ForEach(index => _expected.Remove(index));
        return excluded.Count;
    }

    /// <summary>Call just before the first POST of an event (retries and duplicates keep the first time).</summary>
    public void Posting(int eventIndex) => _posted.TryAdd(eventIndex, _clock.Elapsed);

    /// <summary>Polls the table until every expected row is open or <paramref name="until"/> ends (then waits <paramref name="grace"/> more).</summary>
    public async Task WatchAsync(Task until, TimeSpan grace, CancellationToken cancellationToken)
    {
        TimeSpan? deadline = null;
        var wanted = _expected.Values.SelectMany(keys => keys).ToHashSet();
        while (wanted.Count > _appeared.Count)
        {
            if (until.IsCompleted)
            {
                deadline ??= _clock.Elapsed + grace;
                if (_clock.Elapsed > deadline)
                {
                    return;
                }
            }

            foreach (var key in (await OpenKeysAsync(cancellationToken)).Where(wanted.Contains))
            {
                _appeared.TryAdd(key, _clock.Elapsed);
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>Per expected callback that was posted: the latency, or null when a row never appeared.</summary>
    public List<TimeSpan?> Latencies() =>
    [
        .. _expected.Where(e => _posted.ContainsKey(e.Key)).Select(e => e.Value.All(_appeared.ContainsKey)
            ? e.Value.Max(key => _appeared[key]) - _posted[e.Key]
            : (TimeSpan?)null),
    ];

    private async Task<HashSet<FindingKey>> OpenKeysAsync(CancellationToken cancellationToken)
    {
        var keys = new HashSet<FindingKey>();
        var table = storage.Table(StorageNames.FindingsTable);
        foreach (var rule in _expected.Values.SelectMany(k => k).Select(k => k.Rule).Distinct(StringComparer.Ordinal))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {rule} and Status eq {FindingEntityColumns.StatusOpen}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                keys.Add(new FindingKey(row.PartitionKey, row.RowKey));
            }
        }

        return keys;
    }
}
