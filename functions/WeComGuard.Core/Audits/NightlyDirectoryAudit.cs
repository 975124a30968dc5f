using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using WeComGuard.Core.Audits.Runs;
using WeComGuard.Core.DirectoryMirror;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.Audits;

/// <summary>
/// The nightly <c>SyncDirectory</c> job (schedule <c>DirectorySyncSchedule</c>), one step after another: the directory
/// sync reconciles the mirror with WeCom, then the account audit and the group audit evaluate the reconciled mirror. An
/// audit therefore never reads a mirror that a sync is half-way through; when the sync fails, the audits still run on
/// what the mirror holds, as partial runs that resolve nothing, and the job fails afterwards.
/// </summary>
public sealed class NightlyDirectoryAudit : IScheduledJob
{
    private readonly DirectorySync _sync;
    private readonly AccountAudit _accounts;
    private readonly GroupAudit _groups;
    private readonly ILogger<NightlyDirectoryAudit> _logger;

    public NightlyDirectoryAudit(DirectorySync sync, AccountAudit accounts, GroupAudit groups, ILogger<NightlyDirectoryAudit> logger)
    {
        ArgumentNullException.ThrowIfNull(sync);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(logger);
        _sync = sync;
        _accounts = accounts;
        _groups = groups;
        _logger = logger;
    }

    public string Name => "SyncDirectory";

    public string ScheduleSetting => SettingNames.DirectorySyncSchedule;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var (accounts, groups, syncFailure) = await RunChainAsync(cancellationToken).ConfigureAwait(false);
        syncFailure?.Throw();
        AuditJobs.ThrowIfFailed(accounts);
        AuditJobs.ThrowIfFailed(groups);
    }

    /// <summary>Runs the three steps and returns the audits' results and the sync's failure, if it failed.</summary>
    public async Task<(AuditRunResult Accounts, AuditRunResult Groups, ExceptionDispatchInfo? SyncFailure)> RunChainAsync(CancellationToken cancellationToken)
    {
        ExceptionDispatchInfo? syncFailure = null;
        string? mirrorIncomplete = null;
        try
        {
            await _sync.SyncAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            syncFailure = ExceptionDispatchInfo.Capture(failure);
            mirrorIncomplete = $"the directory sync failed ({failure.GetType().Name}: {failure.Message}), so the directory mirror may be only partly reconciled with WeCom";
            _logger.NightlyOnFailedSync();
        }

        var accounts = await _accounts.RunAuditAsync(mirrorIncomplete, cancellationToken).ConfigureAwait(false);
        var groups = await _groups.RunAuditAsync(mirrorIncomplete, cancellationToken).ConfigureAwait(false);
        return (accounts, groups, syncFailure);
    }
}
