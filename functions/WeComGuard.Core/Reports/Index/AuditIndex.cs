using WeComGuard.Core.Audits.Runs;
using WeComGuard.Core.Remediation;

namespace WeComGuard.Core.Reports.Index;

/// <summary>
/// What index.html shows: every run (newest first), the trend of open findings by severity over each audit's last
/// <see cref="TrendRuns"/> runs, the mean time to resolve per rule, and the waivers in force.
/// </summary>
public sealed record AuditIndex(
    DateTimeOffset AsOf,
    IReadOnlyList<AuditRunRecord> Runs,
    IReadOnlyList<RuleResolution> Resolution,
    IReadOnlyList<Waiver> Waivers)
{
    public const int TrendRuns = 30;

    /// <summary>The audits that have runs, in name order.</summary>
    public IEnumerable<string> Audits => Runs.Select(run => run.Audit).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>The audit's runs, newest first.</summary>
    public IEnumerable<AuditRunRecord> RunsOf(string audit) =>
        Runs.Where(run => run.Audit == audit).OrderByDescending(run => run.Started).ThenByDescending(run => run.RunId, StringComparer.Ordinal);
}

/// <summary>One rule's findings in table Findings: how many are open, how many were resolved and how long that took on average.</summary>
public sealed record RuleResolution(string Rule, int Open, int Resolved, TimeSpan? MeanTimeToResolve);
