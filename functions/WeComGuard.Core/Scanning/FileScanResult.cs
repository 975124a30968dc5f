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

    /// <summary>
    /// Findings in this file and in its archive members, in file order: the first <see cref="ScanningOptions.MaxFindingsPerFile"/>
    /// of them. The rest are only counted, in <see cref="FindingsNotListed"/>.
    /// </summary>
    public IReadOnlyList<SensitiveFinding> Findings { get; init; } = [];

    /// <summary>Findings past <see cref="ScanningOptions.MaxFindingsPerFile"/>, by detector and confidence; empty when every finding is listed.</summary>
    public IReadOnlyList<FindingTally> FindingsNotListed { get; init; } = [];

    /// <summary>Every finding, listed or only counted.</summary>
    public int FindingCount => Counted().Sum(tally => tally.Count);

    /// <summary>
    /// Archive members (and their members), each with its own status and counts (<see cref="FindingsNotListed"/>); their
    /// findings are listed in this file's <see cref="Findings"/>, not in theirs.
    /// </summary>
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

    public IReadOnlyDictionary<string, int> CountsAtOrAbove(FindingConfidence minimum)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var tally in Counted())
        {
            if (tally.Confidence >= minimum)
            {
                counts[tally.DetectorId] = counts.GetValueOrDefault(tally.DetectorId) + tally.Count;
            }
        }

        return counts;
    }

    /// <summary>Every finding as a count, the listed ones one each: what counts and verdicts are taken from.</summary>
    private IEnumerable<FindingTally> Counted() =>
        Findings.Select(finding => new FindingTally(finding.DetectorId, finding.Confidence, 1)).Concat(FindingsNotListed);

    /// <summary>
    /// This result with its findings only counted: an archive member once the archive has listed them, so that a zip of
    /// many dense members holds one list, the archive's, and not one per member.
    /// </summary>
    internal FileScanResult CountedOnly()
    {
        if (Findings.Count == 0)
        {
            return this;
        }

        var counts = new FindingList(0);
        counts.AddMember(this);
        return this with { Findings = [], FindingsNotListed = counts.NotListed() };
    }

    /// <summary>Findings at or above <paramref name="minimum"/> that are counted but not listed.</summary>
    public int NotListedAtOrAbove(FindingConfidence minimum) =>
        FindingsNotListed.Where(tally => tally.Confidence >= minimum).Sum(tally => tally.Count);

    /// <summary>
    /// Sensitive: any high-confidence finding, any credential or password, or at least ten medium-confidence findings
    /// (Purview/Nightfall-style minimum counts, so one stray email address does not flag a file).
    /// </summary>
    public bool IsSensitive =>
        Counted().Any(tally => tally.Confidence == FindingConfidence.High
            || (tally.Confidence == FindingConfidence.Medium && tally.DetectorId is DetectorIds.Credential or DetectorIds.PasswordField))
        || Counted().Where(tally => tally.Confidence >= FindingConfidence.Medium).Sum(tally => tally.Count) >= 10;

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

    public FindingConfidence? HighestConfidence => Counted().Select(tally => (FindingConfidence?)tally.Confidence).Max();
}
