namespace WeComGuard.Core.Events;

/// <summary>
/// A decrypted WeCom callback: an event (<c>MsgType=event</c>) or a message sent to the app. Typed subclasses expose
/// the fields of the events WeCom Guard acts on; <see cref="Fields"/> and <see cref="Lists"/> keep every element, so an
/// event type WeCom adds later is kept, not rejected.
/// </summary>
public class WeComEvent
{
    public WeComEvent(IReadOnlyDictionary<string, string> fields, IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(lists);
        Fields = fields;
        Lists = lists;
        MsgType = Field("MsgType") ?? string.Empty;
        Event = Field("Event");
        ChangeType = Field("ChangeType");
        ToUserName = Field("ToUserName");
        FromUserName = Field("FromUserName");
        AgentId = Field("AgentID");
        MsgId = Field("MsgId");
        CreateTime = long.TryParse(Field("CreateTime"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    /// <summary>Top-level elements with text content, by element name (e.g. <c>UserID</c>, <c>ChatId</c>).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>
    /// Top-level elements with child elements (e.g. <c>ExtAttr</c>, <c>MemChangeList</c>): one entry per child, holding
    /// the child's leaf values by path (<c>Text.Value</c>), or its own text under the empty key.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> Lists { get; }

    public string MsgType { get; }

    public string? Event { get; }

    public string? ChangeType { get; }

    public string? ToUserName { get; }

    public string? FromUserName { get; }

    public string? AgentId { get; }

    /// <summary>Set for messages sent to the app (64-bit); events have none.</summary>
    public string? MsgId { get; }

    public DateTimeOffset? CreateTime { get; }

    /// <summary>A short name for logs and the WeComEvents table: <c>change_contact/update_user</c>, <c>text</c>...</summary>
    public string Kind => Event is null ? MsgType : ChangeType is null ? Event : $"{Event}/{ChangeType}";

    public string? Field(string name) => Fields.TryGetValue(name, out var value) ? value : null;

    /// <summary>A comma-separated field (WeCom's CSV lists such as <c>Department</c>) split into its items.</summary>
    public IReadOnlyList<string> CsvField(string name) =>
        Field(name) is { Length: > 0 } value
            ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];

    /// <summary>The text of each item of a list element, e.g. the userids of <c>MemChangeList</c>.</summary>
    public IReadOnlyList<string> ListItems(string name) =>
        Lists.TryGetValue(name, out var items)
            ? items.Select(item => item.TryGetValue(string.Empty, out var text) ? text : string.Empty).Where(text => text.Length > 0).ToArray()
            : [];
}
