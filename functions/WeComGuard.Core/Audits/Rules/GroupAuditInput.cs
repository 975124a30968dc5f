namespace WeComGuard.Core.Audits.Rules;

/// <summary>One customer group chat as the group rules see it, with the directory and thresholds.</summary>
public sealed record GroupAuditInput(AuditGroupChat Chat, GroupDirectory Directory, AuditOptions Options)
{
    /// <summary>Groups are reported under their owner's department.</summary>
    public string? Department => Directory.DepartmentOf(Chat.Owner);
}
