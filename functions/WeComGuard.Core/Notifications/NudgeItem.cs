using WeComGuard.Core.Audits.Findings;

namespace WeComGuard.Core.Notifications;

/// <summary>One finding in a person's nudge: as the responsible person, or escalated to them as the responsible person's leader.</summary>
public sealed record NudgeItem(FindingView Finding, string Role, string? Responsible)
{
    public const string RoleResponsible = "responsible";
    public const string RoleEscalation = "escalation";
}
