namespace WeComGuard.Core.Hosting;

/// <summary>
/// Sends a WeCom markdown message to the security team (message/send, msgtype markdown). The WeCom API client
/// implements it; until then <see cref="NullSecurityTeamNotifier"/> sends nothing. Callers only call it when
/// <c>Notifications__SecurityTeamUserIds</c> names at least one userid.
/// </summary>
public interface ISecurityTeamNotifier
{
    Task SendMarkdownAsync(IReadOnlyList<string> userIds, string markdown, CancellationToken cancellationToken);
}
