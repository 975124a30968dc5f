namespace WeComGuard.Core.Events;

/// <summary>An event being processed: the callback receiver it came through (<c>{app}</c>), its record id, and the event.</summary>
public sealed record WeComEventContext(string App, string RecordId, WeComEvent Event);
