namespace WeComGuard.Core.Audits.Rules;

/// <summary>What the scanner found in a group notice: the kind of data (e.g. <c>cn-id-card</c>), its confidence and a masked sample.</summary>
public sealed record NoticeDetection(string Category, DetectionConfidence Confidence, string? MaskedValue);
