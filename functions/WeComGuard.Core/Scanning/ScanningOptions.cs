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
    /// Memory one file's scan may hold (setting <c>Scanning__MaxMemoryBytes</c>; default 384 MB): the file, inflated members,
    /// decompressed PDF streams, shared strings and extracted text are counted against it. Past it the file's status is
    /// <see cref="FileScanStatus.TooLarge"/> (nothing read) or <see cref="FileScanStatus.Partial"/> (what was read is
    /// scanned), never an out-of-memory worker. With host.json's queue concurrency (batchSize 3 + newBatchThreshold 1 =
    /// 4 scans at once) the default takes 1,536 MB of a 2,048 MB Flex Consumption instance, leaving 512 MB for the host
    /// and the worker (docs/operations.md; QueueConcurrencyMemoryTests keeps the two in step).
    /// </summary>
    public long MaxMemoryBytes { get; set; } = 384L * 1024 * 1024;

    /// <summary>
    /// Findings listed per file, archive members included (setting <c>Scanning__MaxFindingsPerFile</c>; default 100,000, about
    /// 35 MB): past it findings are counted by detector and confidence (<see cref="FileScanResult.FindingsNotListed"/>)
    /// but not masked, fingerprinted or kept, so a file dense with values holds bounded memory and its report stays readable.
    /// </summary>
    public int MaxFindingsPerFile { get; set; } = 100_000;

    /// <summary>Most bytes one PDF stream may decompress to (content streams, fonts, object streams; setting <c>Scanning__MaxPdfStreamBytes</c>); default 64 MB.</summary>
    public long MaxPdfStreamBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The queue's maxDequeueCount (host.json, 5): on this attempt a file that still fails is recorded as failed instead
    /// of being retried (setting <c>Scanning__MaxDequeueCount</c>; keep it equal to host.json).
    /// </summary>
    public int MaxDequeueCount { get; set; } = 5;

    public TimeSpan TimeLimit => TimeSpan.FromSeconds(TimeLimitSeconds);
}
