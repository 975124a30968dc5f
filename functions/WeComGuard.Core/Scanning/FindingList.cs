namespace WeComGuard.Core.Scanning;

/// <summary>
/// A file's findings up to <see cref="ScanningOptions.MaxFindingsPerFile"/>, and past it only their counts, so that a file
/// dense with values (100 MB of phone numbers is eight million) costs a bounded list, not memory and time per value.
/// </summary>
internal sealed class FindingList(int maxListed)
{
    private readonly Dictionary<(string DetectorId, FindingConfidence Confidence), int> _notListed = [];

    public List<SensitiveFinding> Listed { get; } = [];

    public bool IsFull => Listed.Count >= maxListed;

    public void Add(SensitiveFinding finding)
    {
        if (IsFull)
        {
            Count(finding.DetectorId, finding.Confidence, 1);
            return;
        }

        Listed.Add(finding);
    }

    /// <summary>Findings past the list: counted only.</summary>
    public void Count(string detectorId, FindingConfidence confidence, int count)
    {
        if (count > 0)
        {
            _notListed[(detectorId, confidence)] = _notListed.GetValueOrDefault((detectorId, confidence)) + count;
        }
    }

    /// <summary>A member's findings after this file's own: listed while there is room, and its counts past its own list.</summary>
    public void AddMember(FileScanResult member)
    {
        foreach (var finding in member.Findings)
        {
            Add(finding);
        }

        foreach (var tally in member.FindingsNotListed)
        {
            Count(tally.DetectorId, tally.Confidence, tally.Count);
        }
    }

    public IReadOnlyList<FindingTally> NotListed() =>
        _notListed.Count == 0
            ? []
            : [.. _notListed
                .OrderBy(entry => entry.Key.DetectorId, StringComparer.Ordinal)
                .ThenBy(entry => entry.Key.Confidence)
                .Select(entry => new FindingTally(entry.Key.DetectorId, entry.Key.Confidence, entry.Value))];
}
