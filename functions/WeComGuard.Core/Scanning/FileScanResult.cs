namespace WeComGuard.Core.Scanning;

/// <summary>The outcome of scanning one file (or one archive member): what it is, what became of it, and what was found.</summary>
public sealed record FileScanResult
{
    public required string Source { get; init; }

    public required string Sha256 { get; init; }

    public required string Md5 { get; init; }

    public required long Size { get; init; }

    /// <summary>txt, csv, docx, xlsx, pptx, pdf, zip, doc, xls, ppt, image, binary, …</summary>
    public required string Type { get; init; }

    public required FileScanStatus Status { get; init; }

    /// <summary>Why a file was not scanned (encrypted, unsupported, failed); null when scanned.</summary>
    public string? Reason { get; init; }

    /// <summary>Findings in this file and in its archive members.</summary>
    public IReadOnlyList<SensitiveFinding> Findings { get; init; } = [];

    /// <summary>Archive members (and their members), each with its own status.</summary>
    public IReadOnlyList<FileScanResult> Members { get; init; } = [];

    /// <summary>A file that could not be read at all: failed, with the reason, no hashes.</summary>
    public static FileScanResult Unread(string source, string reason) => new()
    {
        Source = source,
        Sha256 = string.Empty,
        Md5 = string.Empty,
        Size = 0,
        Type = Path.GetExtension(source).TrimStart('.').ToLowerInvariant(),
        Status = FileScanStatus.Failed,
        Reason = reason,
    };

    public IReadOnlyDictionary<string, int> CountsAtOrAbove(FindingConfidence minimum) =>
        Findings.Where(f => f.Confidence >= minimum)
            .GroupBy(f => f.DetectorId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>
    /// Sensitive: any high-confidence finding, any credential or password, or at least ten medium-confidence findings
    /// (Purview/Nightfall-style minimum counts, so one stray email address does not flag a file).
    /// </summary>
    public bool IsSensitive =>
        Findings.Any(f => f.Confidence == FindingConfidence.High
            || (f.Confidence == FindingConfidence.Medium && f.DetectorId is DetectorIds.Credential or DetectorIds.PasswordField))
        || Findings.Count(f => f.Confidence >= FindingConfidence.Medium) >= 10;

    /// <summary>Everything was read: this file was scanned and so was every member (an image inside an Office package is not a member).</summary>
    public bool IsComplete => Status == FileScanStatus.Scanned && Members.All(m => m.IsComplete);

    /// <summary>
    /// <c>sensitive</c>; <c>clean</c> only when everything was read (<see cref="IsComplete"/>); <c>partial</c> when some of
    /// it was read and some was not (a member past the archive depth, encrypted or unsupported, text over the memory
    /// budget); <c>not-scanned</c> when nothing was read (encrypted, unsupported, failed, too large).
    /// </summary>
    public string Verdict =>
        IsSensitive ? "sensitive"
        : IsComplete ? "clean"
        : Status is FileScanStatus.Scanned or FileScanStatus.Partial ? "partial"
        : "not-scanned";

    /// <summary>This file or one of its members failed.</summary>
    public bool HasFailures => Status == FileScanStatus.Failed || Members.Any(m => m.HasFailures);

    public FindingConfidence? HighestConfidence => Findings.Count == 0 ? null : Findings.Max(f => f.Confidence);
}
