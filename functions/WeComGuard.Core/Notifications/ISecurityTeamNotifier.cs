namespace WeComGuard.Core.Notifications;

/// <summary>
/// Sends a WeCom markdown message to the security team (message/send, msgtype markdown), implemented by
/// <see cref="WeComSecurityTeamNotifier"/>. Callers only call it when
/// <c>Notifications__SecurityTeamUserIds</c> names at least one userid.
/// </summary>
public interface ISecurityTeamNotifier
{
    Task SendMarkdownAsync(IReadOnlyList<string> userIds, string markdown, CancellationToken cancellationToken);
}
