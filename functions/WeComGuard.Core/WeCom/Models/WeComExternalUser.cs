using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>The external person in a file operation record: type 1 WeChat, 2 WeCom.</summary>
public sealed class WeComExternalUser
{
    [JsonPropertyName("type")]
    public int Type { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("corp_name")]
    public string? CorpName { get; init; }
}
