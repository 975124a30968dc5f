using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>A department id with its parent (department/simplelist).</summary>
public sealed class WeComDepartmentRef
{
    [JsonPropertyName("id")]
    public int Id { get; init; }

    [JsonPropertyName("parentid")]
    public int ParentId { get; init; }

    [JsonPropertyName("order")]
    public long Order { get; init; }
}
