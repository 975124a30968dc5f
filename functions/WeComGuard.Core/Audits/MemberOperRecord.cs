namespace WeComGuard.Core.Audits;

/// <summary>
/// A member operation log record (security/member_oper_log/list). <see cref="OperType"/> 4 is a login from a new device,
/// 13 a login from a secondary device.
/// </summary>
public sealed record MemberOperRecord(DateTimeOffset Time, string UserId, int OperType)
{
    public const int NewDeviceLogin = 4;
    public const int SecondaryDeviceLogin = 13;

    public bool IsLogin => OperType is NewDeviceLogin or SecondaryDeviceLogin;
}
