namespace WeComGuard.Core.Events;

/// <summary>
/// Applies a parsed WeCom event to one of WeCom Guard's capabilities (e.g. the directory mirror). Events can arrive
/// twice and out of order, so appliers must be idempotent.
/// </summary>
public interface IWeComEventApplier
{
    Task ApplyAsync(WeComEventContext context, CancellationToken cancellationToken);
}
