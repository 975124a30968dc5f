using WeComGuard.Core.Audits;

namespace WeComGuard.Core.DirectoryMirror;

/// <summary>
/// A member as WeCom Guard's mirror holds it (table <c>Members</c>). Status: 1 activated, 2 disabled, 4 not activated,
/// 5 exited. Mobile and e-mail are held masked and as keyed fingerprints only.
/// </summary>
public sealed record MirroredMember(
    string UserId,
    string Name,
    IReadOnlyList<int> Departments,
    int MainDepartment,
    string Position,
    int Status,
    AvatarState Avatar,
    MemberContact? Mobile,
    MemberContact? Email,
    bool Removed,
    DateTimeOffset? RemovedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The member as the audits read it.</summary>
    public AuditMember ToAuditMember() =>
        new(UserId, Name, AuditFacts.EmptyAsNull(Position), Mobile, Email, Status, Avatar, [.. Departments.Select(d => (long)d)]);
}
