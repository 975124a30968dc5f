namespace WeComGuard.Core.Events;

/// <summary>
/// An event being processed: the callback receiver it came through (<c>{app}</c>), its record id, the event, and when
/// WeCom Guard received the callback (null when not known, as for an event applied outside the queue).
/// </summary>
public sealed record WeComEventContext(string App, string RecordId, WeComEvent Event)
{
    public DateTimeOffset? ReceivedAt { get; init; }
}
