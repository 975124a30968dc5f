using WeComGuard.Core.WeCom;

namespace WeComGuard.Core.Audits;

/// <summary>
/// What the audits read of WeCom's members and groups, derived in one place: the live source uses it on what WeCom
/// returns, and the directory mirror on what it stores, so both sources give the same findings on the same tenant.
/// </summary>
public static class AuditFacts
{
    public static AuditMember Member(WeComMember member, IReadOnlyList<long> departmentIds, ContactFingerprinter contacts)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(departmentIds);
        ArgumentNullException.ThrowIfNull(contacts);
        return new AuditMember(
            member.UserId,
            member.Name,
            EmptyAsNull(member.Position),
            contacts.Mobile(member.Mobile),
            contacts.Email(string.IsNullOrWhiteSpace(member.Email) ? member.BizMail : member.Email),
            member.Status,
            Avatar(member.Avatar),
            departmentIds);
    }

    public static AvatarState Avatar(string? avatar) =>
        avatar is null ? AvatarState.NotReturned : avatar.Length == 0 ? AvatarState.Empty : AvatarState.Present;

    public static AuditGroupChat GroupChat(WeComGroupChat chat)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return new AuditGroupChat(
            chat.ChatId,
            EmptyAsNull(chat.Name),
            chat.Owner,
            EmptyAsNull(chat.Notice),
            chat.MemberList.Select(m => new AuditGroupMember(m.UserId, m.Type)).ToArray());
    }

    public static string? EmptyAsNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
