namespace WeComGuard.Core.Events;

/// <summary>Where a recorded event is in its life, as stored in the <c>Status</c> column of table <c>WeComEvents</c>.</summary>
public static class WeComEventStatus
{
    /// <summary>Recorded; not yet handed to queue <c>wecom-events</c>. A retried delivery queues it.</summary>
    public const string Received = "received";

    public const string Queued = "queued";

    /// <summary>Claimed by one queue message; see ClaimedBy and ClaimedUntil.</summary>
    public const string Processing = "processing";

    public const string Processed = "processed";

    /// <summary>The last attempt failed (LastError); the queue retries it, then moves it to wecom-events-poison.</summary>
    public const string Failed = "failed";
}
