using System.Text.Json;
using System.Xml;

namespace WeComGuard.Core.Callbacks;

/// <summary>The outer body of a callback POST: <c>&lt;xml&gt;&lt;ToUserName/&gt;&lt;Encrypt/&gt;&lt;AgentID/&gt;&lt;/xml&gt;</c> or its JSON form.</summary>
public sealed record CallbackEnvelope(string Encrypt, string? ToUserName, string? AgentId)
{
    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = WeComCallbackHandler.MaxBodyBytes,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    /// <exception cref="WeComCryptoException">Neither a well-formed XML nor JSON envelope with an Encrypt value (-40002).</exception>
    public static CallbackEnvelope Parse(ReadOnlySpan<byte> body)
    {
        var trimmed = body.TrimStart(" \t\r\n"u8);
        if (trimmed.StartsWith("\uFEFF"u8))
        {
            trimmed = trimmed[3..];
        }

        var envelope = !trimmed.IsEmpty && trimmed[0] == (byte)'{' ? ParseJson(trimmed) : ParseXml(trimmed);
        if (string.IsNullOrEmpty(envelope.Encrypt))
        {
            throw new WeComCryptoException(CallbackRefusalReason.MalformedPayload, "The callback body has no Encrypt value.");
        }

        return envelope;
    }

    private static CallbackEnvelope ParseXml(ReadOnlySpan<byte> body)
    {
        string? encrypt = null, toUser = null, agentId = null;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body.ToArray(), writable: false), XmlSettings);
            reader.MoveToContent();
            var depth = reader.Depth;
            reader.Read();
            while (!reader.EOF && reader.Depth > depth)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                // ReadElementContentAsString and Skip both leave the reader on the next sibling.
                switch (reader.LocalName)
                {
                    case "Encrypt":
                        encrypt = reader.ReadElementContentAsString();
                        break;
                    case "ToUserName":
                        toUser = reader.ReadElementContentAsString();
                        break;
                    case "AgentID":
                        agentId = reader.ReadElementContentAsString();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            while (reader.Read())
            {
            }
        }
        catch (XmlException error)
        {
            throw new WeComCryptoException(CallbackRefusalReason.MalformedPayload, $"The callback body is not well-formed XML (line {error.LineNumber}).");
        }

        return new CallbackEnvelope(encrypt ?? string.Empty, toUser, agentId);
    }

    private static CallbackEnvelope ParseJson(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
            var root = document.RootElement;
            return new CallbackEnvelope(Text(root, "Encrypt") ?? string.Empty, Text(root, "ToUserName"), Text(root, "AgentID"));
        }
        catch (JsonException)
        {
            throw new WeComCryptoException(CallbackRefusalReason.MalformedPayload, "The callback body is not well-formed JSON.");
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
}
