namespace WeComGuard.Core.Scanning;

/// <summary>One match in a text, by offsets only (no copy of the value), so that scanning allocates nothing per match.</summary>
internal readonly record struct SensitiveMatch(string DetectorId, int Start, int Length, FindingConfidence Confidence)
{
    public int End => Start + Length;
}
