namespace WeComGuard.Core.Audits.Roster;

/// <summary>The raw cells of one roster row, and a syntax error found while reading it (if any).</summary>
internal sealed record RosterRecord(int RowNumber, IReadOnlyList<string> Cells, string? SyntaxError = null);
