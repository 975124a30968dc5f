namespace WeComGuard.Sandbox.Tenant;

/// <summary>A member of a customer group: an internal member (type 1) or an external contact (type 2).</summary>
public sealed class SandboxGroupChatMember
{
    public string UserId { get; set; } = string.Empty;

    public int Type { get; set; } = 1;

    public long JoinTime { get; set; }

    /// <summary>1 invited directly, 2 by link, 3 by group QR code.</summary>
    public int JoinScene { get; set; } = 1;

    public string? Invitor { get; set; }

    public string GroupNickname { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;
}
