namespace WeComGuard.Core.Audits.Roster;

/// <summary>Where the account and group audits read the HR roster from.</summary>
public interface IRosterSource
{
    /// <summary>
    /// The parsed roster, or null when there is none. Throws <see cref="RosterFormatException"/> when the file is unusable.
    /// </summary>
    Task<RosterParseResult?> LoadAsync(CancellationToken cancellationToken);
}
