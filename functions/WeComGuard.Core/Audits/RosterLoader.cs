using WeComGuard.Core.Audits.Roster;

namespace WeComGuard.Core.Audits;

/// <summary>Loads the roster for an audit: a missing or unusable roster makes the run partial instead of failing it.</summary>
internal static class RosterLoader
{
    public static async Task<(RosterParseResult? Roster, string? IncompleteReason)> LoadAsync(IRosterSource? source, CancellationToken cancellationToken)
    {
        if (source is null)
        {
            return (null, "no HR roster source is configured");
        }

        try
        {
            var roster = await source.LoadAsync(cancellationToken).ConfigureAwait(false);
            return roster is null ? (null, "no HR roster (hr-roster/roster.csv or roster.xlsx) was found") : (roster, null);
        }
        catch (RosterFormatException error)
        {
            return (null, $"the HR roster is unusable: {error.Message}");
        }
    }
}
