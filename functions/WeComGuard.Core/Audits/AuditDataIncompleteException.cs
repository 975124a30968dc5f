namespace WeComGuard.Core.Audits;

/// <summary>
/// An audit input could be read only in part (e.g. some group chats could not be fetched). The run completes as
/// <c>partial</c>: it records what it found but resolves nothing.
/// </summary>
public sealed class AuditDataIncompleteException : Exception
{
    public AuditDataIncompleteException()
    {
    }

    public AuditDataIncompleteException(string message)
        : base(message)
    {
    }

    public AuditDataIncompleteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
