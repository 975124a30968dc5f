using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.WeCom;

/// <summary>Refuses a WeCom API address that is not http(s), and limits that are not positive, naming the setting.</summary>
public sealed class WeComOptionsValidator : IValidateOptions<WeComOptions>
{
    public ValidateOptionsResult Validate(string? name, WeComOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new SettingProblems();
        problems.Check(
            options.ApiBaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp),
            SettingNames.WeComApiBaseUrl, $"must be an absolute http(s) URL (default {WeComOptions.DefaultApiBaseUrl}).");
        problems.WholeNumber(options.AppAgentId, SettingNames.WeComAppAgentId, 0, int.MaxValue);
        problems.WholeNumber(options.RateLimitPerMinute, SettingNames.WeComRateLimitPerMinute, 0, 1_000_000); // 0: no client-side limit
        problems.WholeNumber(options.MaxPagesPerListing, SettingNames.WeComMaxPagesPerListing, 1, int.MaxValue);
        problems.WholeNumber(options.MaxRetries, Setting(nameof(options.MaxRetries)), 0, 20);
        problems.WholeNumber(options.MediaChunkBytes, Setting(nameof(options.MediaChunkBytes)), 1, int.MaxValue);
        problems.Check(options.RateLimitWindow <= TimeSpan.Zero, Setting(nameof(options.RateLimitWindow)), "must be positive.");
        problems.Check(options.AttemptTimeout <= TimeSpan.Zero, Setting(nameof(options.AttemptTimeout)), "must be positive.");
        problems.Check(options.RetryBaseDelay < TimeSpan.Zero, Setting(nameof(options.RetryBaseDelay)), "must not be negative.");
        return problems.Result();
    }

    private static string Setting(string property) => WeComOptions.SectionName + "__" + property;
}
