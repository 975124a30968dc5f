namespace WeComGuard.Core.Audits;

/// <summary>A rule an audit run could not evaluate, and why (no roster, no security access, no avatars, no notice inspector...).</summary>
public sealed record AuditSkippedRule(string Rule, string Reason);
