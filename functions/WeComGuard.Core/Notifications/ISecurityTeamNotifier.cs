namespace WeComGuard.Core.Notifications;

/// <summary>Tells the security team (<c>Notifications__SecurityTeamUserIds</c>) about sensitive files and audit runs.</summary>
public interface ISecurityTeamNotifier
{
    Task SendMarkdownAsync(string markdown, CancellationToken cancellationToken);
}
