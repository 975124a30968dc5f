using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>A member (user/get, user/list). Status: 1 activated, 2 disabled, 4 not activated, 5 exited.</summary>
public sealed class WeComMember
{
    [JsonPropertyName("userid")]
    public string UserId { get; init; } = string.Empty;

    [JsonPropertyName("name")]
    public string Name { get; init; } = string.Empty;

    [JsonPropertyName("department")]
    public IReadOnlyList<int> Department { get; init; } = [];

    [JsonPropertyName("main_department")]
    public int MainDepartment { get; init; }

    [JsonPropertyName("is_leader_in_dept")]
    public IReadOnlyList<int> IsLeaderInDept { get; init; } = [];

    [JsonPropertyName("direct_leader")]
    public IReadOnlyList<string> DirectLeader { get; init; } = [];

    [JsonPropertyName("position")]
    public string Position { get; init; } = string.Empty;

    [JsonPropertyName("mobile")]
    public string Mobile { get; init; } = string.Empty;

    [JsonPropertyName("gender")]
    public string Gender { get; init; } = string.Empty;

    [JsonPropertyName("email")]
    public string Email { get; init; } = string.Empty;

    [JsonPropertyName("biz_mail")]
    public string BizMail { get; init; } = string.Empty;

    [JsonPropertyName("avatar")]
    /// <summary>Null when WeCom did not return the field (apps without permission to read avatars); empty when the member has none.</summary>
    public string? Avatar { get; init; }

    [JsonPropertyName("alias")]
    public string Alias { get; init; } = string.Empty;

    [JsonPropertyName("telephone")]
    public string Telephone { get; init; } = string.Empty;

    [JsonPropertyName("status")]
    public int Status { get; init; }

    [JsonPropertyName("open_userid")]
    public string? OpenUserId { get; init; }
}
