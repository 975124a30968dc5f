namespace WeComGuard.Core.Audits;

/// <summary>
/// A group chat the group rules check: a customer group (externalcontact/groupchat/get: owner = owner) or, with
/// <see cref="IsInternal"/>, an internal group from 会话内容存档 (msgaudit/groupchat/get: owner = creator, every member type 1).
/// </summary>
public sealed record AuditGroupChat(
    string ChatId,
    string? Name,
    string Owner,
    string? Notice,
    IReadOnlyList<AuditGroupMember> Members,
    bool IsInternal = false);
