namespace WeComGuard.Core.Scanning;

/// <summary>A sensitive value found in a file: masked, with a keyed fingerprint, never the raw value.</summary>
/// <param name="Source">The file, or an archive member as <c>outer.zip!inner/path</c>.</param>
/// <param name="DetectorId">One of <see cref="DetectorIds"/>.</param>
/// <param name="Location">A line (<c>line 12</c>), a sheet and cell (<c>人员!C5</c>), a slide or a page (<c>page 2</c>).</param>
public sealed record SensitiveFinding(
    string Source,
    string DetectorId,
    FindingConfidence Confidence,
    string Masked,
    string Fingerprint,
    string Location);
