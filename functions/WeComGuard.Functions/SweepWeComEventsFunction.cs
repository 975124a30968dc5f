using Microsoft.Azure.Functions.Worker;
using WeComGuard.Core.Events;

namespace WeComGuard.Functions;

/// <summary>Timer that queues WeCom events stuck in <c>received</c>; the schedule is app setting <c>EventSweepSchedule</c> (UTC).</summary>
public sealed class SweepWeComEventsFunction(WeComEventSweeper sweeper)
{
    [Function("SweepWeComEvents")]
    public Task RunAsync([TimerTrigger("%EventSweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweeper.RunAsync(cancellationToken);
}
