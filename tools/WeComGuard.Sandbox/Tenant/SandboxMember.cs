namespace WeComGuard.Sandbox.Tenant;

/// <summary>A member (成员) of the sandbox tenant, with the HR facts the roster export needs.</summary>
public sealed class SandboxMember
{
    public string UserId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public List<int> Departments { get; set; } = [];

    public int MainDepartment { get; set; }

    public List<int> IsLeaderInDept { get; set; } = [];

    public string Position { get; set; } = string.Empty;

    public string Mobile { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public string Gender { get; set; } = "0";

    /// <summary>1 activated, 2 disabled, 4 not activated, 5 exited (退出企业).</summary>
    public int Status { get; set; } = 1;

    public string Avatar { get; set; } = string.Empty;

    public string Alias { get; set; } = string.Empty;

    /// <summary>HR: the employee number on the roster.</summary>
    public string EmployeeId { get; set; } = string.Empty;

    /// <summary>HR: the name on the roster when it differs from the WeCom name (null: the same).</summary>
    public string? RosterName { get; set; }

    /// <summary>HR: hire date.</summary>
    public DateOnly? HireDate { get; set; }

    /// <summary>HR: termination date; set for people who have left the company even if their WeCom account is still enabled.</summary>
    public DateOnly? TerminationDate { get; set; }

    /// <summary>user/get's direct_leader: at most one userid.</summary>
    public List<string> DirectLeader { get; set; } = [];
}
