namespace WeComGuard.Core.Audits.Runs;

/// <summary>An audit run failed; it is recorded in table <c>AuditRuns</c> with its error. Thrown so the timer invocation shows as failed.</summary>
public sealed class AuditRunFailedException : Exception
{
    public AuditRunFailedException()
    {
    }

    public AuditRunFailedException(string message)
        : base(message)
    {
    }

    public AuditRunFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
