using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Callbacks;
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
    private readonly IOptionsMonitor<WeComCallbackOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WeComEventProcessor> _logger;

    public WeComEventProcessor(
        WeComEventStore store,
        IEnumerable<IWeComEventApplier> appliers,
        IOptionsMonitor<WeComCallbackOptions> options,
        TimeProvider time,
        ILogger<WeComEventProcessor> logger)
    {
        _store = store;
        _appliers = appliers;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public string QueueName => StorageNames.WeComEventsQueue;

    public async Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = WeComEventQueueMessage.Parse(message.Body);
        // Records are keyed by the receiver's configured name; a message written with another casing names the same record.
        var app = _options.CurrentValue.TryGetReceiver(key.App, out var configured, out _) ? configured : key.App;
        var record = await _store.GetAsync(app, key.Id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            _logger.LogWarning("Queue message {MessageId} names WeCom event {App}/{RecordId}, which is not recorded; dropping it.", message.MessageId, key.App, key.Id);
            return;
        }

        if (!await TryClaimAsync(record, message, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            var weComEvent = Decrypt(record);
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
                _logger.LogWarning("WeCom event {App}/{RecordId} was processed, but its record changed meanwhile.", record.App, record.Id);
            }

            _logger.LogInformation("Processed WeCom event {App}/{RecordId} ({Kind}).", record.App, record.Id, weComEvent.Kind);
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
                _logger.LogWarning(releaseError, "Could not release the claim on WeCom event {App}/{RecordId}.", record.App, record.Id);
            }

            throw;
        }
    }

    private async Task<bool> TryClaimAsync(WeComEventRecord record, QueueMessageContext message, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (record.Status == WeComEventStatus.Processed)
        {
            _logger.LogInformation("WeCom event {App}/{RecordId} is already processed; message {MessageId} is a duplicate.", record.App, record.Id, message.MessageId);
            return false;
        }

        if (record.Status == WeComEventStatus.Processing && record.ClaimedBy != message.MessageId && record.ClaimedUntil > now)
        {
            _logger.LogInformation("WeCom event {App}/{RecordId} is being processed by message {Owner}; message {MessageId} is a duplicate.",
                record.App, record.Id, record.ClaimedBy, message.MessageId);
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

        _logger.LogInformation("WeCom event {App}/{RecordId} was claimed by another message first; message {MessageId} is a duplicate.",
            record.App, record.Id, message.MessageId);
        return false;
    }

    private WeComEvent Decrypt(WeComEventRecord record)
    {
        if (!_options.CurrentValue.TryGetReceiver(record.App, out _, out var receiver))
        {
            throw new InvalidOperationException($"Callback receiver '{record.App}' is no longer configured; its events cannot be decrypted.");
        }

        var key = WeComCallbackCrypto.DecodeAesKey(receiver.EncodingAesKey);
        var decrypted = WeComCallbackCrypto.Decrypt(key, Convert.ToBase64String(record.Envelope));
        return WeComEventParser.Parse(decrypted.Message);
    }
}
