namespace WeComGuard.Sandbox.Tenant;

/// <summary>A member of an internal group: memberid is a userid, jointime a Unix time.</summary>
public sealed class SandboxArchiveRoomMember
{
    public string MemberId { get; set; } = string.Empty;

    public long JoinTime { get; set; }
}
