using Microsoft.Extensions.Logging;

namespace WeComGuard.Core.Scanning;

/// <summary>File scans (EventIds 5000-5099). Names and counts only, never a matched value.</summary>
internal static partial class ScanLog
{
    [LoggerMessage(EventId = 5000, EventName = "FileScanned", Level = LogLevel.Information, Message = "Scanned {Container}/{Blob}: {Status}, {Findings} finding(s), sensitive {Sensitive}.")]
    public static partial void Scanned(this ILogger logger, string container, string blob, FileScanStatus status, int findings, bool sensitive);

    [LoggerMessage(EventId = 5001, EventName = "FileScanRequestInvalid", Level = LogLevel.Error, Message = "file-scan message {MessageId} is not a scan request ({Reason}); moved to {PoisonQueue}.")]
    public static partial void RequestInvalid(this ILogger logger, string messageId, string reason, string poisonQueue);

    [LoggerMessage(EventId = 5002, EventName = "FileScanGaveUp", Level = LogLevel.Error, Message = "Scanning {Container}/{Blob} failed on attempt {Attempt}; recording it as failed.")]
    public static partial void GaveUp(this ILogger logger, Exception error, string container, string blob, long attempt);

    [LoggerMessage(EventId = 5003, EventName = "FileScanMessageNotSent", Level = LogLevel.Warning, Message = "Could not message the security team about {Blob}.")]
    public static partial void MessageNotSent(this ILogger logger, Exception error, string blob);
}
