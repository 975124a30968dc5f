using Microsoft.Azure.Functions.Worker;
using WeComGuard.Core.Audits;

namespace WeComGuard.Functions.Audits;

/// <summary>Timer for the nightly account audit; the schedule is the NCRONTAB in app setting <c>AccountAuditSchedule</c> (UTC).</summary>
public sealed class AuditAccountsFunction
{
    private readonly AccountAudit _audit;

    public AuditAccountsFunction(AccountAudit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        _audit = audit;
    }

    [Function("AuditAccounts")]
    public Task RunAsync([TimerTrigger("%AccountAuditSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        _audit.RunAsync(cancellationToken);
}
