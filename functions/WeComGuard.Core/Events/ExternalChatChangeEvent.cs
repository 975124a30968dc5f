namespace WeComGuard.Core.Events;

/// <summary>
/// <c>change_external_chat</c> (create, update, dismiss) for a customer group. <see cref="LastMemberVersion"/> compared
/// with the stored member_version reveals missed or reordered events.
/// </summary>
public sealed class ExternalChatChangeEvent(
    IReadOnlyDictionary<string, string> fields,
    IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists)
    : WeComEvent(fields, lists)
{
    public string ChatId => Field("ChatId") ?? string.Empty;

    /// <summary>On update: add_member, del_member, change_owner, change_name or change_notice.</summary>
    public string? UpdateDetail => Field("UpdateDetail");

    public string? JoinScene => Field("JoinScene");

    public string? QuitScene => Field("QuitScene");

    public string? MemberChangeCount => Field("MemChangeCnt");

    public IReadOnlyList<string> ChangedMembers => ListItems("MemChangeList");

    public string? LastMemberVersion => Field("LastMemVer");

    public string? CurrentMemberVersion => Field("CurMemVer");

    public bool IsDismissal => ChangeType == "dismiss";
}
