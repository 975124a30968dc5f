namespace WeComGuard.Core.Audits.Roster;

/// <summary>The valid rows of a roster and the rows that were skipped, with why.</summary>
public sealed record RosterParseResult(IReadOnlyList<RosterRow> Rows, IReadOnlyList<RosterProblem> Problems);
