using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>
/// An admin operation record (security/admin_oper_log/list, DOC 100179): who did what in the admin console.
/// <see cref="DetailType"/> is the action (26 app added, 159 Secret viewed, 172 可信IP...); <see cref="DetailInfo"/> is
/// free text that can hold names and mobiles (personal data: mask it before it is stored).
/// </summary>
public sealed class WeComAdminOperLogRecord
{
    [JsonPropertyName("time")]
    public long Time { get; init; }

    [JsonPropertyName("userid")]
    public string UserId { get; init; } = string.Empty;

    [JsonPropertyName("oper_type")]
    public int OperType { get; init; }

    [JsonPropertyName("detail_type")]
    public int DetailType { get; init; }

    [JsonPropertyName("detail_info")]
    public string? DetailInfo { get; init; }

    [JsonPropertyName("ip")]
    public string? Ip { get; init; }
}
