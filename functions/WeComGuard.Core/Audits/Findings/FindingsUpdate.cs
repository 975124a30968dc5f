namespace WeComGuard.Core.Audits.Findings;

/// <summary>
/// What recording a run's findings changed: findings seen for the first time (or again after being resolved), findings
/// still open from earlier runs, and findings this run resolved (with the department they were reported under).
/// </summary>
public sealed record FindingsUpdate(
    IReadOnlyList<Finding> New,
    IReadOnlyList<Finding> StillOpen,
    IReadOnlyList<ResolvedFinding> Resolved);
