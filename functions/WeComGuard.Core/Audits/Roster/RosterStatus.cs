namespace WeComGuard.Core.Audits.Roster;

/// <summary>An employee's status in the HR roster.</summary>
public enum RosterStatus
{
    Active = 0,
    Terminated = 1,
}
