using Microsoft.Extensions.Logging;

namespace WeComGuard.Core.Notifications;

// Nudges, cards and approved actions (EventIds 6020-6099 of the notification range).
internal static partial class NotificationLog
{
    [LoggerMessage(EventId = 6020, EventName = "NudgesQuietHours", Level = LogLevel.Information, Message = "Quiet hours ({QuietHours} China time): no nudges sent at {ChinaTime}.")]
    public static partial void NudgesQuietHours(this ILogger logger, string quietHours, string chinaTime);

    [LoggerMessage(EventId = 6021, EventName = "NudgeSent", Level = LogLevel.Information, Message = "Nudge to {Recipient}: {Findings} findings, {Escalated} escalated, msgid {MsgId}.")]
    public static partial void NudgeSent(this ILogger logger, string recipient, int findings, int escalated, string? msgId);

    [LoggerMessage(EventId = 6022, EventName = "NudgeRefused", Level = LogLevel.Warning, Message = "WeCom refused the nudge to {Recipient} (attempt {Attempt}, errcode {ErrCode}).")]
    public static partial void NudgeRefused(this ILogger logger, string recipient, int attempt, int errCode);

    [LoggerMessage(EventId = 6023, EventName = "NudgeFailed", Level = LogLevel.Error, Message = "The nudge to {Recipient} is recorded failed: {Reason}")]
    public static partial void NudgeFailed(this ILogger logger, string recipient, string reason);

    [LoggerMessage(EventId = 6024, EventName = "NudgeOutcomeUnknown", Level = LogLevel.Warning, Message = "The nudge to {Recipient} on {Date} was in flight when its sender stopped; it is recorded unknown and not sent again.")]
    public static partial void NudgeOutcomeUnknown(this ILogger logger, string recipient, string date);

    [LoggerMessage(EventId = 6025, EventName = "NudgeNoRecipient", Level = LogLevel.Warning, Message = "Finding {Rule}/{Subject} has nobody to nudge (set {Setting}).")]
    public static partial void NudgeNoRecipient(this ILogger logger, string rule, string subject, string setting);

    [LoggerMessage(EventId = 6026, EventName = "RecipientLookupFailed", Level = LogLevel.Information, Message = "WeCom could not say who {Id} is or belongs to (errcode {ErrCode}); the next person in line is nudged.")]
    public static partial void RecipientLookupFailed(this ILogger logger, string id, int errCode);

    [LoggerMessage(EventId = 6027, EventName = "CardSent", Level = LogLevel.Information, Message = "Action card {TaskId} for {Rule}/{Subject} sent to the security team, msgid {MsgId}.")]
    public static partial void CardSent(this ILogger logger, string taskId, string rule, string subject, string? msgId);

    [LoggerMessage(EventId = 6028, EventName = "CardFailed", Level = LogLevel.Error, Message = "Action card {TaskId} for {Rule}/{Subject} is recorded {Status}: {Reason}")]
    public static partial void CardFailed(this ILogger logger, string taskId, string rule, string subject, string status, string reason);

    [LoggerMessage(EventId = 6030, EventName = "CardClickUnknownTask", Level = LogLevel.Warning, Message = "A card click names task {TaskId}, which WeCom Guard did not send; ignored.")]
    public static partial void CardClickUnknownTask(this ILogger logger, string taskId);

    [LoggerMessage(EventId = 6031, EventName = "CardClickRefused", Level = LogLevel.Warning, Message = "{UserId} clicked {Action} on card {TaskId} but is not in the security team ({Setting}); refused.")]
    public static partial void CardClickRefused(this ILogger logger, string userId, string action, string taskId, string setting);

    [LoggerMessage(EventId = 6032, EventName = "CardClickDuplicate", Level = LogLevel.Information, Message = "Card {TaskId} was acted on already ({Status}); click by {UserId} ignored.")]
    public static partial void CardClickDuplicate(this ILogger logger, string taskId, string status, string userId);

    [LoggerMessage(EventId = 6033, EventName = "ActionCompleted", Level = LogLevel.Information, Message = "Action {ActionId}: {Action} on {Rule}/{Subject} approved by {Approver}: {Status}.")]
    public static partial void ActionCompleted(this ILogger logger, string actionId, string action, string rule, string subject, string approver, string status);

    [LoggerMessage(EventId = 6034, EventName = "CardUpdateFailed", Level = LogLevel.Warning, Message = "Card {TaskId} could not be updated (errcode {ErrCode}); the action is recorded.")]
    public static partial void CardUpdateFailed(this ILogger logger, string taskId, int errCode);
}
