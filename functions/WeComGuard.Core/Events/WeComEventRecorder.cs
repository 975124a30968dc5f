using System.Globalization;
using System.Security.Cryptography;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Events;

/// <summary>
/// Records an accepted callback in table <c>WeComEvents</c>, once, then hands it to queue <c>wecom-events</c>.
/// The record comes first: if queueing fails, WeCom gets a 503, retries, and the retry finds the record still
/// <c>received</c> and queues it. A duplicate delivery of an event already queued creates nothing.
/// </summary>
public sealed class WeComEventRecorder
{
    private readonly WeComEventStore _store;
    private readonly QueueClient _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<WeComEventRecorder> _logger;

    public WeComEventRecorder(WeComEventStore store, StorageClients storage, TimeProvider time, ILogger<WeComEventRecorder> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _store = store;
        _queue = storage.Queue(StorageNames.WeComEventsQueue);
        _time = time;
        _logger = logger;
    }

    /// <summary>The record id: <c>msg-{MsgId}</c> for messages, else <c>evt-</c> + lowercase hex SHA-256 of the plaintext bytes.</summary>
    public static string RecordIdFor(WeComEvent weComEvent, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(weComEvent);
        if (weComEvent.MsgId is { Length: > 0 and <= 20 } msgId && msgId.All(char.IsAsciiDigit))
        {
            return "msg-" + msgId;
        }

        return "evt-" + Convert.ToHexStringLower(SHA256.HashData(plaintext));
    }

    /// <exception cref="StorageUnavailableException">The event could not be recorded or queued; answer 503 so WeCom retries.</exception>
    public async Task<RecordOutcome> RecordAsync(string app, WeComEvent weComEvent, ReadOnlyMemory<byte> plaintext, byte[] envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(weComEvent);
        var record = new WeComEventRecord
        {
            App = app,
            Id = RecordIdFor(weComEvent, plaintext.Span),
            MsgType = weComEvent.MsgType,
            Event = weComEvent.Event,
            ChangeType = weComEvent.ChangeType,
            AgentId = weComEvent.AgentId,
            CreateTime = weComEvent.CreateTime,
            ReceivedAt = _time.GetUtcNow(),
            Envelope = envelope,
        };

        var (added, current) = await _store.AddOrGetAsync(record, cancellationToken).ConfigureAwait(false);
        if (!added && current.Status != WeComEventStatus.Received)
        {
            _logger.DeliveredAgain(app, current.Id, current.Status);
            return RecordOutcome.Duplicate;
        }

        try
        {
            await _queue.SendMessageAsync(new WeComEventQueueMessage(app, current.Id).ToJson(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (StorageUnavailableException.IsTransient(error, cancellationToken))
        {
            throw new StorageUnavailableException("Queue storage is unavailable.", error);
        }

        current.Status = WeComEventStatus.Queued;
        current.QueuedAt = _time.GetUtcNow();
        try
        {
            // Bookkeeping only: the message is on the queue, and a processor may already have moved the record on.
            await _store.TryReplaceAsync(current, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is StorageUnavailableException || StorageUnavailableException.IsTransient(error, CancellationToken.None))
        {
            // Including the callback's deadline cutting this call off: the record is durable and queued, so WeCom gets 200.
            _logger.QueuedStatusNotSet(error, app, current.Id);
        }

        _logger.Recorded(app, current.Id, weComEvent.Kind, weComEvent.CreateTime?.ToString("O", CultureInfo.InvariantCulture));
        return added ? RecordOutcome.Recorded : RecordOutcome.QueuedAgain;
    }
}
