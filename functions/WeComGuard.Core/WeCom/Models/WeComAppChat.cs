using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>A group chat created by the app (appchat/get).</summary>
public sealed class WeComAppChat
{
    [JsonPropertyName("chatid")]
    public string ChatId { get; init; } = string.Empty;

    [JsonPropertyName("name")]
    public string Name { get; init; } = string.Empty;

    [JsonPropertyName("owner")]
    public string Owner { get; init; } = string.Empty;

    [JsonPropertyName("userlist")]
    public IReadOnlyList<string> UserList { get; init; } = [];

    [JsonPropertyName("chat_type")]
    public int ChatType { get; init; }
}
