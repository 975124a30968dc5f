namespace WeComGuard.Sandbox.Tenant;

/// <summary>A member operation log record (security/member_oper_log/list); oper_type 4 is a new-device login.</summary>
public sealed class SandboxMemberOperLog
{
    public long Time { get; set; }

    public string UserId { get; set; } = string.Empty;

    public int OperType { get; set; }

    public string DetailInfo { get; set; } = string.Empty;

    public string Ip { get; set; } = string.Empty;
}
