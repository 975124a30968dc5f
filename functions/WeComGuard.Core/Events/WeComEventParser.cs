using System.Runtime.InteropServices;
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
    public static WeComEvent Parse(ReadOnlyMemory<byte> plaintext) => Parse(plaintext, includeLists: true);

    /// <summary>
    /// Checks the whole plaintext but keeps only the top-level fields (MsgType, Event, ChangeType, MsgId...): what the
    /// callback endpoint needs to record an event. The processor parses it fully later.
    /// </summary>
    /// <exception cref="WeComEventFormatException">The plaintext is not a well-formed WeCom XML or JSON event.</exception>
    public static WeComEvent ParseHeader(ReadOnlyMemory<byte> plaintext) => Parse(plaintext, includeLists: false);

    private static WeComEvent Parse(ReadOnlyMemory<byte> plaintext, bool includeLists)
    {
        var text = plaintext;
        if (text.Span.StartsWith("\uFEFF"u8))
        {
            text = text[3..];
        }

        var first = FirstNonWhitespace(text.Span);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var lists = new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>(StringComparer.Ordinal);
        if (first == (byte)'<')
        {
            ReadXml(text, includeLists, fields, lists);
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

    private static void ReadXml(ReadOnlyMemory<byte> text, bool includeLists, Dictionary<string, string> fields, Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists)
    {
        try
        {
            using var reader = XmlReader.Create(AsStream(text), XmlSettings);
            reader.MoveToContent();
            if (reader.IsEmptyElement)
            {
                return;
            }

            var rootDepth = reader.Depth;
            reader.Read();
            while (!reader.EOF && reader.Depth > rootDepth)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                var name = reader.LocalName;
                var depth = reader.Depth;
                if (TryReadLeaf(reader, out var leaf))
                {
                    AddLeaf(fields, lists, name, leaf);
                }
                else if (includeLists)
                {
                    lists[name] = ReadItems(reader, depth);
                }
                else
                {
                    // Still read (and so check) the subtree, without keeping it.
                    SkipToEndOf(reader, depth);
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

    // On an element: reads it whole and returns true if it holds only text; otherwise stops on its first child element.
    private static bool TryReadLeaf(XmlReader reader, out string text)
    {
        if (reader.Depth > MaxDepth)
        {
            throw new WeComEventFormatException("The decrypted callback nests elements too deeply.");
        }

        text = string.Empty;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return true;
        }

        reader.Read();
        StringBuilder? builder = null;
        while (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
        {
            if (text.Length == 0)
            {
                text = reader.Value;
            }
            else
            {
                builder ??= new StringBuilder(text);
                builder.Append(reader.Value);
            }

            reader.Read();
        }

        if (builder is not null)
        {
            text = builder.ToString();
        }

        if (reader.NodeType == XmlNodeType.EndElement)
        {
            reader.Read();
            return true;
        }

        if (reader.NodeType != XmlNodeType.Element)
        {
            throw new WeComEventFormatException("The decrypted callback ends inside an element.");
        }

        return false;
    }

    // Positioned on the first child of the element at parentDepth: reads each child element as one item.
    private static List<IReadOnlyDictionary<string, string>> ReadItems(XmlReader reader, int parentDepth)
    {
        var items = new List<IReadOnlyDictionary<string, string>>();
        while (!reader.EOF && reader.Depth > parentDepth)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            var item = new Dictionary<string, string>(StringComparer.Ordinal);
            var depth = reader.Depth;
            if (TryReadLeaf(reader, out var text))
            {
                item[string.Empty] = text;
            }
            else
            {
                ReadPaths(reader, depth, string.Empty, item);
            }

            items.Add(item);
        }

        reader.Read();
        return items;
    }

    // Positioned on the first child of the element at parentDepth: flattens its leaves into paths (Text.Value, Web.Url).
    private static void ReadPaths(XmlReader reader, int parentDepth, string prefix, Dictionary<string, string> into)
    {
        while (!reader.EOF && reader.Depth > parentDepth)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            var path = prefix.Length == 0 ? reader.LocalName : $"{prefix}.{reader.LocalName}";
            if (into.ContainsKey(path))
            {
                var index = 1;
                while (into.ContainsKey($"{path}[{index}]"))
                {
                    index++;
                }

                path = $"{path}[{index}]";
            }

            var depth = reader.Depth;
            if (TryReadLeaf(reader, out var text))
            {
                into[path] = text;
            }
            else
            {
                ReadPaths(reader, depth, path, into);
            }
        }

        reader.Read();
    }

    private static void SkipToEndOf(XmlReader reader, int depth)
    {
        while (!reader.EOF && reader.Depth > depth)
        {
            if (reader.Depth > MaxDepth + 1)
            {
                throw new WeComEventFormatException("The decrypted callback nests elements too deeply.");
            }

            reader.Read();
        }

        reader.Read();
    }

    private static void AddLeaf(Dictionary<string, string> fields, Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists, string name, string leaf)
    {
        // A repeated leaf element (several FileId elements) becomes a list.
        if (fields.Remove(name, out var previous))
        {
            lists[name] = [Item(previous), Item(leaf)];
        }
        else if (lists.TryGetValue(name, out var existing))
        {
            lists[name] = [.. existing, Item(leaf)];
        }
        else
        {
            fields[name] = leaf;
        }

        static Dictionary<string, string> Item(string text) => new(StringComparer.Ordinal) { [string.Empty] = text };
    }

    private static void ReadJson(ReadOnlyMemory<byte> text, Dictionary<string, string> fields, Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists)
    {
        if (text.Length > MaxCharacters * 4)
        {
            throw new WeComEventFormatException("The decrypted callback is too large.");
        }

        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth });
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

    private static MemoryStream AsStream(ReadOnlyMemory<byte> text) =>
        MemoryMarshal.TryGetArray(text, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(text.ToArray(), writable: false);

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
