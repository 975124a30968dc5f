namespace WeComGuard.Sandbox.Tenant;

/// <summary>A customer group (客户群).</summary>
public sealed class SandboxGroupChat
{
    public string ChatId { get; set; } = string.Empty;

    /// <summary>Empty for an unnamed group, which WeCom shows as 群聊.</summary>
    public string Name { get; set; } = string.Empty;

    public string Owner { get; set; } = string.Empty;

    public long CreateTime { get; set; }

    public string Notice { get; set; } = string.Empty;

    public List<SandboxGroupChatMember> Members { get; set; } = [];

    public List<string> Admins { get; set; } = [];

    public string MemberVersion { get; set; } = string.Empty;

    /// <summary>0 normal, 1 owner resigned (pending), 2 inheriting, 3 inherited.</summary>
    public int Status { get; set; }
}
