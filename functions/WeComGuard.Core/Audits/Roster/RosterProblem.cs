namespace WeComGuard.Core.Audits.Roster;

/// <summary>
/// A roster row that was skipped: its row number, the reason, and identifying hints HR can find it by (the employee
/// id and masked mobile/email, never raw contact values).
/// </summary>
public sealed record RosterProblem(int RowNumber, string Reason, string? EmployeeId, string? MaskedMobile, string? MaskedEmail);
