using Azure;
using Azure.Data.Tables;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Events;

/// <summary>Table <c>WeComEvents</c>: every callback WeCom Guard accepted, recorded once, with its processing state.</summary>
public sealed class WeComEventStore
{
    private readonly TableClient _table;

    public WeComEventStore(StorageClients storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _table = storage.Table(StorageNames.WeComEventsTable);
    }

    /// <summary>Adds the record unless one with the same key exists; returns the existing record in that case.</summary>
    /// <exception cref="StorageUnavailableException">Storage could not be reached.</exception>
    public async Task<(bool Added, WeComEventRecord Record)> AddOrGetAsync(WeComEventRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            var response = await _table.AddEntityAsync(record.ToEntity(), cancellationToken).ConfigureAwait(false);
            record.ETag = response.Headers.ETag ?? default;
            return (true, record);
        }
        catch (RequestFailedException error) when (error.Status == 409)
        {
            var existing = await GetAsync(record.App, record.Id, cancellationToken).ConfigureAwait(false)
                ?? throw new StorageUnavailableException("The event record was reported as existing but could not be read.");
            return (false, existing);
        }
        catch (Exception error) when (StorageUnavailableException.IsTransient(error, cancellationToken))
        {
            throw new StorageUnavailableException("Table storage is unavailable.", error);
        }
    }

    public async Task<WeComEventRecord?> GetAsync(string app, string id, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(app, id, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.HasValue ? WeComEventRecord.FromEntity(response.Value!) : null;
        }
        catch (Exception error) when (StorageUnavailableException.IsTransient(error, cancellationToken))
        {
            throw new StorageUnavailableException("Table storage is unavailable.", error);
        }
    }

    /// <summary>
    /// Replaces the record if it has not changed since it was read (optimistic concurrency on its ETag).
    /// Returns false when someone else changed it first.
    /// </summary>
    public async Task<bool> TryReplaceAsync(WeComEventRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            var response = await _table.UpdateEntityAsync(record.ToEntity(), record.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            record.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException error) when (error.Status is 412 or 404)
        {
            return false;
        }
        catch (Exception error) when (StorageUnavailableException.IsTransient(error, cancellationToken))
        {
            throw new StorageUnavailableException("Table storage is unavailable.", error);
        }
    }

    /// <summary>
    /// Records of every receiver still <c>received</c> that arrived before <paramref name="cutoff"/>. A filter on
    /// non-key columns: the service scans the table, which is why the sweeper runs every few minutes, not constantly.
    /// </summary>
    public async IAsyncEnumerable<WeComEventRecord> ListReceivedBeforeAsync(DateTimeOffset cutoff, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Status eq {WeComEventStatus.Received} and ReceivedAt lt {cutoff}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return WeComEventRecord.FromEntity(entity);
        }
    }

    /// <summary>Lists the records of one receiver (newest state), for operators and tests.</summary>
    public async IAsyncEnumerable<WeComEventRecord> ListAsync(string app, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == app, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return WeComEventRecord.FromEntity(entity);
        }
    }
}
