using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>A <c>{"userid": ...}</c> reference (group admins, invitors).</summary>
public sealed class WeComUserRef
{
    [JsonPropertyName("userid")]
    public string UserId { get; init; } = string.Empty;
}
