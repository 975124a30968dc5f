using WeComGuard.Sandbox.Tenant;

namespace WeComGuard.Sandbox;

/// <summary>Lookups over a tenant, rebuilt after each change.</summary>
internal sealed class TenantIndex
{
    public TenantIndex(SandboxTenant tenant)
    {
        Tenant = tenant;
        Departments = tenant.Departments.ToDictionary(d => d.Id);
        Members = tenant.Members.ToDictionary(m => m.UserId, StringComparer.Ordinal);
        MembersByDepartment = tenant.Members
            .SelectMany(m => m.Departments.Select(d => (Department: d, Member: m)))
            .GroupBy(x => x.Department)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Member).ToList());
        DepartmentUsers = tenant.Members.OrderBy(m => m.UserId, StringComparer.Ordinal)
            .SelectMany(m => m.Departments.Select(d => (m.UserId, d)))
            .ToList();
        GroupChats = tenant.GroupChats.ToDictionary(g => g.ChatId, StringComparer.Ordinal);
        AppChats = tenant.AppChats.ToDictionary(g => g.ChatId, StringComparer.Ordinal);
        Media = tenant.Media.ToDictionary(m => m.MediaId, StringComparer.Ordinal);
    }

    public SandboxTenant Tenant { get; }

    public Dictionary<int, SandboxDepartment> Departments { get; }

    public Dictionary<string, SandboxMember> Members { get; }

    public Dictionary<int, List<SandboxMember>> MembersByDepartment { get; }

    public List<(string UserId, int Department)> DepartmentUsers { get; }

    public Dictionary<string, SandboxGroupChat> GroupChats { get; }

    public Dictionary<string, SandboxAppChat> AppChats { get; }

    public Dictionary<string, SandboxMedia> Media { get; }
}
