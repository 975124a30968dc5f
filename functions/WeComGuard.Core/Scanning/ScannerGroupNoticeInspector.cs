using WeComGuard.Core.Audits.Rules;

namespace WeComGuard.Core.Scanning;

/// <summary>The file scanner's detectors applied to a group notice, for the audits' <c>group.notice-sensitive</c> rule.</summary>
public sealed class ScannerGroupNoticeInspector : IGroupNoticeInspector
{
    public Task<NoticeDetection?> InspectAsync(string notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var matches = new List<SensitiveMatch>();
        SensitiveTextScanner.Scan(notice, matches);
        if (matches.Count == 0)
        {
            return Task.FromResult<NoticeDetection?>(null);
        }

        var best = matches.MaxBy(m => m.Confidence);
        var canonical = MatchValues.Canonical(best.DetectorId, notice.AsSpan(best.Start, best.Length));
        var confidence = best.Confidence switch
        {
            FindingConfidence.High => DetectionConfidence.High,
            FindingConfidence.Medium => DetectionConfidence.Medium,
            _ => DetectionConfidence.Low,
        };
        return Task.FromResult<NoticeDetection?>(new NoticeDetection(best.DetectorId, confidence, MatchValues.Mask(best.DetectorId, canonical)));
    }
}
