using Microsoft.Azure.Functions.Worker;
using WeComGuard.Core.DirectoryMirror;

namespace WeComGuard.Functions.DirectoryMirror;

/// <summary>Nightly full re-read of WeCom's directory and customer groups into the mirror.</summary>
public sealed class SyncDirectoryFunction(DirectorySync sync)
{
    [Function("SyncDirectory")]
    public Task RunAsync([TimerTrigger("%DirectorySyncSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sync.RunAsync(cancellationToken);
}
