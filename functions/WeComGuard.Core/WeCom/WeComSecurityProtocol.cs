using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

// security/admin_oper_log/list (DOC 100179). The doc's table names the cursor "cusor", its example "cursor"; WeCom reads "cursor".

internal sealed class AdminOperLogRequest
{
    [JsonPropertyName("start_time")]
    public long StartTime { get; init; }

    [JsonPropertyName("end_time")]
    public long EndTime { get; init; }

    [JsonPropertyName("oper_type")]
    public int? OperType { get; init; }

    [JsonPropertyName("userid")]
    public string? UserId { get; init; }

    [JsonPropertyName("cursor")]
    public string? Cursor { get; init; }

    [JsonPropertyName("limit")]
    public int Limit { get; init; }
}

internal sealed class AdminOperLogResponse : WeComResponse
{
    [JsonPropertyName("has_more")]
    public bool HasMore { get; init; }

    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }

    [JsonPropertyName("record_list")]
    public List<WeComAdminOperLogRecord> RecordList { get; init; } = [];
}
