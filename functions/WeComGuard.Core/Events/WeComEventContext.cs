namespace WeComGuard.Core.Events;

/// <summary>One event to apply, with the callback receiver (app) it arrived on.</summary>
public sealed record WeComEventContext(string App, WeComEvent Event);
