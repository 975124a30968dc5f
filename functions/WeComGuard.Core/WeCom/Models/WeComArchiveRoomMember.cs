using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>A member of an internal group chat as 会话内容存档 reports it (memberid is a userid).</summary>
public sealed class WeComArchiveRoomMember
{
    [JsonPropertyName("memberid")]
    public string MemberId { get; init; } = string.Empty;

    [JsonPropertyName("jointime")]
    public long JoinTime { get; init; }
}
