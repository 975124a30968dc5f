namespace WeComGuard.Core.Events;

/// <summary>A decrypted WeCom callback event: the common fields and every top-level XML element by name.</summary>
public class WeComEvent
{
    public string MsgType { get; init; } = string.Empty;

    public string Event { get; init; } = string.Empty;

    public string ChangeType { get; init; } = string.Empty;

    public DateTimeOffset CreateTime { get; init; }

    /// <summary>Top-level XML elements by name, e.g. <c>Fields["UserID"]</c>, <c>Fields["ChatId"]</c>, <c>Fields["LastMemVer"]</c>.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
