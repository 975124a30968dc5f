namespace WeComGuard.Core.WeCom;

/// <summary>An internal group chat (msgaudit/groupchat/get): its name, creator, creation time, notice and members.</summary>
public sealed record WeComArchiveRoom(
    string RoomId, string RoomName, string Creator, long RoomCreateTime, string Notice, IReadOnlyList<WeComArchiveRoomMember> Members);
