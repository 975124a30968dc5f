using Microsoft.Extensions.Logging;

namespace WeComGuard.Core.Events;

/// <summary>Recording and processing WeCom events (EventIds 1100-1199).</summary>
internal static partial class EventLog
{
    [LoggerMessage(EventId = 1100, EventName = "EventRecorded", Level = LogLevel.Information, Message = "Recorded WeCom event {App}/{RecordId} ({Kind}, created {CreateTime}).")]
    public static partial void Recorded(this ILogger logger, string app, string recordId, string kind, string? createTime);

    [LoggerMessage(EventId = 1101, EventName = "EventDeliveredAgain", Level = LogLevel.Information, Message = "WeCom event {App}/{RecordId} was delivered again; it is already {Status}.")]
    public static partial void DeliveredAgain(this ILogger logger, string app, string recordId, string status);

    [LoggerMessage(EventId = 1102, EventName = "EventQueuedStatusNotSet", Level = LogLevel.Warning, Message = "WeCom event {App}/{RecordId} is queued but its status could not be set to queued.")]
    public static partial void QueuedStatusNotSet(this ILogger logger, Exception error, string app, string recordId);

    [LoggerMessage(EventId = 1110, EventName = "EventProcessed", Level = LogLevel.Information, Message = "Processed WeCom event {App}/{RecordId} ({Kind}).")]
    public static partial void Processed(this ILogger logger, string app, string recordId, string kind);

    [LoggerMessage(EventId = 1111, EventName = "EventNotRecorded", Level = LogLevel.Warning, Message = "Queue message {MessageId} names WeCom event {App}/{RecordId}, which is not recorded; dropping it.")]
    public static partial void NotRecorded(this ILogger logger, string messageId, string app, string recordId);

    [LoggerMessage(EventId = 1112, EventName = "EventRecordChanged", Level = LogLevel.Warning, Message = "WeCom event {App}/{RecordId} was processed, but its record changed meanwhile.")]
    public static partial void RecordChanged(this ILogger logger, string app, string recordId);

    [LoggerMessage(EventId = 1113, EventName = "EventClaimNotReleased", Level = LogLevel.Warning, Message = "Could not release the claim on WeCom event {App}/{RecordId}.")]
    public static partial void ClaimNotReleased(this ILogger logger, Exception error, string app, string recordId);

    [LoggerMessage(EventId = 1114, EventName = "EventAlreadyProcessed", Level = LogLevel.Information, Message = "WeCom event {App}/{RecordId} is already processed; message {MessageId} is a duplicate.")]
    public static partial void AlreadyProcessed(this ILogger logger, string app, string recordId, string messageId);

    [LoggerMessage(EventId = 1115, EventName = "EventClaimedByOther", Level = LogLevel.Information, Message = "WeCom event {App}/{RecordId} is being processed by message {Owner}; message {MessageId} is a duplicate.")]
    public static partial void ClaimedByOther(this ILogger logger, string app, string recordId, string? owner, string messageId);

    [LoggerMessage(EventId = 1116, EventName = "EventClaimLost", Level = LogLevel.Information, Message = "WeCom event {App}/{RecordId} was claimed by another message first; message {MessageId} is a duplicate.")]
    public static partial void ClaimLost(this ILogger logger, string app, string recordId, string messageId);
}
