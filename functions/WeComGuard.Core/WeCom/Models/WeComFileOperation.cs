using System.Text.Json.Serialization;

namespace WeComGuard.Core.WeCom;

/// <summary>A file operation: type (101 upload, 103 download, 112/134 forward, ...) and, for uploads and downloads, source (401 chat, 402 mail, 403 doc, 404 WeDrive, 405 calendar).</summary>
public sealed class WeComFileOperation
{
    [JsonPropertyName("type")]
    public int Type { get; init; }

    [JsonPropertyName("source")]
    public int? Source { get; init; }
}
