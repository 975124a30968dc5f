namespace WeComGuard.Core.Scanning;

/// <summary>One match in a text, by offsets only (no copy of the value), so that scanning allocates nothing per match.</summary>
internal readonly record struct SensitiveMatch(string DetectorId, int Start, int Length, FindingConfidence Confidence)
{
    public int End => Start + Length;

    /// <summary>
    /// The order findings are listed in: by offset, then the longer match first (an email before the phone number its
    /// address starts with), then by detector. A total order, so that every path lists the same first findings.
    /// </summary>
    public static int CompareInTextOrder(long start, int length, string detectorId, long otherStart, int otherLength, string otherDetectorId)
    {
        var byStart = start.CompareTo(otherStart);
        if (byStart != 0)
        {
            return byStart;
        }

        var byLength = otherLength.CompareTo(length);
        return byLength != 0 ? byLength : string.CompareOrdinal(detectorId, otherDetectorId);
    }

    public static int CompareInTextOrder(SensitiveMatch a, SensitiveMatch b) =>
        CompareInTextOrder(a.Start, a.Length, a.DetectorId, b.Start, b.Length, b.DetectorId);
}
