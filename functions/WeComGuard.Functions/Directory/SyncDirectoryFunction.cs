using Microsoft.Azure.Functions.Worker;
using WeComGuard.Core.Audits;

namespace WeComGuard.Functions.DirectoryMirror;

/// <summary>
/// The nightly chain: the full re-read of WeCom's directory and customer groups into the mirror, then the account and
/// group audits on the reconciled mirror (partial, resolving nothing, when the sync failed).
/// </summary>
public sealed class SyncDirectoryFunction(NightlyDirectoryAudit nightly)
{
    [Function("SyncDirectory")]
    public Task RunAsync([TimerTrigger("%DirectorySyncSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        nightly.RunAsync(cancellationToken);
}
