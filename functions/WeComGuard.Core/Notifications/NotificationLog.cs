using Microsoft.Extensions.Logging;

namespace WeComGuard.Core.Notifications;

/// <summary>Messages to the security team (EventIds 6000-6099).</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(EventId = 6000, EventName = "NotificationNoRecipients", Level = LogLevel.Debug, Message = "No security team userids ({Setting}); not sending the message.")]
    public static partial void NoRecipients(this ILogger logger, string setting);

    [LoggerMessage(EventId = 6001, EventName = "NotificationUndelivered", Level = LogLevel.Warning, Message = "WeCom could not deliver the security team message to {InvalidUsers}.")]
    public static partial void Undelivered(this ILogger logger, string? invalidUsers);
}
