using Azure.Data.Tables;

namespace WeComGuard.Core.DirectoryMirror;

/// <summary>Collects upserts for one partition and writes them as transactions of up to 100, a few at a time.</summary>
internal sealed class TableBatchWriter : IDisposable
{
    private const int BatchSize = 100;
    private readonly TableClient _table;
    private readonly SemaphoreSlim _inFlight;
    private readonly Lock _lock = new();
    private readonly List<Task> _pending = [];
    private List<TableTransactionAction> _buffer = new(BatchSize);
    private int _written;

    public TableBatchWriter(TableClient table, int parallelism = 4)
    {
        _table = table;
        _inFlight = new SemaphoreSlim(parallelism, parallelism);
    }

    public int Written => Volatile.Read(ref _written);

    public void Add(TableEntity entity, CancellationToken cancellationToken)
    {
        List<TableTransactionAction>? full = null;
        lock (_lock)
        {
            _buffer.Add(new TableTransactionAction(TableTransactionActionType.UpsertMerge, entity));
            if (_buffer.Count == BatchSize)
            {
                full = _buffer;
                _buffer = new List<TableTransactionAction>(BatchSize);
            }

            if (full is not null)
            {
                _pending.RemoveAll(t => t.IsCompletedSuccessfully);
                _pending.Add(SubmitAsync(full, cancellationToken));
            }
        }
    }

    /// <summary>Writes what is left and waits for every write; throws the first failure.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Task[] pending;
        lock (_lock)
        {
            if (_buffer.Count > 0)
            {
                _pending.Add(SubmitAsync(_buffer, cancellationToken));
                _buffer = new List<TableTransactionAction>(BatchSize);
            }

            pending = [.. _pending];
            _pending.Clear();
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    public void Dispose() => _inFlight.Dispose();

    private async Task SubmitAsync(List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _written, batch.Count);
        }
        finally
        {
            _inFlight.Release();
        }
    }
}
