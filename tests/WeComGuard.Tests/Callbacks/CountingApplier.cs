using System.Collections.Concurrent;
using WeComGuard.Core.Events;

namespace WeComGuard.Tests.Callbacks;

/// <summary>An event applier that records what it was given, to count how many times each event was processed.</summary>
public sealed class CountingApplier : IWeComEventApplier
{
    public ConcurrentQueue<WeComEventContext> Applied { get; } = new();

    public Func<WeComEventContext, Task>? OnApply { get; set; }

    public async Task ApplyAsync(WeComEventContext context, CancellationToken cancellationToken)
    {
        if (OnApply is not null)
        {
            await OnApply(context);
        }

        Applied.Enqueue(context);
    }
}
