using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Audits.Runs;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.Audits;

/// <summary>The nightly handover audit (timer <c>AuditHandover</c>, schedule <c>HandoverAuditSchedule</c>): customers and groups of departed members, departures HR never recorded.</summary>
public sealed class HandoverAudit : IScheduledJob
{
    private readonly AuditRunner _runner;
    private readonly IRosterSource _roster;
    private readonly AuditOptions _options;
    private readonly IAuditDataSource _source;

    public HandoverAudit(AuditRunner runner, IRosterSource roster, AuditOptions options, IAuditDataSource source)
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

    public string Name => "AuditHandover";

    public string ScheduleSetting => SettingNames.HandoverAuditSchedule;

    public async Task RunAsync(CancellationToken cancellationToken) => AuditJobs.ThrowIfFailed(await RunAuditAsync(cancellationToken).ConfigureAwait(false));

    public Task<AuditRunResult> RunAuditAsync(CancellationToken cancellationToken) =>
        _runner.RunAsync(
            AuditNames.Handover,
            (clock, token) => HandoverAuditEvaluator.EvaluateAsync(_source, _roster, _options, clock, token),
            cancellationToken);
}
