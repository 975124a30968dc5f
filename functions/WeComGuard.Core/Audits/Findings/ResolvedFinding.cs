namespace WeComGuard.Core.Audits.Findings;

/// <summary>A finding a complete run did not see again.</summary>
public sealed record ResolvedFinding(string Rule, string Subject, string Severity, string? Department, DateTimeOffset FirstSeen);
