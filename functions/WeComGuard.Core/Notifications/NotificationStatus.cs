namespace WeComGuard.Core.Notifications;

/// <summary>
/// A message's state in table <c>Notifications</c>. <c>pending</c>: recorded, not yet accepted by WeCom (never tried,
/// or WeCom refused it with an errcode: safe to try again). <c>sending</c>: a call is in flight. <c>sent</c>: WeCom
/// answered with a msgid. <c>failed</c>: refused on every attempt, or WeCom named the recipient invalid.
/// <c>unknown</c>: a call was in flight when the sender stopped, so WeCom may have delivered it; it is not sent again.
/// </summary>
public static class NotificationStatus
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Unknown = "unknown";
}
