namespace WeComGuard.Core.Remediation;

/// <summary>
/// What the security team's approved actions may do (section <c>Remediation</c>). Off by default: until
/// <c>Remediation__Enabled</c> is true every approved action is recorded as a dry run and WeCom is not changed.
/// </summary>
public sealed class RemediationOptions
{
    public const string SectionName = "Remediation";

    public bool Enabled { get; set; }

    /// <summary>Days a waiver approved from a card lasts (<c>Remediation__WaiverDays</c>, default 30).</summary>
    public int WaiverDays { get; set; } = 30;

    /// <summary>
    /// Who takes over a departed owner's customer groups when WeCom names no direct leader for the owner
    /// (<c>Remediation__DefaultTakeoverUserId</c>); empty = such a transfer is refused.
    /// </summary>
    public string DefaultTakeoverUserId { get; set; } = string.Empty;
}
