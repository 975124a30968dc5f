using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.Remediation;

/// <summary>Checks the remediation settings when the app starts.</summary>
public sealed class RemediationOptionsValidator : IValidateOptions<RemediationOptions>
{
    public ValidateOptionsResult Validate(string? name, RemediationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.WaiverDays is < 1 or > 365)
        {
            problems.Add($"{SettingNames.RemediationWaiverDays} must be 1 to 365 days.");
        }

        if (options.DefaultTakeoverUserId.Length > 64)
        {
            problems.Add($"{SettingNames.RemediationDefaultTakeoverUserId} must be one WeCom userid.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
