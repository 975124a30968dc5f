namespace WeComGuard.Sandbox.Tenant;

/// <summary>A department (部门) of the sandbox tenant.</summary>
public sealed class SandboxDepartment
{
    public int Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public int ParentId { get; set; }

    public int Order { get; set; }

    public List<string> Leaders { get; set; } = [];
}
