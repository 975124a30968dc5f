using Microsoft.Azure.Functions.Worker;
using WeComGuard.Core.Audits;

namespace WeComGuard.Functions.Audits;

/// <summary>Timer for the nightly admin-action audit; the schedule is the NCRONTAB in app setting <c>AdminAuditSchedule</c> (UTC).</summary>
public sealed class AuditAdminActionsFunction
{
    private readonly AdminAudit _audit;

    public AuditAdminActionsFunction(AdminAudit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        _audit = audit;
    }

    [Function("AuditAdminActions")]
    public Task RunAsync([TimerTrigger("%AdminAuditSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        _audit.RunAsync(cancellationToken);
}
