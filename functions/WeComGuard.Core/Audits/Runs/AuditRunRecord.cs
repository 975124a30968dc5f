namespace WeComGuard.Core.Audits.Runs;

/// <summary>One row of table <c>AuditRuns</c> (PartitionKey = audit, RowKey = run id).</summary>
public sealed record AuditRunRecord(
    string RunId,
    string Audit,
    DateTimeOffset Started,
    DateTimeOffset? Finished,
    AuditRunStatus Status,
    int FindingCount,
    int NewCount,
    int ResolvedCount,
    string? CountsByRule,
    string? ReportPath,
    string? Error)
{
    /// <summary>Findings of the run under a waiver in force; null when not known (no waivers read, older rows).</summary>
    public int? WaivedCount { get; init; }
}
