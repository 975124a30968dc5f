using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Audits.Evidence;
using WeComGuard.Core.Audits.Runs;

namespace WeComGuard.Core.Audits;

/// <summary>The account audit: the second step of the nightly <c>SyncDirectory</c> job (<see cref="NightlyDirectoryAudit"/>).</summary>
public sealed class AccountAudit
{
    private readonly AuditRunner _runner;
    private readonly IRosterSource _roster;
    private readonly AuditOptions _options;
    private readonly IAuditDataSource _source;
    private readonly IAuditEvidenceArchive _evidence;

    public AccountAudit(AuditRunner runner, IRosterSource roster, AuditOptions options, IAuditDataSource source, IAuditEvidenceArchive evidence)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _roster = roster;
        _options = options;
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        ArgumentNullException.ThrowIfNull(evidence);
        _evidence = evidence;
    }

    public Task<AuditRunResult> RunAuditAsync(CancellationToken cancellationToken) => RunAuditAsync(inputIncomplete: null, cancellationToken);

    /// <param name="inputIncomplete">Why the directory cannot be trusted complete (a failed sync), or null: the run is then partial.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public Task<AuditRunResult> RunAuditAsync(string? inputIncomplete, CancellationToken cancellationToken) =>
        _runner.RunAsync(
            AuditNames.Accounts,
            async (clock, token) => AuditJobs.Incomplete(
                await AccountAuditEvaluator.EvaluateAsync(_source, _roster, _evidence, _options, clock, token).ConfigureAwait(false), inputIncomplete),
            cancellationToken);
}
