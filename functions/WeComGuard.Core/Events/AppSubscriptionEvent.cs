namespace WeComGuard.Core.Events;

/// <summary><c>subscribe</c>/<c>unsubscribe</c>: a member joined or left the app's visible range, or joined, left or was disabled in the company.</summary>
public sealed class AppSubscriptionEvent(
    IReadOnlyDictionary<string, string> fields,
    IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists)
    : WeComEvent(fields, lists)
{
    public string UserId => FromUserName ?? string.Empty;

    public bool Subscribed => Event == "subscribe";
}
