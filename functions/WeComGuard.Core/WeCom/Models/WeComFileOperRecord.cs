using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>A file operation record (security/get_file_oper_record).</summary>
public sealed class WeComFileOperRecord
{
    [JsonPropertyName("time")]
    public long Time { get; init; }

    [JsonPropertyName("userid")]
    public string? UserId { get; init; }

    [JsonPropertyName("external_user")]
    public WeComExternalUser? ExternalUser { get; init; }

    [JsonPropertyName("operation")]
    public WeComFileOperation Operation { get; init; } = new();

    [JsonPropertyName("file_info")]
    public string? FileInfo { get; init; }

    [JsonPropertyName("file_size")]
    public long FileSize { get; init; }

    [JsonPropertyName("file_md5")]
    public string? FileMd5 { get; init; }

    [JsonPropertyName("applicant_name")]
    public string? ApplicantName { get; init; }

    /// <summary>1 corp-trusted device, 2 personal trusted device.</summary>
    [JsonPropertyName("device_type")]
    public int DeviceType { get; init; }

    [JsonPropertyName("device_code")]
    public string? DeviceCode { get; init; }
}
