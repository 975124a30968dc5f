namespace WeComGuard.Core.Audits.Roster;

/// <summary>The roster file as a whole is unusable (wrong header, not a CSV/XLSX file); no row can be trusted.</summary>
public sealed class RosterFormatException : Exception
{
    public RosterFormatException()
    {
    }

    public RosterFormatException(string message)
        : base(message)
    {
    }

    public RosterFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
