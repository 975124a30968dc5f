namespace WeComGuard.Core.Scanning;

/// <summary>Scans extracted text and turns the matches into findings (canonical value, mask, fingerprint, location).</summary>
internal static class TextFindingBuilder
{
    public static void AddFindings(ExtractedText extracted, string source, FindingFingerprinter fingerprinter, List<SensitiveMatch> scratch, FindingList findings, CancellationToken cancellationToken) =>
        AddFindings(extracted, source, fingerprinter, scratch, findings, SensitiveTextScanner.WindowCharacters, cancellationToken);

    /// <summary>The findings of one detector pass, run in windows of <paramref name="windowCharacters"/> with the token checked between them.</summary>
    internal static void AddFindings(ExtractedText extracted, string source, FindingFingerprinter fingerprinter, List<SensitiveMatch> scratch, FindingList findings, int windowCharacters, CancellationToken cancellationToken)
    {
        scratch.Clear();
        var text = extracted.Text;
        SensitiveTextScanner.Scan(text, scratch, windowCharacters, cancellationToken);
        if (scratch.Count == 0)
        {
            return;
        }

        // Email matches are found when the scan reaches '@', after tokens inside them: order by offset for line counting.
        scratch.Sort(SensitiveMatch.CompareInTextOrder);
        var line = 1;
        var counted = 0;
        var anchorIndex = -1;
        foreach (var match in scratch)
        {
            if (findings.IsFull)
            {
                findings.Count(match.DetectorId, match.Confidence, 1);
                continue;
            }

            string location;
            if (extracted.Anchors.Count > 0)
            {
                while (anchorIndex + 1 < extracted.Anchors.Count && extracted.Anchors[anchorIndex + 1].Offset <= match.Start)
                {
                    anchorIndex++;
                }

                location = anchorIndex >= 0 ? extracted.Anchors[anchorIndex].Label : "start";
            }
            else
            {
                line += text.AsSpan(counted, match.Start - counted).Count('\n');
                counted = match.Start;
                location = LineLocation(line);
            }

            findings.Add(Build(text.AsSpan(match.Start, match.Length), match, source, fingerprinter, location));
        }
    }

    /// <summary>One match as a finding: canonical value, mask and fingerprint from its written form <paramref name="raw"/>.</summary>
    public static SensitiveFinding Build(ReadOnlySpan<char> raw, SensitiveMatch match, string source, FindingFingerprinter fingerprinter, string location)
    {
        var canonical = MatchValues.Canonical(match.DetectorId, raw);
        return new SensitiveFinding(
            source,
            match.DetectorId,
            match.Confidence,
            MatchValues.Mask(match.DetectorId, canonical),
            fingerprinter.Fingerprint(canonical),
            location);
    }

    public static string LineLocation(long line) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {line}");

    /// <summary>Adds second-stage entities as findings, located like local matches.</summary>
    public static void AddEntities(ExtractedText extracted, string source, FindingFingerprinter fingerprinter, IReadOnlyList<RecognizedEntity> entities, FindingList findings)
    {
        var text = extracted.Text;
        foreach (var entity in entities.OrderBy(e => e.Offset))
        {
            if (entity.Offset < 0 || entity.Length <= 0 || entity.Offset + entity.Length > text.Length)
            {
                continue;
            }

            var confidence = entity.ConfidenceScore >= 0.85 ? FindingConfidence.High : entity.ConfidenceScore >= 0.6 ? FindingConfidence.Medium : FindingConfidence.Low;
            var detectorId = DetectorIds.SecondStagePrefix + entity.Category;
            if (findings.IsFull)
            {
                findings.Count(detectorId, confidence, 1);
                continue;
            }

            var value = text.Substring(entity.Offset, entity.Length);
            findings.Add(new SensitiveFinding(
                source,
                detectorId,
                confidence,
                value.Length <= 1 ? "*" : string.Concat(value.AsSpan(0, 1), new string('*', Math.Min(value.Length - 1, 12))),
                fingerprinter.Fingerprint(value),
                Locate(extracted, entity.Offset)));
        }
    }

    private static string Locate(ExtractedText extracted, int offset)
    {
        if (extracted.Anchors.Count == 0)
        {
            var line = extracted.Text.AsSpan(0, offset).Count('\n') + 1;
            return "line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var label = "start";
        foreach (var anchor in extracted.Anchors)
        {
            if (anchor.Offset > offset)
            {
                break;
            }

            label = anchor.Label;
        }

        return label;
    }
}
