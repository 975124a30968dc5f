using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>A customer group id with its status (externalcontact/groupchat/list): 0 normal, 1 owner resigned, 2 inheriting, 3 inherited.</summary>
public sealed class WeComGroupChatRef
{
    [JsonPropertyName("chat_id")]
    public string ChatId { get; init; } = string.Empty;

    [JsonPropertyName("status")]
    public int Status { get; init; }
}
