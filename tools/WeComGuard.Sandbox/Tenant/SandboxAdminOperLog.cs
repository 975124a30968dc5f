namespace WeComGuard.Sandbox.Tenant;

/// <summary>An admin operation log record (security/admin_oper_log/list): detail_type is the action, detail_info free text.</summary>
public sealed class SandboxAdminOperLog
{
    public long Time { get; set; }

    public string UserId { get; set; } = string.Empty;

    /// <summary>2 permissions, 3 members and departments, 7 other, 8 apps, 11 contacts and chat, 12 corp info, 13 external contacts.</summary>
    public int OperType { get; set; }

    public int DetailType { get; set; }

    public string DetailInfo { get; set; } = string.Empty;

    public string Ip { get; set; } = string.Empty;
}
