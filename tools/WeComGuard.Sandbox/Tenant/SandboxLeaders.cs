namespace WeComGuard.Sandbox.Tenant;

/// <summary>Gives every member a direct leader (user/get direct_leader): the first activated member of their main department, else of the company.</summary>
public static class SandboxLeaders
{
    public static void Assign(SandboxTenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var head = tenant.Members.FirstOrDefault(m => m.Status == 1);
        var byDepartment = tenant.Members.Where(m => m.Status == 1).GroupBy(m => m.MainDepartment).ToDictionary(g => g.Key, g => g.First());
        foreach (var member in tenant.Members)
        {
            var leader = byDepartment.TryGetValue(member.MainDepartment, out var first) && first != member ? first : head;
            member.DirectLeader = leader is null || leader == member ? [] : [leader.UserId];
        }
    }
}
