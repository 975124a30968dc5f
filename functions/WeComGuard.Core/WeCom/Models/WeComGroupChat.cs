using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>A customer group's details (externalcontact/groupchat/get).</summary>
public sealed class WeComGroupChat
{
    [JsonPropertyName("chat_id")]
    public string ChatId { get; init; } = string.Empty;

    [JsonPropertyName("name")]
    public string Name { get; init; } = string.Empty;

    [JsonPropertyName("owner")]
    public string Owner { get; init; } = string.Empty;

    [JsonPropertyName("create_time")]
    public long CreateTime { get; init; }

    [JsonPropertyName("notice")]
    public string? Notice { get; init; }

    [JsonPropertyName("member_list")]
    public IReadOnlyList<WeComGroupChatMember> MemberList { get; init; } = [];

    [JsonPropertyName("admin_list")]
    public IReadOnlyList<WeComUserRef> AdminList { get; init; } = [];

    /// <summary>Changes whenever the members change; compared with callbacks' LastMemVer to notice missed events.</summary>
    [JsonPropertyName("member_version")]
    public string? MemberVersion { get; init; }
}
