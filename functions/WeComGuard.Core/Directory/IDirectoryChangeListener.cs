using WeComGuard.Core.Events;

namespace WeComGuard.Core.DirectoryMirror;

/// <summary>
/// Told what a callback changed, once the change is stored in the mirror (the audits re-check the subjects it touched:
/// <see cref="Audits.ChangeRecheck"/>). Called again when the event is retried, so it must be idempotent.
/// </summary>
public interface IDirectoryChangeListener
{
    Task MemberChangedAsync(string userId, WeComEventContext cause, CancellationToken cancellationToken);

    Task GroupChatChangedAsync(string chatId, WeComEventContext cause, CancellationToken cancellationToken);
}
