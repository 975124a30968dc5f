namespace WeComGuard.Core.Scanning;

/// <summary>Limits and keys for file scanning. Bound from the <c>Scanning</c> configuration section.</summary>
public sealed class ScanningOptions
{
    public const string SectionName = "Scanning";

    /// <summary>HMAC key for fingerprints (setting <c>Scanning__FingerprintKey</c>).</summary>
    public string? FingerprintKey { get; set; }

    /// <summary>Files larger than this are not scanned (setting <c>Scanning__MaxFileBytes</c>; default 100 MB).</summary>
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Wall-clock limit per file, archive members included (setting <c>Scanning__TimeLimitSeconds</c>).</summary>
    public int TimeLimitSeconds { get; set; } = 120;

    /// <summary>Most entries an archive (zip or Office package) may hold.</summary>
    public int MaxArchiveEntries { get; set; } = 10_000;

    /// <summary>Most bytes all entries of an archive may inflate to, counted while inflating.</summary>
    public long MaxArchiveTotalBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Highest inflated/compressed ratio of an entry once it passes 1 MB.</summary>
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>Archive nesting scanned: 2 = a zip inside a zip.</summary>
    public int MaxArchiveDepth { get; set; } = 2;

    /// <summary>
    /// The queue's maxDequeueCount (host.json, 5): on this attempt a file that still fails is recorded as failed instead
    /// of being retried (setting <c>Scanning__MaxDequeueCount</c>; keep it equal to host.json).
    /// </summary>
    public int MaxDequeueCount { get; set; } = 5;

    public TimeSpan TimeLimit => TimeSpan.FromSeconds(TimeLimitSeconds);
}
