namespace WeComGuard.Core.Audits;

/// <summary>
/// A group chat the group rules check: a customer group (externalcontact/groupchat/get: owner = owner) or, with
/// <see cref="IsInternal"/>, an internal group from 会话内容存档 (msgaudit/groupchat/get: owner = creator, every member type 1).
/// Read live, <see cref="Notice"/> holds the notice text; read from the mirror, which does not store the text, it is null
/// and <see cref="NoticeVerdict"/> holds what the notice inspector found when the group was mirrored.
/// </summary>
public sealed record AuditGroupChat(
    string ChatId,
    string? Name,
    string Owner,
    string? Notice,
    IReadOnlyList<AuditGroupMember> Members,
    bool IsInternal = false)
{
    public GroupNoticeVerdict? NoticeVerdict { get; init; }
}
