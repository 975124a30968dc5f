using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.DirectoryMirror;

/// <summary>
/// Table <c>DirectorySyncRuns</c>: one row per sync run, written when it starts (status running) and replaced when it
/// ends. Row keys sort newest first.
/// </summary>
public sealed class DirectorySyncRunStore
{
    private const int MaxErrorChars = 2000;
    private readonly TableClient _table;

    public DirectorySyncRunStore(StorageClients storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _table = storage.Table(StorageNames.DirectorySyncRunsTable);
    }

    public Task WriteAsync(DirectorySyncRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var entity = new TableEntity(DirectoryKeys.SyncRunPartition, RowKey(run.StartedAt))
        {
            ["RunId"] = run.RunId,
            ["StartedAt"] = run.StartedAt,
            ["FinishedAt"] = run.FinishedAt,
            ["Status"] = StatusName(run.Status),
            ["Error"] = run.Error is { Length: > MaxErrorChars } error ? error[..MaxErrorChars] : run.Error,
            ["Departments"] = run.Departments,
            ["Members"] = run.Members,
            ["GroupChats"] = run.GroupChats,
            ["Written"] = run.Written,
            ["MarkedRemoved"] = run.MarkedRemoved,
        };
        return _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Whether any sync has completed: until then the mirror holds only what callbacks brought.</summary>
    public async Task<bool> AnySucceededAsync(CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DirectoryKeys.SyncRunPartition} and Status eq {StatusName(DirectorySyncStatus.Succeeded)}");
        await foreach (var _ in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        return false;
    }

    /// <summary>Sync runs, newest first.</summary>
    public async IAsyncEnumerable<DirectorySyncRun> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DirectoryKeys.SyncRunPartition}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new DirectorySyncRun(
                e.GetString("RunId") ?? e.RowKey,
                e.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue,
                e.GetDateTimeOffset("FinishedAt"),
                ParseStatus(e.GetString("Status")),
                e.GetString("Error"),
                e.GetInt32("Departments") ?? 0,
                e.GetInt32("Members") ?? 0,
                e.GetInt32("GroupChats") ?? 0,
                e.GetInt32("Written") ?? 0,
                e.GetInt32("MarkedRemoved") ?? 0);
        }
    }

    public static string StatusName(DirectorySyncStatus status) => status switch
    {
        DirectorySyncStatus.Succeeded => "succeeded",
        DirectorySyncStatus.Failed => "failed",
        _ => "running",
    };

    private static DirectorySyncStatus ParseStatus(string? status) => status switch
    {
        "succeeded" => DirectorySyncStatus.Succeeded,
        "failed" => DirectorySyncStatus.Failed,
        _ => DirectorySyncStatus.Running,
    };

    private static string RowKey(DateTimeOffset startedAt) =>
        (DateTimeOffset.MaxValue.UtcTicks - startedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
}
