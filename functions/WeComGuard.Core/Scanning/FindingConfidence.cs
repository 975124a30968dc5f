namespace WeComGuard.Core.Scanning;

/// <summary>Purview-style confidence: pattern alone, pattern with its validation, validation with a corroborating keyword.</summary>
public enum FindingConfidence
{
    Low = 1,
    Medium = 2,
    High = 3,
}
