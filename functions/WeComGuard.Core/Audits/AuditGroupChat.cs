namespace WeComGuard.Core.Audits;

/// <summary>A customer group chat (externalcontact/groupchat/get): its id, name, owner's userid, notice and members.</summary>
public sealed record AuditGroupChat(
    string ChatId,
    string? Name,
    string Owner,
    string? Notice,
    IReadOnlyList<AuditGroupMember> Members);
