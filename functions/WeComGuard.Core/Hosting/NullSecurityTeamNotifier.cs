namespace WeComGuard.Core.Hosting;

/// <summary>Sends nothing: used until a WeCom sender is registered.</summary>
public sealed class NullSecurityTeamNotifier : ISecurityTeamNotifier
{
    public Task SendMarkdownAsync(IReadOnlyList<string> userIds, string markdown, CancellationToken cancellationToken) => Task.CompletedTask;
}
