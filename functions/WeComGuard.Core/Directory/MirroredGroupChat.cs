using WeComGuard.Core.Audits;

namespace WeComGuard.Core.DirectoryMirror;

/// <summary>
/// A customer group as the mirror holds it (table <c>GroupChats</c>). External members are kept only as keyed
/// fingerprints (enough to compare member sets between groups); the notice text is not stored, only the inspector's
/// verdict on it.
/// </summary>
public sealed record MirroredGroupChat(
    string ChatId,
    string Name,
    string Owner,
    DateTimeOffset CreateTime,
    bool HasNotice,
    GroupNoticeVerdict NoticeVerdict,
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
    DateTimeOffset UpdatedAt)
{
    /// <summary>Every member as the membership index and the overlap rule key them: internal userids, then external fingerprints.</summary>
    public IEnumerable<string> MemberKeys => InternalMembers.Concat(ExternalMemberFingerprints);

    /// <summary>The group as the audits read it: internal members, then the external members' fingerprints.</summary>
    public AuditGroupChat ToAuditGroupChat() =>
        new(ChatId, AuditFacts.EmptyAsNull(Name), Owner, null, [
            .. InternalMembers.Select(userId => new AuditGroupMember(userId, AuditGroupMember.TypeInternal)),
            .. ExternalMemberFingerprints.Select(fingerprint => new AuditGroupMember(fingerprint, AuditGroupMember.TypeExternal))])
        {
            NoticeVerdict = NoticeVerdict,
        };
}
