using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.Scanning;

/// <summary>An endpoint, when set, is an absolute https URL; the API version is never blank.</summary>
public sealed class LanguageOptionsValidator : IValidateOptions<LanguageOptions>
{
    public ValidateOptionsResult Validate(string? name, LanguageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new SettingProblems();
        problems.Check(
            options.IsEnabled && !(Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme == Uri.UriSchemeHttps),
            SettingNames.LanguageEndpoint, "must be empty (no second stage) or an absolute https URL.");
        problems.Check(string.IsNullOrWhiteSpace(options.ApiVersion), SettingNames.LanguageApiVersion, "must not be empty.");
        return problems.Result();
    }
}
