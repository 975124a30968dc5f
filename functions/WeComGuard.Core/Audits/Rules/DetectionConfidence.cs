namespace WeComGuard.Core.Audits.Rules;

/// <summary>A scanner detection's confidence. group.notice-sensitive fires at <see cref="Medium"/> or more.</summary>
public enum DetectionConfidence
{
    Low = 0,
    Medium = 1,
    High = 2,
}
