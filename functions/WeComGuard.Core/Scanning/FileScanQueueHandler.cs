using System.Globalization;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Storage;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Handles <c>file-scan</c> messages (queue function <c>ScanFile</c> and <c>wecomguard serve</c>): downloads each blob,
/// scans it and records the result. A message that is not a scan request goes to <c>file-scan-poison</c> at once; a file
/// that keeps failing is recorded with status <c>failed</c> on its last attempt (<see cref="ScanningOptions.MaxDequeueCount"/>),
/// so it is neither retried forever nor lost.
/// </summary>
public sealed class FileScanQueueHandler : IQueueMessageHandler
{
    private readonly StorageClients _storage;
    private readonly ScanResultStore _store;
    private readonly ScanningOptions _options;
    private readonly ILogger<FileScanQueueHandler> _logger;
    private readonly Lazy<FileScanner> _scanner;

    public FileScanQueueHandler(StorageClients storage, ScanResultStore store, IOptions<ScanningOptions> options, ILogger<FileScanQueueHandler> logger, ISecondStageRecognizer? secondStage = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _storage = storage;
        _store = store;
        _options = options.Value;
        _logger = logger;
        _scanner = new Lazy<FileScanner>(() => new FileScanner(_options, secondStage));
    }

    public string QueueName => StorageNames.FileScanQueue;

    public async Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        IReadOnlyList<FileScanRequest> requests;
        try
        {
            requests = FileScanRequest.Parse(message.Body);
        }
        catch (FormatException invalid)
        {
            _logger.LogError("file-scan message {MessageId} is not a scan request ({Reason}); moved to {PoisonQueue}.",
                message.MessageId, invalid.Message, QueueName + StorageNames.PoisonSuffix);
            await _storage.Queue(QueueName + StorageNames.PoisonSuffix).SendMessageAsync(message.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var request in requests)
        {
            await ScanAsync(request, message, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ScanAsync(FileScanRequest request, QueueMessageContext message, CancellationToken cancellationToken)
    {
        var subject = new ScanSubject(request.Container, request.Blob);
        FileScanResult result;
        try
        {
            var blob = _storage.Container(request.Container).GetBlobClient(request.Blob);
            Response<Azure.Storage.Blobs.Models.BlobDownloadStreamingResult> download;
            try
            {
                download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException missing) when (missing.Status == 404)
            {
                result = Unread(request, "blob not found (deleted before it was scanned)");
                await _store.RecordAsync(result, subject, message.MessageId, cancellationToken).ConfigureAwait(false);
                return;
            }

            using (download.Value)
            {
                subject = subject with { Metadata = download.Value.Details.Metadata.AsReadOnly() };
                result = await _scanner.Value.ScanAsync(download.Value.Content, request.Blob, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException && message.DequeueCount >= _options.MaxDequeueCount)
        {
            _logger.LogError(exception, "Scanning {Container}/{Blob} failed on attempt {Attempt}; recording it as failed.", request.Container, request.Blob, message.DequeueCount);
            result = Unread(request, string.Create(CultureInfo.InvariantCulture, $"gave up after {message.DequeueCount} attempts ({exception.GetType().Name})"));
        }

        await _store.RecordAsync(result, subject, message.MessageId, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Scanned {Container}/{Blob}: {Status}, {Findings} finding(s), sensitive {Sensitive}.",
            request.Container, request.Blob, result.Status, result.Findings.Count, result.IsSensitive);
    }

    private static FileScanResult Unread(FileScanRequest request, string reason) => new()
    {
        Source = request.Blob,
        Sha256 = string.Empty,
        Md5 = string.Empty,
        Size = 0,
        Type = Path.GetExtension(request.Blob).TrimStart('.').ToLowerInvariant(),
        Status = FileScanStatus.Failed,
        Reason = reason,
    };
}
