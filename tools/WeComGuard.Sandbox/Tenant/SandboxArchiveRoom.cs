namespace WeComGuard.Sandbox.Tenant;

/// <summary>An internal group chat as 会话内容存档 knows it (msgaudit/groupchat/get); only its room id leaves the archive.</summary>
public sealed class SandboxArchiveRoom
{
    public string RoomId { get; set; } = string.Empty;

    /// <summary>Empty for an unnamed group.</summary>
    public string RoomName { get; set; } = string.Empty;

    public string Creator { get; set; } = string.Empty;

    public long RoomCreateTime { get; set; }

    public string Notice { get; set; } = string.Empty;

    public List<SandboxArchiveRoomMember> Members { get; set; } = [];
}
