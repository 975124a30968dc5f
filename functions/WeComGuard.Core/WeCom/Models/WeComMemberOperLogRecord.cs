using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>A member operation record (security/member_oper_log/list); oper_type 4 = new-device login, 13 = secondary-device login.</summary>
public sealed class WeComMemberOperLogRecord
{
    [JsonPropertyName("time")]
    public long Time { get; init; }

    [JsonPropertyName("userid")]
    public string UserId { get; init; } = string.Empty;

    [JsonPropertyName("oper_type")]
    public int OperType { get; init; }

    [JsonPropertyName("detail_info")]
    public string? DetailInfo { get; init; }

    [JsonPropertyName("ip")]
    public string? Ip { get; init; }
}
