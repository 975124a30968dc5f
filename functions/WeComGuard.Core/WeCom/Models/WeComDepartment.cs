using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>A department (department/get).</summary>
public sealed class WeComDepartment
{
    [JsonPropertyName("id")]
    public int Id { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = string.Empty;

    [JsonPropertyName("name_en")]
    public string? NameEn { get; init; }

    [JsonPropertyName("department_leader")]
    public IReadOnlyList<string> DepartmentLeader { get; init; } = [];

    [JsonPropertyName("parentid")]
    public int ParentId { get; init; }

    [JsonPropertyName("order")]
    public long Order { get; init; }
}
