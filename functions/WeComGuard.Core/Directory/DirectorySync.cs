using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Core.DirectoryMirror;

/// <summary>
/// The directory sync, the first step of the nightly <c>SyncDirectory</c> job (<see cref="Audits.NightlyDirectoryAudit"/>):
/// re-reads every department, member and customer group from WeCom, writes what changed, and then marks removed what
/// WeCom no longer has. A run that fails part-way is recorded as failed and marks nothing removed (what it wrote before
/// failing is current data, so it stays).
/// </summary>
public sealed class DirectorySync
{
    private readonly WeComApiClient _client;
    private readonly DirectoryStore _store;
    private readonly DirectorySyncRunStore _runs;
    private readonly DirectorySyncOptions _options;
    private readonly ILogger<DirectorySync> _logger;

    public DirectorySync(
        WeComApiClient client, DirectoryStore store, DirectorySyncRunStore runs, IOptions<DirectorySyncOptions> options, ILogger<DirectorySync> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _store = store;
        _runs = runs;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Runs a full sync and returns its record (also stored in <c>DirectorySyncRuns</c>); throws when it fails.</summary>
    public async Task<DirectorySyncRun> SyncAsync(CancellationToken cancellationToken)
    {
        var started = _store.Now;
        var runId = started.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var counts = new Counts();
        await _runs.WriteAsync(Record(runId, started, null, DirectorySyncStatus.Running, null, counts), cancellationToken).ConfigureAwait(false);
        _logger.SyncStarted(runId);

        try
        {
            var departmentsIndex = DirectoryStore.LoadIndexAsync(_store.Departments, DirectoryKeys.DepartmentPartition, cancellationToken);
            var membersIndex = DirectoryStore.LoadIndexAsync(_store.Members, DirectoryKeys.MemberPartition, cancellationToken);
            var groupsIndex = DirectoryStore.LoadIndexAsync(_store.GroupChats, DirectoryKeys.GroupChatPartition, cancellationToken);

            // WeCom limits each API separately, so the contacts and the customer groups are read side by side.
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var contactsTask = SyncContactsAsync(departmentsIndex, membersIndex, counts, failed);
            var groupsTask = SyncGroupChatsAsync(groupsIndex, counts, failed);
            var both = Task.WhenAll(contactsTask, groupsTask);
            try
            {
                await both.ConfigureAwait(false);
            }
            catch when (both.Exception?.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) is { } cause)
            {
                // Report why the run failed, not the cancellation of the other half.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            }

            var (departments, members) = await contactsTask.ConfigureAwait(false);
            var groups = await groupsTask.ConfigureAwait(false);

            // Everything was read: only now is "absent from WeCom" trustworthy.
            var now = _store.Now;
            counts.MarkedRemoved += await MarkAbsentAsync(_store, _store.Departments, DirectoryKeys.DepartmentPartition, departments.Index, departments.Seen, now, cancellationToken).ConfigureAwait(false);
            counts.MarkedRemoved += await MarkAbsentAsync(_store, _store.Members, DirectoryKeys.MemberPartition, members.Index, members.Seen, now, cancellationToken).ConfigureAwait(false);
            counts.MarkedRemoved += await MarkAbsentAsync(_store, _store.GroupChats, DirectoryKeys.GroupChatPartition, groups.Index, groups.Seen, now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.SyncFailed(ex, runId);
            await _runs.WriteAsync(Record(runId, started, _store.Now, DirectorySyncStatus.Failed, ex.GetType().Name + ": " + ex.Message, counts), CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var run = Record(runId, started, _store.Now, DirectorySyncStatus.Succeeded, null, counts);
        await _runs.WriteAsync(run, cancellationToken).ConfigureAwait(false);
        _logger.SyncSucceeded(runId, run.Departments, run.Members, run.GroupChats, run.Written, run.MarkedRemoved);
        return run;
    }

    private async Task<((ConcurrentDictionary<string, byte> Seen, HashSet<int> SeenIds, Dictionary<string, (string? Hash, bool Removed)> Index) Departments,
        (ConcurrentDictionary<string, byte> Seen, Dictionary<string, (string? Hash, bool Removed)> Index) Members)> SyncContactsAsync(
        Task<Dictionary<string, (string? Hash, bool Removed)>> departmentsIndex, Task<Dictionary<string, (string? Hash, bool Removed)>> membersIndex,
        Counts counts, CancellationTokenSource failed)
    {
        try
        {
            var departments = await SyncDepartmentsAsync(departmentsIndex, counts, failed.Token).ConfigureAwait(false);
            var members = await SyncMembersAsync(departments.SeenIds, membersIndex, counts, failed.Token).ConfigureAwait(false);
            return (departments, members);
        }
        catch
        {
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<(ConcurrentDictionary<string, byte> Seen, Dictionary<string, (string? Hash, bool Removed)> Index)> SyncGroupChatsAsync(
        Task<Dictionary<string, (string? Hash, bool Removed)>> index, Counts counts, CancellationTokenSource failed)
    {
        try
        {
            return await SyncGroupChatsAsync(index, counts, failed.Token).ConfigureAwait(false);
        }
        catch
        {
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<(ConcurrentDictionary<string, byte> Seen, HashSet<int> SeenIds, Dictionary<string, (string? Hash, bool Removed)> Index)> SyncDepartmentsAsync(
        Task<Dictionary<string, (string? Hash, bool Removed)>> indexLoad, Counts counts, CancellationToken cancellationToken)
    {
        var refs = await _client.ListDepartmentIdsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var seen = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var deferred = new ConcurrentQueue<TableEntity>();
        using var writer = new TableBatchWriter(_store.ForBulkWrites(_store.Departments));
        await Parallel.ForEachAsync(refs, ParallelFor(cancellationToken), async (department, ct) =>
        {
            var details = await _client.GetDepartmentAsync(department.Id, ct).ConfigureAwait(false);
            var entity = DirectoryEntities.Department(details, _store.Now);
            seen[entity.RowKey] = 0;
            WriteOrDefer(writer, indexLoad, deferred, entity, ct);
        }).ConfigureAwait(false);
        await WriteDeferredAsync(writer, indexLoad, deferred, cancellationToken).ConfigureAwait(false);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        counts.Departments = seen.Count;
        counts.AddWritten(writer.Written);
        return (seen, refs.Select(d => d.Id).ToHashSet(), await indexLoad.ConfigureAwait(false));
    }

    private async Task<(ConcurrentDictionary<string, byte> Seen, Dictionary<string, (string? Hash, bool Removed)> Index)> SyncMembersAsync(
        HashSet<int> departmentIds, Task<Dictionary<string, (string? Hash, bool Removed)>> indexLoad, Counts counts, CancellationToken cancellationToken)
    {
        var seen = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var deferred = new ConcurrentQueue<TableEntity>();
        using var writer = new TableBatchWriter(_store.ForBulkWrites(_store.Members));
        await Parallel.ForEachAsync(departmentIds, ParallelFor(cancellationToken), async (departmentId, ct) =>
        {
            foreach (var member in await _client.ListMembersAsync(departmentId, ct).ConfigureAwait(false))
            {
                var entity = _store.MemberEntity(member);
                if (seen.TryAdd(entity.RowKey, 0))
                {
                    WriteOrDefer(writer, indexLoad, deferred, entity, ct);
                }
            }
        }).ConfigureAwait(false);
        await WriteDeferredAsync(writer, indexLoad, deferred, cancellationToken).ConfigureAwait(false);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        counts.Members = seen.Count;
        counts.AddWritten(writer.Written);
        return (seen, await indexLoad.ConfigureAwait(false));
    }

    private async Task<(ConcurrentDictionary<string, byte> Seen, Dictionary<string, (string? Hash, bool Removed)> Index)> SyncGroupChatsAsync(
        Task<Dictionary<string, (string? Hash, bool Removed)>> indexLoad, Counts counts, CancellationToken cancellationToken)
    {
        var refs = new List<WeComGroupChatRef>();
        await foreach (var chat in _client.ListGroupChatsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            refs.Add(chat);
        }

        var seen = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var changed = new ConcurrentQueue<TableEntity>();
        var deferred = new ConcurrentQueue<TableEntity>();
        await Parallel.ForEachAsync(refs, ParallelFor(cancellationToken), async (chatRef, ct) =>
        {
            var chat = await _client.GetGroupChatAsync(chatRef.ChatId, cancellationToken: ct).ConfigureAwait(false);
            var entity = await _store.GroupChatEntityAsync(chat, chatRef.Status, memberVersionGaps: null, ct).ConfigureAwait(false);
            seen[entity.RowKey] = 0;
            if (!indexLoad.IsCompletedSuccessfully)
            {
                deferred.Enqueue(entity);
            }
            else if (IsChanged(indexLoad.Result, entity))
            {
                changed.Enqueue(entity);
            }
        }).ConfigureAwait(false);
        var index = await indexLoad.ConfigureAwait(false);
        while (deferred.TryDequeue(out var entity))
        {
            if (IsChanged(index, entity))
            {
                changed.Enqueue(entity);
            }
        }

        using var writer = new TableBatchWriter(_store.ForBulkWrites(_store.GroupChats));
        var memberships = await WriteMembershipsAsync(changed, index, writer, cancellationToken).ConfigureAwait(false);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        counts.GroupChats = seen.Count;
        counts.AddWritten(writer.Written);
        _logger.MembershipsWritten(writer.Written, memberships);
        return (seen, index);
    }

    /// <summary>
    /// Writes the changed groups' membership index rows (against each group's previous row), then the group rows, a
    /// chunk at a time: a group row is never written before its index rows, so a sync that stops between the two
    /// leaves the row stale and the next sync repeats the index update.
    /// </summary>
    private async Task<int> WriteMembershipsAsync(
        ConcurrentQueue<TableEntity> changed, Dictionary<string, (string? Hash, bool Removed)> index, TableBatchWriter writer, CancellationToken cancellationToken)
    {
        const int ChunkSize = 2_000;
        var memberships = _store.Memberships.NewWriter();
        foreach (var chunk in changed.Chunk(ChunkSize))
        {
            await Parallel.ForEachAsync(chunk, ParallelFor(cancellationToken), async (entity, ct) =>
            {
                var current = DirectoryEntities.ToGroupChat(entity);
                var previous = index.TryGetValue(entity.RowKey, out var existing) && !existing.Removed
                    ? await _store.GetGroupChatAsync(current.ChatId, ct).ConfigureAwait(false)
                    : null;
                memberships.Add(current.ChatId, previous?.MemberKeys ?? [], current.MemberKeys);
            }).ConfigureAwait(false);
            await memberships.FlushAsync(cancellationToken).ConfigureAwait(false);
            foreach (var entity in chunk)
            {
                writer.Add(entity, cancellationToken);
            }
        }

        return memberships.Written;
    }

    /// <summary>Compares with the mirror's index once it has loaded; until then entities wait, so WeCom reads never stall on storage.</summary>
    private static void WriteOrDefer(
        TableBatchWriter writer, Task<Dictionary<string, (string? Hash, bool Removed)>> indexLoad, ConcurrentQueue<TableEntity> deferred,
        TableEntity entity, CancellationToken cancellationToken)
    {
        if (indexLoad.IsCompletedSuccessfully)
        {
            WriteIfChanged(writer, indexLoad.Result, entity, cancellationToken);
        }
        else
        {
            deferred.Enqueue(entity);
        }
    }

    private static async Task WriteDeferredAsync(
        TableBatchWriter writer, Task<Dictionary<string, (string? Hash, bool Removed)>> indexLoad, ConcurrentQueue<TableEntity> deferred,
        CancellationToken cancellationToken)
    {
        var index = await indexLoad.ConfigureAwait(false);
        while (deferred.TryDequeue(out var entity))
        {
            WriteIfChanged(writer, index, entity, cancellationToken);
        }
    }

    private static void WriteIfChanged(TableBatchWriter writer, Dictionary<string, (string? Hash, bool Removed)> index, TableEntity entity, CancellationToken cancellationToken)
    {
        if (IsChanged(index, entity))
        {
            writer.Add(entity, cancellationToken);
        }
    }

    private static bool IsChanged(Dictionary<string, (string? Hash, bool Removed)> index, TableEntity entity) =>
        !index.TryGetValue(entity.RowKey, out var existing) || existing.Removed || existing.Hash != entity.GetString(DirectoryEntities.ContentHash);

    private static async Task<int> MarkAbsentAsync(
        DirectoryStore store, TableClient table, string partition, Dictionary<string, (string? Hash, bool Removed)> index, ConcurrentDictionary<string, byte> seen,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var writer = new TableBatchWriter(store.ForBulkWrites(table));
        var marked = 0;
        foreach (var (rowKey, existing) in index)
        {
            if (!existing.Removed && !seen.ContainsKey(rowKey))
            {
                writer.Add(DirectoryEntities.RemovedMarker(partition, rowKey, now, now), cancellationToken);
                marked++;
            }
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return marked;
    }

    private static DirectorySyncRun Record(string runId, DateTimeOffset started, DateTimeOffset? finished, DirectorySyncStatus status, string? error, Counts counts) =>
        new(runId, started, finished, status, error, counts.Departments, counts.Members, counts.GroupChats, counts.Written, counts.MarkedRemoved);

    private ParallelOptions ParallelFor(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Math.Max(1, _options.ApiParallelism), CancellationToken = cancellationToken };

    private sealed class Counts
    {
        private int _written;

        public int Departments { get; set; }

        public int Members { get; set; }

        public int GroupChats { get; set; }

        public int Written => Volatile.Read(ref _written);

        public int MarkedRemoved { get; set; }

        public void AddWritten(int rows) => Interlocked.Add(ref _written, rows);
    }
}
