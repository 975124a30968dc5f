using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

// Requests and answers of the write APIs the remediation actions and the security team's cards use.

internal sealed class UserUpdateEnableRequest
{
    [JsonPropertyName("userid")]
    public string UserId { get; init; } = string.Empty;

    /// <summary>1 enables, 0 disables the member (user/update).</summary>
    [JsonPropertyName("enable")]
    public int Enable { get; init; }
}

internal sealed class BatchInviteRequest
{
    [JsonPropertyName("user")]
    public IReadOnlyList<string> User { get; init; } = [];
}

internal sealed class BatchInviteResponse : WeComResponse
{
    [JsonPropertyName("invaliduser")]
    public List<string> InvalidUser { get; init; } = [];
}

internal sealed class GroupChatTransferRequest
{
    [JsonPropertyName("chat_id_list")]
    public IReadOnlyList<string> ChatIdList { get; init; } = [];

    [JsonPropertyName("new_owner")]
    public string NewOwner { get; init; } = string.Empty;
}

internal sealed class GroupChatTransferResponse : WeComResponse
{
    [JsonPropertyName("failed_chat_list")]
    public List<WeComFailedChat> FailedChatList { get; init; } = [];
}

internal sealed class TemplateCardSendRequest
{
    [JsonPropertyName("touser")]
    public string ToUser { get; init; } = string.Empty;

    [JsonPropertyName("msgtype")]
    public string MsgType { get; init; } = "template_card";

    [JsonPropertyName("agentid")]
    public int AgentId { get; init; }

    [JsonPropertyName("template_card")]
    public JsonObject TemplateCard { get; init; } = [];
}

internal sealed class TemplateCardSendResponse : WeComResponse
{
    [JsonPropertyName("msgid")]
    public string? MsgId { get; init; }

    [JsonPropertyName("invaliduser")]
    public string? InvalidUser { get; init; }

    [JsonPropertyName("response_code")]
    public string? ResponseCode { get; init; }
}

internal sealed class TemplateCardUpdateRequest
{
    [JsonPropertyName("userids")]
    public IReadOnlyList<string> UserIds { get; init; } = [];

    [JsonPropertyName("agentid")]
    public int AgentId { get; init; }

    [JsonPropertyName("response_code")]
    public string ResponseCode { get; init; } = string.Empty;

    [JsonPropertyName("template_card")]
    public JsonObject TemplateCard { get; init; } = [];
}

internal sealed class TemplateCardUpdateResponse : WeComResponse
{
    [JsonPropertyName("invaliduser")]
    public List<string> InvalidUser { get; init; } = [];
}
