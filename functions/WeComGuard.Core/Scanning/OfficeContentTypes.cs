using System.IO.Compression;
using System.Xml;

namespace WeComGuard.Core.Scanning;

/// <summary>[Content_Types].xml of an OOXML package: content types by part name (Override) and by extension (Default).</summary>
internal sealed class OfficeContentTypes
{
    internal static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 4 * 1024 * 1024,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    private readonly Dictionary<string, string> _overrides = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _defaults = new(StringComparer.OrdinalIgnoreCase);

    public static OfficeContentTypes Read(ZipArchiveEntry entry)
    {
        var types = new OfficeContentTypes();
        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, ReaderSettings);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.GetAttribute("ContentType") is not { Length: > 0 } type)
            {
                continue;
            }

            if (reader.LocalName == "Override" && reader.GetAttribute("PartName") is { Length: > 0 } part)
            {
                types._overrides[PartName(part)] = type;
            }
            else if (reader.LocalName == "Default" && reader.GetAttribute("Extension") is { Length: > 0 } extension)
            {
                types._defaults[extension] = type;
            }
        }

        return types;
    }

    /// <summary>A part name as the zip entry is named: no leading slash, percent-escapes decoded.</summary>
    public static string PartName(string uri) => Uri.UnescapeDataString(uri.TrimStart('/'));

    public string? TypeOf(string partName)
    {
        var name = PartName(partName);
        if (_overrides.TryGetValue(name, out var type))
        {
            return type;
        }

        var extension = Path.GetExtension(name).TrimStart('.');
        return _defaults.TryGetValue(extension, out type) ? type : null;
    }
}
