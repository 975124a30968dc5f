namespace WeComGuard.Core.Audits;

/// <summary>
/// A WeCom member as the audits see it (user/get). <see cref="Status"/>: 1 activated, 2 disabled, 4 not activated, 5 exited.
/// Mobile and email are masked and fingerprinted (<see cref="ContactFingerprinter"/>), never raw; they may be missing:
/// apps created after 2022-06-20 only see them once the member has authorised it.
/// </summary>
public sealed record AuditMember(
    string UserId,
    string Name,
    string? Position,
    MemberContact? Mobile,
    MemberContact? Email,
    int Status,
    AvatarState Avatar,
    IReadOnlyList<long> DepartmentIds)
{
    public const int StatusActivated = 1;
    public const int StatusDisabled = 2;
    public const int StatusNotActivated = 4;
    public const int StatusExited = 5;

    /// <summary>Activated or not yet activated: the account can be (or become) used.</summary>
    public bool IsEnabled => Status is StatusActivated or StatusNotActivated;

    /// <summary>Disabled or exited: the account cannot be used.</summary>
    public bool IsDisabledOrExited => Status is StatusDisabled or StatusExited;
}
