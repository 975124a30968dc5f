using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

// WeCom's request and response envelopes; the payload types callers see are in Models/.

internal class WeComResponse
{
    /// <summary>Every WeCom answer carries it; null means the answer did not come from WeCom.</summary>
    [JsonPropertyName("errcode")]
    public int? ErrCode { get; init; }

    [JsonPropertyName("errmsg")]
    public string? ErrMsg { get; init; }
}

internal sealed class TokenResponse : WeComResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; init; }
}

internal sealed class DepartmentSimpleListResponse : WeComResponse
{
    [JsonPropertyName("department_id")]
    public List<WeComDepartmentRef> DepartmentId { get; init; } = [];
}

internal sealed class DepartmentGetResponse : WeComResponse
{
    [JsonPropertyName("department")]
    public WeComDepartment? Department { get; init; }
}

internal sealed class UserListIdRequest
{
    [JsonPropertyName("cursor")]
    public string? Cursor { get; init; }

    [JsonPropertyName("limit")]
    public int Limit { get; init; }
}

internal sealed class UserListIdResponse : WeComResponse
{
    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }

    [JsonPropertyName("dept_user")]
    public List<WeComDepartmentUser> DeptUser { get; init; } = [];
}

internal sealed class UserListResponse : WeComResponse
{
    [JsonPropertyName("userlist")]
    public List<WeComMember> UserList { get; init; } = [];
}

internal sealed class OwnerFilter
{
    [JsonPropertyName("userid_list")]
    public IReadOnlyList<string> UserIdList { get; init; } = [];
}

internal sealed class GroupChatListRequest
{
    [JsonPropertyName("status_filter")]
    public int StatusFilter { get; init; }

    [JsonPropertyName("owner_filter")]
    public OwnerFilter? OwnerFilter { get; init; }

    [JsonPropertyName("cursor")]
    public string? Cursor { get; init; }

    [JsonPropertyName("limit")]
    public int Limit { get; init; }
}

internal sealed class GroupChatListResponse : WeComResponse
{
    [JsonPropertyName("group_chat_list")]
    public List<WeComGroupChatRef> GroupChatList { get; init; } = [];

    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }
}

internal sealed class GroupChatGetRequest
{
    [JsonPropertyName("chat_id")]
    public string ChatId { get; init; } = string.Empty;

    [JsonPropertyName("need_name")]
    public int NeedName { get; init; }
}

internal sealed class GroupChatGetResponse : WeComResponse
{
    [JsonPropertyName("group_chat")]
    public WeComGroupChat? GroupChat { get; init; }
}

internal sealed class AppChatGetResponse : WeComResponse
{
    [JsonPropertyName("chat_info")]
    public WeComAppChat? ChatInfo { get; init; }
}

// security/member_oper_log/list (DOC 100178) and security/admin_oper_log/list (DOC 100179) take the same request and
// answer the same page shape. The admin doc's table names the cursor "cusor", its example "cursor"; WeCom reads "cursor".
internal sealed class OperLogRequest
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

internal sealed class OperLogResponse<TRecord> : WeComResponse
{
    [JsonPropertyName("has_more")]
    public bool HasMore { get; init; }

    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }

    [JsonPropertyName("record_list")]
    public List<TRecord> RecordList { get; init; } = [];
}

internal sealed class FileOperRecordRequest
{
    [JsonPropertyName("start_time")]
    public long StartTime { get; init; }

    [JsonPropertyName("end_time")]
    public long EndTime { get; init; }

    [JsonPropertyName("userid_list")]
    public IReadOnlyList<string>? UserIdList { get; init; }

    [JsonPropertyName("operation")]
    public WeComFileOperation? Operation { get; init; }

    [JsonPropertyName("cursor")]
    public string? Cursor { get; init; }

    [JsonPropertyName("limit")]
    public int Limit { get; init; }
}

internal sealed class FileOperRecordResponse : WeComResponse
{
    [JsonPropertyName("has_more")]
    public bool HasMore { get; init; }

    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }

    [JsonPropertyName("record_list")]
    public List<WeComFileOperRecord> RecordList { get; init; } = [];
}

internal sealed class MessageContent
{
    [JsonPropertyName("content")]
    public string Content { get; init; } = string.Empty;
}

internal sealed class MessageSendRequest
{
    [JsonPropertyName("touser")]
    public string ToUser { get; init; } = string.Empty;

    [JsonPropertyName("msgtype")]
    public string MsgType { get; init; } = string.Empty;

    [JsonPropertyName("agentid")]
    public int AgentId { get; init; }

    [JsonPropertyName("text")]
    public MessageContent? Text { get; init; }

    [JsonPropertyName("markdown")]
    public MessageContent? Markdown { get; init; }
}

internal sealed class MessageSendResponse : WeComResponse
{
    [JsonPropertyName("msgid")]
    public string? MsgId { get; init; }

    [JsonPropertyName("invaliduser")]
    public string? InvalidUser { get; init; }
}

internal sealed class UnassignedListRequest
{
    [JsonPropertyName("page_size")]
    public int PageSize { get; init; }

    [JsonPropertyName("cursor")]
    public string? Cursor { get; init; }
}

// externalcontact/get_follow_user_list (DOC 92571): the members configured for customer contact, within the app's visible range.
internal sealed class FollowUserListResponse : WeComResponse
{
    [JsonPropertyName("follow_user")]
    public List<string> FollowUser { get; init; } = [];
}

internal sealed class UnassignedListResponse : WeComResponse
{
    [JsonPropertyName("info")]
    public List<WeComUnassignedCustomer> Info { get; init; } = [];

    [JsonPropertyName("is_last")]
    public bool IsLast { get; init; }

    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }
}
