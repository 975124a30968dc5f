using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Audits.Runs;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.Audits;

/// <summary>The nightly account audit (timer <c>AuditAccounts</c>, schedule <c>AccountAuditSchedule</c>).</summary>
public sealed class AccountAudit : IScheduledJob
{
    private readonly AuditRunner _runner;
    private readonly IRosterSource _roster;
    private readonly AuditOptions _options;
    private readonly IAuditDataSource _source;

    public AccountAudit(AuditRunner runner, IRosterSource roster, AuditOptions options, IAuditDataSource source)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _roster = roster;
        _options = options;
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    public string Name => "AuditAccounts";

    public string ScheduleSetting => SettingNames.AccountAuditSchedule;

    public async Task RunAsync(CancellationToken cancellationToken) => AuditJobs.ThrowIfFailed(await RunAuditAsync(cancellationToken).ConfigureAwait(false));

    public Task<AuditRunResult> RunAuditAsync(CancellationToken cancellationToken) =>
        _runner.RunAsync(
            AuditNames.Accounts,
            (clock, token) => AccountAuditEvaluator.EvaluateAsync(_source, _roster, _options, clock, token),
            cancellationToken);
}
