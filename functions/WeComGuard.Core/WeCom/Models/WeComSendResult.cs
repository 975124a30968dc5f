using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>message/send's answer: the message id and the userids WeCom could not deliver to ("a|b").</summary>
public sealed class WeComSendResult
{
    [JsonPropertyName("msgid")]
    public string? MsgId { get; init; }

    [JsonPropertyName("invaliduser")]
    public string? InvalidUser { get; init; }
}
