namespace WeComGuard.Core.Events;

/// <summary>What recording a delivery did.</summary>
public enum RecordOutcome
{
    /// <summary>A new event: recorded and queued.</summary>
    Recorded,

    /// <summary>A retried delivery of an event recorded earlier but not yet queued (the earlier attempt failed part-way): now queued.</summary>
    QueuedAgain,

    /// <summary>A retried or duplicated delivery of an event already queued: nothing new was written.</summary>
    Duplicate,
}
