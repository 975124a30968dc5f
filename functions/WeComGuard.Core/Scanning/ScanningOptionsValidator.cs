using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.Scanning;

/// <summary>Refuses to start without a fingerprint key, or with scan limits that are not positive, naming the setting.</summary>
public sealed class ScanningOptionsValidator : IValidateOptions<ScanningOptions>
{
    public ValidateOptionsResult Validate(string? name, ScanningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new SettingProblems();
        problems.Check(string.IsNullOrWhiteSpace(options.FingerprintKey), SettingNames.ScanningFingerprintKey,
            "is not set: scanning keeps keyed fingerprints of sensitive values and needs a secret key (e.g. openssl rand -hex 32).");
        problems.WholeNumber(options.MaxFileBytes, SettingNames.ScanningMaxFileBytes, 1, long.MaxValue);
        problems.WholeNumber(options.TimeLimitSeconds, SettingNames.ScanningTimeLimitSeconds, 1, 24 * 3600);
        problems.WholeNumber(options.MaxDequeueCount, SettingNames.ScanningMaxDequeueCount, 1, 1000);
        problems.WholeNumber(options.MaxMemoryBytes, Setting(nameof(options.MaxMemoryBytes)), 1024 * 1024, long.MaxValue);
        problems.WholeNumber(options.MaxArchiveEntries, Setting(nameof(options.MaxArchiveEntries)), 1, int.MaxValue);
        problems.WholeNumber(options.MaxArchiveTotalBytes, Setting(nameof(options.MaxArchiveTotalBytes)), 1, long.MaxValue);
        problems.WholeNumber(options.MaxCompressionRatio, Setting(nameof(options.MaxCompressionRatio)), 1, int.MaxValue);
        problems.WholeNumber(options.MaxArchiveDepth, Setting(nameof(options.MaxArchiveDepth)), 0, 16);
        problems.WholeNumber(options.MaxPdfStreamBytes, Setting(nameof(options.MaxPdfStreamBytes)), 1, long.MaxValue);
        problems.WholeNumber(options.MaxFindingsPerFile, Setting(nameof(options.MaxFindingsPerFile)), 1, int.MaxValue);
        return problems.Result();
    }

    private static string Setting(string property) => ScanningOptions.SectionName + "__" + property;
}
