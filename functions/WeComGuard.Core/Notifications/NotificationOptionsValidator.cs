using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.Notifications;

/// <summary>Each userid is one WeCom accepts: 1 to 64 letters, digits and <c>_-@.</c>.</summary>
public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new SettingProblems();
        var ids = SecurityTeamRecipients.Parse(options.SecurityTeamUserIds).UserIds;
        problems.Check(ids.Any(id => id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '@' or '.')),
            SettingNames.SecurityTeamUserIds, "must be WeCom userids (letters, digits and _-@., up to 64 each) separated by commas.");
        return problems.Result();
    }
}
