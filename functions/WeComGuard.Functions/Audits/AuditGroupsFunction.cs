using Microsoft.Azure.Functions.Worker;
using WeComGuard.Core.Audits;

namespace WeComGuard.Functions.Audits;

/// <summary>Timer for the nightly customer-group audit; the schedule is the NCRONTAB in app setting <c>GroupAuditSchedule</c> (UTC).</summary>
public sealed class AuditGroupsFunction
{
    private readonly GroupAudit _audit;

    public AuditGroupsFunction(GroupAudit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        _audit = audit;
    }

    [Function("AuditGroups")]
    public Task RunAsync([TimerTrigger("%GroupAuditSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        _audit.RunAsync(cancellationToken);
}
