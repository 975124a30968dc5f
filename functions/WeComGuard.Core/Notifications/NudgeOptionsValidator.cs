using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.Notifications;

/// <summary>Checks the nudge settings when the app starts, naming the setting that is wrong.</summary>
public sealed class NudgeOptionsValidator : IValidateOptions<NudgeOptions>
{
    public ValidateOptionsResult Validate(string? name, NudgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new SettingProblems();
        problems.WholeNumber(options.EscalationDays, SettingNames.NotificationsEscalationDays, 1, 365);
        problems.Check(!string.IsNullOrWhiteSpace(options.QuietHours) && !NudgeOptions.TryParseQuietHours(options.QuietHours, out _, out _),
            SettingNames.NotificationsQuietHours, "must be HH:mm-HH:mm (China time), e.g. 21:00-08:00, or empty.");
        problems.Check(options.ItUserIdList.Any(id => id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '@' or '.')),
            SettingNames.NotificationsItUserIds, "must be WeCom userids (letters, digits and _-@., up to 64 each) separated by commas.");
        return problems.Result();
    }
}
