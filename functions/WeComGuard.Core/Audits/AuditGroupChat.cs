namespace WeComGuard.Core.Audits;

/// <summary>
/// A customer group chat (externalcontact/groupchat/get): its id, name, owner's userid, notice and members. Read live,
/// <see cref="Notice"/> holds the notice text; read from the mirror, which does not store the text, it is null and
/// <see cref="NoticeVerdict"/> holds what the notice inspector found when the group was mirrored.
/// </summary>
public sealed record AuditGroupChat(
    string ChatId,
    string? Name,
    string Owner,
    string? Notice,
    IReadOnlyList<AuditGroupMember> Members)
{
    public GroupNoticeVerdict? NoticeVerdict { get; init; }
}
