using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

// 会话内容存档: msgaudit/groupchat/get (DOC 92951) and msgaudit/get_permit_user_list (DOC 91614).

internal sealed class ArchiveRoomRequest
{
    [JsonPropertyName("roomid")]
    public string RoomId { get; init; } = string.Empty;
}

internal sealed class ArchiveRoomResponse : WeComResponse
{
    [JsonPropertyName("roomname")]
    public string? RoomName { get; init; }

    [JsonPropertyName("creator")]
    public string? Creator { get; init; }

    [JsonPropertyName("room_create_time")]
    public long RoomCreateTime { get; init; }

    [JsonPropertyName("notice")]
    public string? Notice { get; init; }

    [JsonPropertyName("members")]
    public List<WeComArchiveRoomMember> Members { get; init; } = [];
}

internal sealed class ArchivePermitUserListRequest
{
    [JsonPropertyName("type")]
    public int? Type { get; init; }
}

internal sealed class ArchivePermitUserListResponse : WeComResponse
{
    [JsonPropertyName("ids")]
    public List<string> Ids { get; init; } = [];
}
