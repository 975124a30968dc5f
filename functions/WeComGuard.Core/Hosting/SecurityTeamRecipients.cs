using Microsoft.Extensions.Configuration;

namespace WeComGuard.Core.Hosting;

/// <summary>The userids in <c>Notifications__SecurityTeamUserIds</c> (comma or <c>|</c> separated); empty means "send no messages".</summary>
public sealed class SecurityTeamRecipients
{
    public SecurityTeamRecipients(IReadOnlyList<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        UserIds = userIds;
    }

    public IReadOnlyList<string> UserIds { get; }

    public static SecurityTeamRecipients FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[SettingNames.SecurityTeamUserIds.Replace("__", ":", StringComparison.Ordinal)] ?? string.Empty;
        return new SecurityTeamRecipients(value.Split([',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
