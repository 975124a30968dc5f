namespace WeComGuard.Core.Audits;

/// <summary>
/// A member operation log record (security/member_oper_log/list). <see cref="OperType"/> 4 is a login from a new device,
/// 13 a login from a secondary device.
/// </summary>
public sealed record MemberOperRecord(DateTimeOffset Time, string UserId, int OperType)
{
    public const int NewDeviceLogin = 4;
    public const int SecondaryDeviceLogin = 13;
    public const int MobileChanged = 5;
    public const int WeChatBound = 6;
    public const int WeChatRebound = 7;
    public const int LoginBanned = 9;
    public const int NameChanged = 12;
    public const int InteropBanned = 20;

    public bool IsLogin => OperType is NewDeviceLogin or SecondaryDeviceLogin;
}
