using WeComGuard.Core.Audits.Archive;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Audits.Rules;
using WeComGuard.Core.Audits.Runs;

namespace WeComGuard.Core.Audits;

/// <summary>The group audit (customer groups and, through 会话内容存档, internal groups): the last step of the nightly <c>SyncDirectory</c> job (<see cref="NightlyDirectoryAudit"/>).</summary>
public sealed class GroupAudit
{
    private readonly AuditRunner _runner;
    private readonly IRosterSource _roster;
    private readonly AuditOptions _options;
    private readonly IAuditDataSource _source;
    private readonly IGroupNoticeInspector? _noticeInspector;
    private readonly IArchiveRoomLog _roomLog;

    public GroupAudit(
        AuditRunner runner, IRosterSource roster, AuditOptions options, IAuditDataSource source, IArchiveRoomLog roomLog,
        IGroupNoticeInspector? noticeInspector = null)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _roster = roster;
        _options = options;
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        ArgumentNullException.ThrowIfNull(roomLog);
        _roomLog = roomLog;
        _noticeInspector = noticeInspector;
    }

    public Task<AuditRunResult> RunAuditAsync(CancellationToken cancellationToken) => RunAuditAsync(inputIncomplete: null, cancellationToken);

    /// <param name="inputIncomplete">Why the directory cannot be trusted complete (a failed sync), or null: the run is then partial.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public Task<AuditRunResult> RunAuditAsync(string? inputIncomplete, CancellationToken cancellationToken) =>
        _runner.RunAsync(
            AuditNames.Groups,
            async (clock, token) => AuditJobs.Incomplete(
                await GroupAuditEvaluator.EvaluateAsync(_source, _roster, _noticeInspector, _roomLog, _options, clock, token).ConfigureAwait(false), inputIncomplete),
            cancellationToken);
}
