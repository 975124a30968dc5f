using WeComGuard.Core.Audits.Runs;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.Audits;

/// <summary>The hourly file-transfer audit (timer <c>AuditFileTransfers</c>, schedule <c>FileTransferAuditSchedule</c>).</summary>
public sealed class FileTransferAudit : IScheduledJob
{
    private readonly AuditRunner _runner;
    private readonly ISensitiveFileIndex _sensitiveFiles;
    private readonly AuditOptions _options;
    private readonly IAuditDataSource _source;

    public FileTransferAudit(AuditRunner runner, ISensitiveFileIndex sensitiveFiles, AuditOptions options, IAuditDataSource source)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(sensitiveFiles);
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _sensitiveFiles = sensitiveFiles;
        _options = options;
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    public string Name => "AuditFileTransfers";

    public string ScheduleSetting => SettingNames.FileTransferAuditSchedule;

    public async Task RunAsync(CancellationToken cancellationToken) => AuditJobs.ThrowIfFailed(await RunAuditAsync(cancellationToken).ConfigureAwait(false));

    public Task<AuditRunResult> RunAuditAsync(CancellationToken cancellationToken) =>
        _runner.RunAsync(
            AuditNames.FileTransfers,
            (clock, token) => FileTransferAuditEvaluator.EvaluateAsync(_source, _sensitiveFiles, _options, clock, token),
            cancellationToken);
}
