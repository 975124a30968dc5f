using WeComGuard.Core.Audits.Evidence;
using WeComGuard.Core.Audits.Runs;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.Audits;

/// <summary>The nightly admin-action audit (timer <c>AuditAdminActions</c>, schedule <c>AdminAuditSchedule</c>): apps, Secrets, 可信IP, exports, admin rights.</summary>
public sealed class AdminAudit : IScheduledJob
{
    private readonly AuditRunner _runner;
    private readonly AuditOptions _options;
    private readonly IAuditDataSource _source;
    private readonly IAuditEvidenceArchive _evidence;

    public AdminAudit(AuditRunner runner, AuditOptions options, IAuditDataSource source, IAuditEvidenceArchive evidence)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _options = options;
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        ArgumentNullException.ThrowIfNull(evidence);
        _evidence = evidence;
    }

    public string Name => "AuditAdminActions";

    public string ScheduleSetting => SettingNames.AdminAuditSchedule;

    public async Task RunAsync(CancellationToken cancellationToken) => AuditJobs.ThrowIfFailed(await RunAuditAsync(cancellationToken).ConfigureAwait(false));

    public Task<AuditRunResult> RunAuditAsync(CancellationToken cancellationToken) =>
        _runner.RunAsync(
            AuditNames.AdminActions,
            (clock, token) => AdminAuditEvaluator.EvaluateAsync(_source, _evidence, _options, clock, token),
            cancellationToken);
}
