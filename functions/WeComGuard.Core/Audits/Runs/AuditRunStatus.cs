namespace WeComGuard.Core.Audits.Runs;

/// <summary>How an audit run ended. Only a succeeded run resolves findings.</summary>
public enum AuditRunStatus
{
    Running = 0,
    Succeeded = 1,
    Partial = 2,
    Failed = 3,
}
