namespace WeComGuard.Core.Audits;

/// <summary>
/// An audit input cannot be read at all with the access WeCom Guard has (e.g. the app may not call the security APIs).
/// The rules that need it are skipped and named in the report; the other rules run, and the run can still complete.
/// </summary>
public sealed class AuditInputUnavailableException : Exception
{
    public AuditInputUnavailableException()
    {
    }

    public AuditInputUnavailableException(string message)
        : base(message)
    {
    }

    public AuditInputUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
