namespace WeComGuard.Core.Notifications;

/// <summary>The userids in <c>Notifications__SecurityTeamUserIds</c> (comma or <c>|</c> separated); empty means "send no messages".</summary>
public sealed class SecurityTeamRecipients
{
    public SecurityTeamRecipients(IReadOnlyList<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        UserIds = userIds;
    }

    public IReadOnlyList<string> UserIds { get; }

    public static SecurityTeamRecipients Parse(string? userIds) =>
        new((userIds ?? string.Empty).Split([',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
