using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>A chat externalcontact/groupchat/transfer did not transfer, with WeCom's errcode for it (90500: the owner has not left).</summary>
public sealed class WeComFailedChat
{
    [JsonPropertyName("chat_id")]
    public string ChatId { get; init; } = string.Empty;

    [JsonPropertyName("errcode")]
    public int ErrCode { get; init; }

    [JsonPropertyName("errmsg")]
    public string? ErrMsg { get; init; }
}
