using Microsoft.Azure.Functions.Worker;
using WeComGuard.Core.Audits;

namespace WeComGuard.Functions.Audits;

/// <summary>Timer for the nightly handover audit; the schedule is the NCRONTAB in app setting <c>HandoverAuditSchedule</c> (UTC).</summary>
public sealed class AuditHandoverFunction
{
    private readonly HandoverAudit _audit;

    public AuditHandoverFunction(HandoverAudit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        _audit = audit;
    }

    [Function("AuditHandover")]
    public Task RunAsync([TimerTrigger("%HandoverAuditSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        _audit.RunAsync(cancellationToken);
}
