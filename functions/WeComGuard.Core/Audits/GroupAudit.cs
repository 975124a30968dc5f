using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Audits.Rules;
using WeComGuard.Core.Audits.Runs;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.Audits;

/// <summary>The nightly customer-group audit (timer <c>AuditGroups</c>, schedule <c>GroupAuditSchedule</c>).</summary>
public sealed class GroupAudit : IScheduledJob
{
    private readonly AuditRunner _runner;
    private readonly IRosterSource _roster;
    private readonly AuditOptions _options;
    private readonly IAuditDataSource _source;
    private readonly IGroupNoticeInspector? _noticeInspector;

    public GroupAudit(
        AuditRunner runner, IRosterSource roster, AuditOptions options, IAuditDataSource source, IGroupNoticeInspector? noticeInspector = null)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _roster = roster;
        _options = options;
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _noticeInspector = noticeInspector;
    }

    public string Name => "AuditGroups";

    public string ScheduleSetting => SettingNames.GroupAuditSchedule;

    public async Task RunAsync(CancellationToken cancellationToken) => AuditJobs.ThrowIfFailed(await RunAuditAsync(cancellationToken).ConfigureAwait(false));

    public Task<AuditRunResult> RunAuditAsync(CancellationToken cancellationToken) =>
        _runner.RunAsync(
            AuditNames.Groups,
            (clock, token) => GroupAuditEvaluator.EvaluateAsync(_source, _roster, _noticeInspector, _options, clock, token),
            cancellationToken);
}
