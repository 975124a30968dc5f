using WeComGuard.Core.Audits.Roster;

namespace WeComGuard.Core.Audits;

/// <summary>
/// What evaluating an audit produced: its findings, the rules that were fully evaluated (only those may resolve
/// findings), why the inputs were incomplete (if they were), skipped roster rows, and input counts for the report.
/// </summary>
public sealed record AuditOutcome(
    IReadOnlyList<Finding> Findings,
    IReadOnlyCollection<string> EvaluatedRules,
    IReadOnlyList<string> IncompleteReasons,
    IReadOnlyList<RosterProblem> RosterProblems,
    IReadOnlyDictionary<string, int> Inputs)
{
    public bool IsComplete => IncompleteReasons.Count == 0;

    /// <summary>The audit's rules that were not evaluated, each with why; they resolve nothing.</summary>
    public IReadOnlyList<AuditSkippedRule> SkippedRules { get; init; } = [];
}
