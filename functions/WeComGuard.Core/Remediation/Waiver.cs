using WeComGuard.Core.Audits.Findings;

namespace WeComGuard.Core.Remediation;

/// <summary>A finding accepted for a while: why, who approved it, until when (exclusive).</summary>
public sealed record Waiver(string Rule, string Subject, string Reason, string Approver, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public FindingKey Key => new(Rule, Subject);

    public bool IsActive(DateTimeOffset now) => now < ExpiresAt;
}
