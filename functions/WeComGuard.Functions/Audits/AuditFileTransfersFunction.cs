using Microsoft.Azure.Functions.Worker;
using WeComGuard.Core.Audits;

namespace WeComGuard.Functions.Audits;

/// <summary>Timer for the hourly file-transfer audit; the schedule is the NCRONTAB in app setting <c>FileTransferAuditSchedule</c> (UTC).</summary>
public sealed class AuditFileTransfersFunction
{
    private readonly FileTransferAudit _audit;

    public AuditFileTransfersFunction(FileTransferAudit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        _audit = audit;
    }

    [Function("AuditFileTransfers")]
    public Task RunAsync([TimerTrigger("%FileTransferAuditSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        _audit.RunAsync(cancellationToken);
}
