namespace WeComGuard.Core.Notifications;

/// <summary>Who hears about sensitive files and audit runs (section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>Userids separated by commas or <c>|</c> (setting <c>Notifications__SecurityTeamUserIds</c>); empty = no messages.</summary>
    public string SecurityTeamUserIds { get; set; } = string.Empty;
}
