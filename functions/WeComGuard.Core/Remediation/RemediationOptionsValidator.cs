using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.Remediation;

/// <summary>Checks the remediation settings when the app starts, naming the setting that is wrong.</summary>
public sealed class RemediationOptionsValidator : IValidateOptions<RemediationOptions>
{
    public ValidateOptionsResult Validate(string? name, RemediationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new SettingProblems();
        problems.WholeNumber(options.WaiverDays, SettingNames.RemediationWaiverDays, 1, 365);
        problems.Check(options.DefaultTakeoverUserId.Length > 64, SettingNames.RemediationDefaultTakeoverUserId, "must be one WeCom userid (up to 64 characters).");
        return problems.Result();
    }
}
