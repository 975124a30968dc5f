using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>A departed member's customer not yet handed over (externalcontact/get_unassigned_list).</summary>
public sealed class WeComUnassignedCustomer
{
    [JsonPropertyName("handover_userid")]
    public string HandoverUserId { get; init; } = string.Empty;

    [JsonPropertyName("external_userid")]
    public string ExternalUserId { get; init; } = string.Empty;

    [JsonPropertyName("dimission_time")]
    public long DimissionTime { get; init; }
}
