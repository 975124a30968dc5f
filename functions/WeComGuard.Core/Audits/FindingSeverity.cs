namespace WeComGuard.Core.Audits;

/// <summary>How urgently the security team should act on a finding. Stored and reported in lowercase.</summary>
public enum FindingSeverity
{
    Low = 0,
    Medium = 1,
    High = 2,
}
