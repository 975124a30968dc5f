namespace WeComGuard.Core.Audits.Findings;

/// <summary>A finding's identity across runs: rule id and subject.</summary>
public sealed record FindingKey(string Rule, string Subject);
