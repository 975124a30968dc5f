namespace WeComGuard.Core.DirectoryMirror;

/// <summary>A member as WeCom Guard's mirror holds it (table <c>Members</c>). Status: 1 activated, 2 disabled, 4 not activated, 5 exited.</summary>
public sealed record MirroredMember(
    string UserId,
    string Name,
    IReadOnlyList<int> Departments,
    int MainDepartment,
    string Position,
    int Status,
    bool HasAvatar,
    string? MobileMasked,
    string? EmailMasked,
    bool Removed,
    DateTimeOffset? RemovedAt,
    DateTimeOffset UpdatedAt);
