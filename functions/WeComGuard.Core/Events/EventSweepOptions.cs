namespace WeComGuard.Core.Events;

/// <summary>The event sweeper's threshold (configuration section <c>Events</c>; app setting <c>Events__StuckAfterMinutes</c>).</summary>
public sealed class EventSweepOptions
{
    public const string SectionName = "Events";

    /// <summary>A record still <c>received</c> this long after it arrived is queued again (default 10 minutes).</summary>
    public int StuckAfterMinutes { get; set; } = 10;
}
