namespace WeComGuard.Core.Scanning;

/// <summary>
/// How many findings of one detector at one confidence a file had past <see cref="ScanningOptions.MaxFindingsPerFile"/>:
/// counted, but not masked, fingerprinted or listed.
/// </summary>
public readonly record struct FindingTally(string DetectorId, FindingConfidence Confidence, int Count);
