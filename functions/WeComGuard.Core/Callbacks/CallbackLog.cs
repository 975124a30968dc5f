using Microsoft.Extensions.Logging;

namespace WeComGuard.Core.Callbacks;

/// <summary>The callback endpoint's log events (EventIds 1000-1099); docs/security-team.md queries them by EventName.</summary>
internal static partial class CallbackLog
{
    [LoggerMessage(EventId = 1000, EventName = "CallbackUrlVerified", Level = LogLevel.Information, Message = "WeCom verified the callback URL of {App}.")]
    public static partial void UrlVerified(this ILogger logger, string app);

    [LoggerMessage(EventId = 1001, EventName = "CallbackRefused", Level = LogLevel.Warning, Message = "WeCom callback for {App} refused with {Status}: {Reason} ({ReasonCode}): {Detail}.")]
    public static partial void Refused(this ILogger logger, string app, int status, CallbackRefusalReason reason, int reasonCode, string detail);

    [LoggerMessage(EventId = 1002, EventName = "CallbackStorageUnavailable", Level = LogLevel.Warning, Message = "WeCom callback for {App} not recorded: storage is unavailable; answering 503 so that WeCom retries.")]
    public static partial void StorageUnavailable(this ILogger logger, Exception error, string app);

    [LoggerMessage(EventId = 1003, EventName = "CallbackStorageTooSlow", Level = LogLevel.Warning, Message = "WeCom callback for {App} not recorded within the {Deadline} storage deadline (retries included): answering 503 so that WeCom retries.")]
    public static partial void StorageTooSlow(this ILogger logger, Exception error, string app, TimeSpan deadline);
}
