using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>A customer group member: type 1 internal member, 2 external contact; join_scene 1 direct, 2 link, 3 QR code.</summary>
public sealed class WeComGroupChatMember
{
    [JsonPropertyName("userid")]
    public string UserId { get; init; } = string.Empty;

    [JsonPropertyName("type")]
    public int Type { get; init; }

    [JsonPropertyName("unionid")]
    public string? UnionId { get; init; }

    [JsonPropertyName("join_time")]
    public long JoinTime { get; init; }

    [JsonPropertyName("join_scene")]
    public int JoinScene { get; init; }

    [JsonPropertyName("invitor")]
    public WeComUserRef? Invitor { get; init; }

    [JsonPropertyName("group_nickname")]
    public string? GroupNickname { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }
}
