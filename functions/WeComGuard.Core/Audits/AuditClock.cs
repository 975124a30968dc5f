namespace WeComGuard.Core.Audits;

/// <summary>The run's instant T and T's calendar date in China, which every date rule compares against.</summary>
public sealed record AuditClock(DateTimeOffset AsOf)
{
    public DateOnly Today { get; } = ChinaTime.DateOf(AsOf);
}
