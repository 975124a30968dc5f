namespace WeComGuard.Core.Audits.Runs;

/// <summary>How a run ended, what it changed, and where its report is (null when none was written).</summary>
public sealed record AuditRunResult(
    string RunId,
    string Audit,
    AuditRunStatus Status,
    int FindingCount,
    int NewCount,
    int ResolvedCount,
    string? ReportPath,
    string? Error);
