namespace WeComGuard.Sandbox.Tenant;

/// <summary>A group chat created by the app (appchat/create).</summary>
public sealed class SandboxAppChat
{
    public string ChatId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Owner { get; set; } = string.Empty;

    public List<string> UserList { get; set; } = [];

    public int ChatType { get; set; }
}
