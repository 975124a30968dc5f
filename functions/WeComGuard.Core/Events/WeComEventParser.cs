using System.Text;
using System.Text.Json;
using System.Xml;

namespace WeComGuard.Core.Events;

/// <summary>
/// Parses a decrypted callback (XML, or JSON when the app chose JSON callbacks) into a typed <see cref="WeComEvent"/>.
/// XML is read with DTDs prohibited, no resolver and a size limit, since the plaintext comes from the network.
/// </summary>
public static class WeComEventParser
{
    /// <summary>Decrypted callbacks larger than this are refused (WeCom's events are a few kilobytes).</summary>
    public const int MaxCharacters = 1_000_000;

    private const int MaxDepth = 8;

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    /// <exception cref="WeComEventFormatException">The plaintext is not a well-formed WeCom XML or JSON event.</exception>
    public static WeComEvent Parse(ReadOnlySpan<byte> plaintext)
    {
        var text = plaintext;
        if (text.StartsWith("\uFEFF"u8))
        {
            text = text[3..];
        }

        var first = FirstNonWhitespace(text);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var lists = new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>(StringComparer.Ordinal);
        if (first == (byte)'<')
        {
            ReadXml(text, fields, lists);
        }
        else if (first == (byte)'{')
        {
            ReadJson(text, fields, lists);
        }
        else
        {
            throw new WeComEventFormatException("The decrypted callback is neither XML nor JSON.");
        }

        return Create(fields, lists);
    }

    private static WeComEvent Create(Dictionary<string, string> fields, Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists)
    {
        fields.TryGetValue("MsgType", out var msgType);
        fields.TryGetValue("Event", out var eventName);
        fields.TryGetValue("ChangeType", out var changeType);
        if (string.IsNullOrEmpty(msgType))
        {
            throw new WeComEventFormatException("The decrypted callback has no MsgType.");
        }

        if (msgType != "event")
        {
            return new AppMessage(fields, lists);
        }

        return eventName switch
        {
            "change_contact" when changeType is "create_user" or "update_user" or "delete_user" => new MemberChangeEvent(fields, lists),
            "change_contact" when changeType is "create_party" or "update_party" or "delete_party" => new DepartmentChangeEvent(fields, lists),
            "change_contact" when changeType is "update_tag" => new TagChangeEvent(fields, lists),
            "change_external_contact" => new ExternalContactChangeEvent(fields, lists),
            "change_external_chat" => new ExternalChatChangeEvent(fields, lists),
            "msgaudit_notify" => new MessageArchiveNotifyEvent(fields, lists),
            "wedrive_file_change" => new WeDriveFileChangeEvent(fields, lists),
            "subscribe" or "unsubscribe" => new AppSubscriptionEvent(fields, lists),
            _ => new WeComEvent(fields, lists),
        };
    }

