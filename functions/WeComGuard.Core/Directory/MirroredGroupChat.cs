namespace WeComGuard.Core.DirectoryMirror;

/// <summary>
/// A customer group as the mirror holds it (table <c>GroupChats</c>). External members are kept only as keyless
/// fingerprints (enough to compare member sets between groups); the notice text is not stored.
/// </summary>
public sealed record MirroredGroupChat(
    string ChatId,
    string Name,
    string Owner,
    DateTimeOffset CreateTime,
    bool HasNotice,
    IReadOnlyList<string> InternalMembers,
    IReadOnlyList<string> ExternalMemberFingerprints,
    IReadOnlyList<string> Admins,
    string? MemberVersion,
    int Status,
    bool Dismissed,
    DateTimeOffset? DismissedAt,
    bool Removed,
    DateTimeOffset? RemovedAt,
    int MemberVersionGaps,
    DateTimeOffset UpdatedAt);
