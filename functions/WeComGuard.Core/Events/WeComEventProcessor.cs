using Microsoft.Extensions.Logging;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Events;

/// <summary>
/// Processes queue <c>wecom-events</c> (function <c>ProcessWeComEvent</c>): decrypts and parses the recorded event,
/// hands it to every <see cref="IWeComEventApplier"/>, and marks the record processed.
/// </summary>
/// <remarks>
/// Exactly-once processing over an at-least-once queue: a message first claims the record (ETag-guarded). A message
/// that finds the record processed, or claimed by another live message, completes without doing anything; a retry of
/// the claiming message itself (after a crash) takes the claim over.
/// </remarks>
public sealed class WeComEventProcessor : IQueueMessageHandler
{
    private static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(10);

    private readonly WeComEventStore _store;
    private readonly IEnumerable<IWeComEventApplier> _appliers;
    private readonly IRecordedEventDecryptor _decryptor;
    private readonly TimeProvider _time;
    private readonly ILogger<WeComEventProcessor> _logger;

    public WeComEventProcessor(
        WeComEventStore store,
        IEnumerable<IWeComEventApplier> appliers,
        IRecordedEventDecryptor decryptor,
        TimeProvider time,
        ILogger<WeComEventProcessor> logger)
    {
        _store = store;
        _appliers = appliers;
        _decryptor = decryptor;
        _time = time;
        _logger = logger;
    }

    public string QueueName => StorageNames.WeComEventsQueue;

    public async Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = WeComEventQueueMessage.Parse(message.Body);
        var record = await _store.GetAsync(_decryptor.ReceiverName(key.App), key.Id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            _logger.NotRecorded(message.MessageId, key.App, key.Id);
            return;
        }

        if (!await TryClaimAsync(record, message, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            var weComEvent = WeComEventParser.Parse(_decryptor.Decrypt(record.App, record.Envelope));
            var context = new WeComEventContext(record.App, record.Id, weComEvent);
            foreach (var applier in _appliers)
            {
                await applier.ApplyAsync(context, cancellationToken).ConfigureAwait(false);
            }

            record.Status = WeComEventStatus.Processed;
            record.ProcessedAt = _time.GetUtcNow();
            record.ClaimedUntil = null;
            record.LastError = null;
            if (!await _store.TryReplaceAsync(record, cancellationToken).ConfigureAwait(false))
            {
                _logger.RecordChanged(record.App, record.Id);
            }

            _logger.Processed(record.App, record.Id, weComEvent.Kind);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            record.Status = WeComEventStatus.Failed;
            record.ClaimedUntil = null;
            record.LastError = $"{error.GetType().Name}: {error.Message}";
            try
            {
                await _store.TryReplaceAsync(record, CancellationToken.None).ConfigureAwait(false);
            }
            catch (StorageUnavailableException releaseError)
            {
                _logger.ClaimNotReleased(releaseError, record.App, record.Id);
            }

            throw;
        }
    }

    private async Task<bool> TryClaimAsync(WeComEventRecord record, QueueMessageContext message, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (record.Status == WeComEventStatus.Processed)
        {
            _logger.AlreadyProcessed(record.App, record.Id, message.MessageId);
            return false;
        }

        if (record.Status == WeComEventStatus.Processing && record.ClaimedBy != message.MessageId && record.ClaimedUntil > now)
        {
            _logger.ClaimedByOther(record.App, record.Id, record.ClaimedBy, message.MessageId);
            return false;
        }

        record.Status = WeComEventStatus.Processing;
        record.ClaimedBy = message.MessageId;
        record.ClaimedUntil = now + ClaimDuration;
        record.Attempts++;
        if (await _store.TryReplaceAsync(record, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        _logger.ClaimLost(record.App, record.Id, message.MessageId);
        return false;
    }
}
