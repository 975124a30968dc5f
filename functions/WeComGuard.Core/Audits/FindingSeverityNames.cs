namespace WeComGuard.Core.Audits;

/// <summary>The lowercase names findings are stored and reported with: <c>low</c>, <c>medium</c>, <c>high</c>.</summary>
public static class FindingSeverityNames
{
    public static string ToName(this FindingSeverity severity) => severity switch
    {
        FindingSeverity.High => "high",
        FindingSeverity.Medium => "medium",
        _ => "low",
    };

    public static FindingSeverity Parse(string? name) => name?.ToLowerInvariant() switch
    {
        "high" => FindingSeverity.High,
        "medium" => FindingSeverity.Medium,
        _ => FindingSeverity.Low,
    };
}
