using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.Notifications;

/// <summary>Checks the nudge settings when the app starts, naming the setting that is wrong.</summary>
public sealed class NudgeOptionsValidator : IValidateOptions<NudgeOptions>
{
    public ValidateOptionsResult Validate(string? name, NudgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.EscalationDays is < 1 or > 365)
        {
            problems.Add($"{SettingNames.NotificationsEscalationDays} must be 1 to 365 days.");
        }

        if (!string.IsNullOrWhiteSpace(options.QuietHours) && !NudgeOptions.TryParseQuietHours(options.QuietHours, out _, out _))
        {
            problems.Add($"{SettingNames.NotificationsQuietHours} must be HH:mm-HH:mm (China time), e.g. 21:00-08:00, or empty.");
        }

        if (options.ItUserIdList.Any(id => id.Length > 64))
        {
            problems.Add($"{SettingNames.NotificationsItUserIds} must be WeCom userids (up to 64 characters each) separated by commas.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
