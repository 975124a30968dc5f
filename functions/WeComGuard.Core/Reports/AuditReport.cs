using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Audits.Roster;

namespace WeComGuard.Core.Reports;

/// <summary>
/// Everything a run's report shows. <see cref="NewFindings"/> and <see cref="Resolved"/> are null when the run kept no
/// finding history (the CLI), so the report cannot say what changed since the last run.
/// </summary>
public sealed record AuditReport(
    string Audit,
    string RunId,
    string Status,
    DateTimeOffset AsOf,
    DateTimeOffset Started,
    DateTimeOffset? Finished,
    IReadOnlyList<Finding> Findings,
    IReadOnlySet<FindingKey>? NewFindings,
    IReadOnlyList<ResolvedFinding>? Resolved,
    IReadOnlyList<string> IncompleteReasons,
    IReadOnlyList<RosterProblem> RosterProblems,
    IReadOnlyDictionary<string, int> Inputs,
    string? Error)
{
    /// <summary>The rules the run evaluated (only those may resolve findings).</summary>
    public IReadOnlyCollection<string> EvaluatedRules { get; init; } = [];

    /// <summary>The rules the run could not evaluate, each with why.</summary>
    public IReadOnlyList<AuditSkippedRule> SkippedRules { get; init; } = [];

    /// <summary>Findings of this run under a waiver in force (counted in the report, never silent); null when the run kept no history.</summary>
    public IReadOnlySet<FindingKey>? Waived { get; init; }

    public bool IsWaived(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return Waived?.Contains(new FindingKey(finding.Rule, finding.Subject)) ?? false;
    }

    public bool IsNew(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return NewFindings?.Contains(new FindingKey(finding.Rule, finding.Subject)) ?? false;
    }

    /// <summary>The blob folder: <c>{audit}/{yyyy}/{MM}/{dd}/{runId}/</c>, dated by the run's start in China time.</summary>
    public string BlobPrefix => ReportPaths.Prefix(Audit, Started, RunId);
}
