using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.DirectoryMirror;

/// <summary>
/// Table <c>GroupMemberships</c>: which customer groups each member is in, so that a change re-checks a member's groups
/// and finds a group's overlap candidates without reading every group. One row per (member, group): partition = the
/// member as the group rows hold it (an internal userid, or an external member's keyed fingerprint), row = the chat id.
/// </summary>
/// <remarks>
/// A member who leaves a group keeps the row with <c>InGroup = false</c> instead of losing it: every write is an upsert,
/// so a change applied twice (a retried event, a sync re-run after a crash) writes the same rows and never fails on a
/// row already deleted. The index is written before the group's own row, so a crash between the two leaves the group
/// row stale, and its next write repeats the same index update.
/// </remarks>
public sealed class GroupMembershipIndex
{
    private const string InGroup = "InGroup";
    private readonly StorageClients _storage;

    public GroupMembershipIndex(StorageClients storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
    }

    internal TableClient Table => _storage.Table(StorageNames.GroupMembershipsTable);

    /// <summary>The chat ids <paramref name="member"/> is in (as of the last write of each group).</summary>
    public async IAsyncEnumerable<string> GroupsOfAsync(string member, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DirectoryKeys.RowKey(member)} and InGroup eq true");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["ChatId"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return row.GetString("ChatId")!;
        }
    }

    /// <summary>Records that <paramref name="chatId"/>'s members went from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public Task UpdateAsync(string chatId, IEnumerable<string> before, IEnumerable<string> after, CancellationToken cancellationToken = default)
    {
        var writer = NewWriter();
        writer.Add(chatId, before, after);
        return writer.FlushAsync(cancellationToken);
    }

    // Off the callback's answer path (the sync, ProcessWeComEvent): batch writes with the bulk timeouts.
    internal Writer NewWriter() => new(_storage.BulkTable(StorageNames.GroupMembershipsTable));

    /// <summary>Collects index rows of many groups and writes them as per-member transactions of up to 100.</summary>
    internal sealed class Writer(TableClient table)
    {
        private const int BatchSize = 100;
        private const int Parallelism = 8;
        private readonly Dictionary<string, List<TableTransactionAction>> _byPartition = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();

        public int Written { get; private set; }

        /// <summary>Rows collected and not yet written.</summary>
        public int Pending { get; private set; }

        public void Add(string chatId, IEnumerable<string> before, IEnumerable<string> after)
        {
            var now = after.ToHashSet(StringComparer.Ordinal);
            var rowKey = DirectoryKeys.RowKey(chatId);
            lock (_lock)
            {
                foreach (var member in now)
                {
                    Queue(member, rowKey, chatId, inGroup: true);
                }

                foreach (var member in before.Where(member => !now.Contains(member)).Distinct(StringComparer.Ordinal))
                {
                    Queue(member, rowKey, chatId, inGroup: false);
                }
            }
        }

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            List<List<TableTransactionAction>> batches;
            lock (_lock)
            {
                batches = [.. _byPartition.Values.SelectMany(actions => actions.Chunk(BatchSize).Select(chunk => chunk.ToList()))];
                _byPartition.Clear();
                Pending = 0;
            }

            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (batch, ct) =>
            {
                await table.SubmitTransactionAsync(batch, ct).ConfigureAwait(false);
                lock (_lock)
                {
                    Written += batch.Count;
                }
            }).ConfigureAwait(false);
        }

        private void Queue(string member, string rowKey, string chatId, bool inGroup)
        {
            var partition = DirectoryKeys.RowKey(member);
            if (!_byPartition.TryGetValue(partition, out var actions))
            {
                actions = [];
                _byPartition.Add(partition, actions);
            }

            Pending++;
            actions.Add(new TableTransactionAction(
                TableTransactionActionType.UpsertReplace, new TableEntity(partition, rowKey) { ["ChatId"] = chatId, [InGroup] = inGroup }));
        }
    }
}