    private static void ReadXml(ReadOnlySpan<byte> text, Dictionary<string, string> fields, Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(text.ToArray(), writable: false), XmlSettings);
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element)
            {
                throw new WeComEventFormatException("The decrypted callback has no root element.");
            }

            if (reader.IsEmptyElement)
            {
                return;
            }

            reader.Read();
            while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                var name = reader.LocalName;
                var item = ReadElement(reader, depth: 1);
                if (item.Count == 1 && item.TryGetValue(string.Empty, out var leaf))
                {
                    // A repeated leaf element (several FileId elements) becomes a list.
                    if (fields.Remove(name, out var previous))
                    {
                        AddListItem(lists, name, previous);
                        AddListItem(lists, name, leaf);
                    }
                    else if (lists.ContainsKey(name))
                    {
                        AddListItem(lists, name, leaf);
                    }
                    else
                    {
                        fields[name] = leaf;
                    }
                }
                else
                {
                    lists[name] = ReadChildrenAsItems(item);
                }
            }

            // Anything after the root element (a second root, trailing text) makes the document malformed.
            while (reader.Read())
            {
            }
        }
        catch (XmlException error)
        {
            throw new WeComEventFormatException($"The decrypted callback is not well-formed XML (line {error.LineNumber}).", error);
        }
    }

    private static void AddListItem(Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists, string name, string text)
    {
        var items = lists.TryGetValue(name, out var existing) ? existing.ToList() : [];
        items.Add(new Dictionary<string, string> { [string.Empty] = text });
        lists[name] = items;
    }

    // Reads one element into flattened leaf paths; the element's own text is under the empty key.
    private static Dictionary<string, string> ReadElement(XmlReader reader, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new WeComEventFormatException("The decrypted callback nests elements too deeply.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.IsEmptyElement)
        {
            reader.Read();
            values[string.Empty] = string.Empty;
            return values;
        }

        reader.Read();
        var text = new StringBuilder();
        var childIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.SignificantWhitespace:
                    text.Append(reader.Value);
                    reader.Read();
                    break;
                case XmlNodeType.Element:
                    var childName = reader.LocalName;
                    var index = childIndex.TryGetValue(childName, out var seen) ? seen + 1 : 0;
                    childIndex[childName] = index;
                    var prefix = index == 0 ? childName : $"{childName}[{index}]";
                    foreach (var (path, value) in ReadElement(reader, depth + 1))
                    {
                        values[path.Length == 0 ? prefix : $"{prefix}.{path}"] = value;
                    }

                    break;
                case XmlNodeType.None:
                    throw new WeComEventFormatException("The decrypted callback ends inside an element.");
                default:
                    reader.Read();
                    break;
            }
        }

        reader.Read();
        if (values.Count == 0)
        {
            values[string.Empty] = text.ToString();
        }

        return values;
    }

    // <MemChangeList><Item>a</Item><Item>b</Item></MemChangeList> flattens to Item, Item[1]; turn that back into items.
    private static List<IReadOnlyDictionary<string, string>> ReadChildrenAsItems(Dictionary<string, string> flattened)
    {
        var items = new SortedDictionary<int, Dictionary<string, string>>();
        foreach (var (path, value) in flattened)
        {
            var dot = path.IndexOf('.', StringComparison.Ordinal);
            var head = dot < 0 ? path : path[..dot];
            var rest = dot < 0 ? string.Empty : path[(dot + 1)..];
            var bracket = head.IndexOf('[', StringComparison.Ordinal);
            var index = bracket < 0 ? 0 : int.Parse(head[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            if (!items.TryGetValue(index, out var item))
            {
                items[index] = item = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            item[rest] = value;
        }

        return items.Values.Cast<IReadOnlyDictionary<string, string>>().ToList();
    }

    private static void ReadJson(ReadOnlySpan<byte> text, Dictionary<string, string> fields, Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists)
    {
        if (text.Length > MaxCharacters * 4)
        {
            throw new WeComEventFormatException("The decrypted callback is too large.");
        }

        try
        {
            using var document = JsonDocument.Parse(text.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new WeComEventFormatException("The decrypted JSON callback is not an object.");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.Array:
                        lists[property.Name] = property.Value.EnumerateArray().Select(JsonItem).ToList();
                        break;
                    case JsonValueKind.Object:
                        lists[property.Name] = [JsonItem(property.Value)];
                        break;
                    default:
                        fields[property.Name] = JsonScalar(property.Value);
                        break;
                }
            }
        }
        catch (JsonException error)
        {
            throw new WeComEventFormatException("The decrypted callback is not well-formed JSON.", error);
        }
    }

    private static Dictionary<string, string> JsonItem(JsonElement element)
    {
        var item = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(element, string.Empty, item);
        return item;
    }

    private static void Flatten(JsonElement element, string path, Dictionary<string, string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", into);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var child in element.EnumerateArray())
                {
                    Flatten(child, $"{path}[{index++}]", into);
                }

                break;
            default:
                into[path] = JsonScalar(element);
                break;
        }
    }

    private static string JsonScalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() ?? string.Empty,
        JsonValueKind.Null => string.Empty,
        _ => element.GetRawText(),
    };

    private static byte FirstNonWhitespace(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return b;
            }
        }

        return 0;
    }
}
