using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Sandbox.Tenant;
using WeComGuard.Tests.Infrastructure;
using WeComGuard.Tests.WeCom;

namespace WeComGuard.Tests.Audits.Controls;

/// <summary>A sandbox tenant read over loopback HTTP through WeCom Guard's client and <see cref="WeComAuditDataSource"/>, as the audits read WeCom.</summary>
internal sealed class SandboxAudit : IAsyncDisposable
{
    private SandboxAudit(WeComClientHost host) => Host = host;

    public WeComClientHost Host { get; }

    public IAuditDataSource Source => new WeComAuditDataSource(Host.Client, AuditTestData.Contacts);

    public static async Task<SandboxAudit> StartAsync(
        SandboxTenant tenant, Action<WeComGuard.Sandbox.SandboxOptions>? sandbox = null, Action<WeComGuard.Core.WeCom.WeComOptions>? client = null) =>
        new(await WeComClientHost.StartAsync(tenant, sandbox, client));

    /// <summary>A tenant with the generator's members and groups but none of its security records, for hand-planted cases.</summary>
    public static SandboxTenant QuietTenant(DateTimeOffset now, int seed = 21)
    {
        var tenant = TenantGenerator.Generate(40, 10, seed, now);
        tenant.AdminOperLogs.Clear();
        tenant.MemberOperLogs.Clear();
        tenant.UnassignedCustomers.Clear();
        tenant.Planted.Clear();
        tenant.ArchiveRooms.Clear();
        tenant.BrokenArchiveRoomLines.Clear();
        tenant.ArchivePermitUsers = [.. tenant.Members.Select(m => m.UserId)];
        tenant.FollowUsers = [.. tenant.GroupChats.Select(c => c.Owner).Distinct(StringComparer.Ordinal)];
        return tenant;
    }

    /// <summary>The tenant's HR roster, written as HR exports it, for the rules that compare with the roster.</summary>
    public static FileRosterSource RosterOf(SandboxTenant tenant)
    {
        var path = Path.Combine(RepoPaths.CreateScratchDirectory("controls-roster"), "roster.csv");
        RosterCsvWriter.WriteFile(tenant, path);
        return new FileRosterSource(path);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
