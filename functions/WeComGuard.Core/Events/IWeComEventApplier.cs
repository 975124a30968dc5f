namespace WeComGuard.Core.Events;

/// <summary>
/// Applies a recorded WeCom event to WeCom Guard's state (for example the directory mirror). Every registered applier
/// sees every event once it has been claimed for processing; appliers ignore events they do not handle. An applier
/// may run again for the same event after a crash, so it must be idempotent.
/// </summary>
public interface IWeComEventApplier
{
    Task ApplyAsync(WeComEventContext context, CancellationToken cancellationToken);
}
