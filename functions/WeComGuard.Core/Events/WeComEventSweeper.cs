using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Events;

/// <summary>
/// Timer <c>SweepWeComEvents</c>: queues again every record of table <c>WeComEvents</c> still <c>received</c> longer
/// than <see cref="EventSweepOptions.StuckAfterMinutes"/>, i.e. recorded while the queue was unavailable and never
/// retried by WeCom (it gives up after a few attempts).
/// </summary>
/// <remarks>
/// The message is sent before the record is marked <c>queued</c>, so a failure in between can only send a second
/// message, never lose the record; a second message does nothing, because the processor claims the record with its
/// ETag and skips a record already processed or claimed.
/// </remarks>
public sealed class WeComEventSweeper : IScheduledJob
{
    private readonly WeComEventStore _store;
    private readonly QueueClient _queue;
    private readonly IOptionsMonitor<EventSweepOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WeComEventSweeper> _logger;

    public WeComEventSweeper(WeComEventStore store, StorageClients storage, IOptionsMonitor<EventSweepOptions> options, TimeProvider time, ILogger<WeComEventSweeper> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _store = store;
        _queue = storage.Queue(StorageNames.WeComEventsQueue);
        _options = options;
        _time = time;
        _logger = logger;
    }

    public string Name => "SweepWeComEvents";

    public string ScheduleSetting => SettingNames.EventSweepSchedule;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var threshold = TimeSpan.FromMinutes(Math.Max(0, _options.CurrentValue.StuckAfterMinutes));
        var cutoff = _time.GetUtcNow() - threshold;
        var queued = 0;
        await foreach (var record in _store.ListReceivedBeforeAsync(cutoff, cancellationToken).ConfigureAwait(false))
        {
            await _queue.SendMessageAsync(new WeComEventQueueMessage(record.App, record.Id).ToJson(), cancellationToken).ConfigureAwait(false);
            record.Status = WeComEventStatus.Queued;
            record.QueuedAt = _time.GetUtcNow();
            // False when a processor or a WeCom retry moved the record on meanwhile: the message is then a harmless duplicate.
            await _store.TryReplaceAsync(record, cancellationToken).ConfigureAwait(false);
            queued++;
            _logger.LogWarning("WeCom event {App}/{RecordId} was still received {Age} after it arrived; queued it again.",
                record.App, record.Id, _time.GetUtcNow() - record.ReceivedAt);
        }

        _logger.LogInformation("Event sweep: {Count} record(s) received before {Cutoff:O} queued again.", queued, cutoff);
    }
}
