namespace WeComGuard.Core.Audits.Roster;

/// <summary>One valid row of the HR roster. <see cref="RowNumber"/> is the 1-based line (CSV) or sheet row (XLSX).</summary>
public sealed record RosterRow(
    int RowNumber,
    string EmployeeId,
    string Name,
    string? UserId,
    string? Mobile,
    string? Email,
    string? Department,
    string? Position,
    RosterStatus Status,
    DateOnly? HireDate,
    DateOnly? TerminationDate)
{
    /// <summary>
    /// True when HR has recorded the employee as terminated with a termination date before <paramref name="today"/>
    /// (China date): the last working day is over.
    /// </summary>
    public bool IsDepartedAsOf(DateOnly today) =>
        Status == RosterStatus.Terminated && TerminationDate is { } terminated && terminated < today;
}
