using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>One (userid, department) row of user/list_id; a member in two departments has two rows.</summary>
public sealed class WeComDepartmentUser
{
    [JsonPropertyName("userid")]
    public string UserId { get; init; } = string.Empty;

    [JsonPropertyName("department")]
    public int Department { get; init; }
}
