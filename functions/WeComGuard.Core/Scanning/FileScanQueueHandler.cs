using System.Globalization;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Notifications;
using WeComGuard.Core.Storage;
using WeComGuard.Core.WeCom;

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
    private readonly WeComApiClient _weCom;
    private readonly ISecurityTeamNotifier _notifier;
    private readonly SecurityTeamRecipients _recipients;

    /// <param name="secondStage">The Azure AI Language PII stage, registered only when <c>Language__Endpoint</c> is set.</param>
    public FileScanQueueHandler(
        StorageClients storage,
        ScanResultStore store,
        IOptions<ScanningOptions> options,
        WeComApiClient weCom,
        ISecurityTeamNotifier notifier,
        SecurityTeamRecipients recipients,
        ILogger<FileScanQueueHandler> logger,
        ISecondStageRecognizer? secondStage = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _storage = storage;
        _store = store;
        _options = options.Value;
        _logger = logger;
        _scanner = new Lazy<FileScanner>(() => new FileScanner(_options, secondStage));
        _weCom = weCom;
        _notifier = notifier;
        _recipients = recipients;
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
            _logger.RequestInvalid(message.MessageId, invalid.Message, QueueName + StorageNames.PoisonSuffix);
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
            if (request.WeComMediaId is { } mediaId && !await blob.ExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                var copyFailure = await CopyMediaAsync(mediaId, blob, cancellationToken).ConfigureAwait(false);
                if (copyFailure is not null)
                {
                    result = FileScanResult.Unread(request.Blob, copyFailure);
                    await _store.RecordAsync(result, subject, message.MessageId, cancellationToken).ConfigureAwait(false);
                    return;
                }
            }

            Response<Azure.Storage.Blobs.Models.BlobDownloadStreamingResult> download;
            try
            {
                download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException missing) when (missing.Status == 404)
            {
                result = FileScanResult.Unread(request.Blob, "blob not found (deleted before it was scanned)");
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
            _logger.GaveUp(exception, request.Container, request.Blob, message.DequeueCount);
            result = FileScanResult.Unread(request.Blob, string.Create(CultureInfo.InvariantCulture, $"gave up after {message.DequeueCount} attempts ({exception.GetType().Name})"));
        }

        await _store.RecordAsync(result, subject, message.MessageId, cancellationToken).ConfigureAwait(false);
        _logger.Scanned(request.Container, request.Blob, result.Status, result.FindingCount, result.IsSensitive);
        if (result.IsSensitive)
        {
            await NotifyAsync(request, result, cancellationToken).ConfigureAwait(false);
        }
    }

    // Returns why the media could not be copied (a permanent failure), or null once it is in incoming-files.
    private async Task<string?> CopyMediaAsync(string mediaId, Azure.Storage.Blobs.BlobClient blob, CancellationToken cancellationToken)
    {
        if (!_weCom.IsConfigured)
        {
            return "WeCom API access is not configured (WeCom__CorpId and the app secrets), so the media cannot be downloaded";
        }

        var temporary = Path.GetTempFileName();
        try
        {
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await _weCom.DownloadMediaAsync(mediaId, file, _options.MaxFileBytes, cancellationToken).ConfigureAwait(false);
                file.Position = 0;
                await blob.UploadAsync(file, new Azure.Storage.Blobs.Models.BlobUploadOptions
                {
                    Metadata = new Dictionary<string, string> { ["source"] = "wecom-media" },
                }, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
        catch (WeComMediaTooLargeException)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the media is larger than the {_options.MaxFileBytes}-byte limit");
        }
        catch (WeComApiException error) when (!error.IsTransient)
        {
            return string.Create(CultureInfo.InvariantCulture, $"WeCom refused media/get with errcode {error.ErrorCode} (40007: the media_id is invalid or older than three days)");
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private async Task NotifyAsync(FileScanRequest request, FileScanResult result, CancellationToken cancellationToken)
    {
        if (_recipients.UserIds.Count == 0)
        {
            return;
        }

        var counts = string.Join("，", result.CountsAtOrAbove(FindingConfidence.Medium).Select(c => $"{c.Key} {c.Value}"));
        var markdown = string.Create(CultureInfo.InvariantCulture,
            $"**WeCom Guard：发现含敏感信息的文件 (sensitive file)**\n> 文件：{WeComMarkdown.Text(Path.GetFileName(request.Blob))}\n> 检出：{counts}\n> SHA-256：{result.Sha256[..Math.Min(16, result.Sha256.Length)]}…\n请在 Findings 表中查看 file.sensitive-content。");
        try
        {
            await _notifier.SendMarkdownAsync(_recipients.UserIds, markdown, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The finding is recorded; a failed message must not make the scan retry.
            _logger.MessageNotSent(error, request.Blob);
        }
    }
}
