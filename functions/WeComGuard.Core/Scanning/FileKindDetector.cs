using System.IO.Compression;
using System.Text;
using System.Xml;

namespace WeComGuard.Core.Scanning;

/// <summary>Tells file kinds apart by magic bytes: zip/OOXML, PDF, OLE compound files (legacy Office, or encrypted OOXML), images, text.</summary>
internal static class FileKindDetector
{
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] EncryptedPackageName = Encoding.Unicode.GetBytes("EncryptedPackage");
    private static readonly byte[] EncryptionInfoName = Encoding.Unicode.GetBytes("EncryptionInfo");

    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".txt", ".csv", ".tsv", ".md", ".json", ".xml", ".html", ".htm", ".log", ".yaml", ".yml", ".ini", ".conf", ".config", ".properties", ".env", ".sql", ".pem", ".key",
    };

    public static FileKind Detect(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.StartsWith("PK\u0003\u0004"u8) || bytes.StartsWith("PK\u0005\u0006"u8))
        {
            return FileKind.Zip;
        }

        if (bytes[..Math.Min(bytes.Length, 1024)].IndexOf("%PDF-"u8) >= 0)
        {
            return FileKind.Pdf;
        }

        if (bytes.StartsWith(OleMagic))
        {
            // [MS-OFFCRYPTO] 2.3.4.4: an encrypted OOXML file is an OLE compound file whose directory names these two streams.
            return bytes.IndexOf(EncryptedPackageName) >= 0 && bytes.IndexOf(EncryptionInfoName) >= 0
                ? FileKind.EncryptedOffice
                : FileKind.LegacyOffice;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
            || bytes.StartsWith("GIF8"u8) || bytes.StartsWith("II*\0"u8) || bytes.StartsWith("MM\0*"u8)
            || (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes.Slice(8, 4).SequenceEqual("WEBP"u8))
            || (bytes.StartsWith("BM"u8) && HasExtension(name, ".bmp")))
        {
            return FileKind.Image;
        }

        var extension = Path.GetExtension(name);
        if (extension is ".doc" or ".xls" or ".ppt" or ".DOC" or ".XLS" or ".PPT")
        {
            return FileKind.LegacyOffice;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return FileKind.Text;
        }

        if (LooksLikeUtf16(bytes, out _))
        {
            return FileKind.Text;
        }

        var head = bytes[..Math.Min(bytes.Length, 8192)];
        return TextExtensions.Contains(extension) || head.IndexOf((byte)0) < 0 ? FileKind.Text : FileKind.Binary;
    }

    private const int MaxPackageMetadataBytes = 4 * 1024 * 1024;

    /// <summary>
    /// An OOXML package: [Content_Types].xml and _rels/.rels name the main part (officeDocument relationship), the part is
    /// in the archive and its content type is a Word, Excel or PowerPoint main part. Anything else is a plain zip, whatever
    /// its entries are called, so every entry gets scanned.
    /// </summary>
    public static OfficePackage? DetectPackage(ZipArchive archive)
    {
        if (archive.GetEntry("[Content_Types].xml") is not { } typesEntry || archive.GetEntry("_rels/.rels") is not { } relsEntry
            || typesEntry.Length > MaxPackageMetadataBytes || relsEntry.Length > MaxPackageMetadataBytes)
        {
            return null;
        }

        try
        {
            var contentTypes = OfficeContentTypes.Read(typesEntry);
            var main = MainPartName(relsEntry);
            if (main is null || archive.GetEntry(main) is null)
            {
                return null;
            }

            var kind = contentTypes.TypeOf(main) is { } type && type.EndsWith(".main+xml", StringComparison.OrdinalIgnoreCase)
                ? type.Contains("wordprocessingml.", StringComparison.OrdinalIgnoreCase) || type.Contains("ms-word.", StringComparison.OrdinalIgnoreCase) ? FileKind.Docx
                : type.Contains("spreadsheetml.", StringComparison.OrdinalIgnoreCase) || type.Contains("ms-excel.", StringComparison.OrdinalIgnoreCase) ? FileKind.Xlsx
                : type.Contains("presentationml.", StringComparison.OrdinalIgnoreCase) || type.Contains("ms-powerpoint.", StringComparison.OrdinalIgnoreCase) ? FileKind.Pptx
                : FileKind.Zip
                : FileKind.Zip;
            return kind == FileKind.Zip ? null : new OfficePackage(kind, main, contentTypes);
        }
        catch (Exception invalid) when (invalid is XmlException or InvalidDataException or UriFormatException)
        {
            return null;
        }
    }

    private static string? MainPartName(ZipArchiveEntry relsEntry)
    {
        using var stream = relsEntry.Open();
        using var reader = XmlReader.Create(stream, OfficeContentTypes.ReaderSettings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                && reader.GetAttribute("Type") is { } type && type.EndsWith("/officeDocument", StringComparison.Ordinal)
                && reader.GetAttribute("TargetMode") is null or "Internal"
                && reader.GetAttribute("Target") is { Length: > 0 } target)
            {
                return OfficeContentTypes.PartName(target);
            }
        }

        return null;
    }

    /// <summary>
    /// UTF-16 without a byte order mark: zero bytes (the high bytes of ASCII characters, digits and line breaks) almost
    /// all at odd offsets (little-endian) or at even offsets (big-endian).
    /// </summary>
    public static bool LooksLikeUtf16(ReadOnlySpan<byte> bytes, out bool bigEndian)
    {
        bigEndian = false;
        var sample = bytes[..(Math.Min(bytes.Length, 8192) & ~1)];
        if (sample.Length < 4)
        {
            return false;
        }

        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            evenZeros += sample[i] == 0 ? 1 : 0;
            oddZeros += sample[i + 1] == 0 ? 1 : 0;
        }

        var pairs = sample.Length / 2;
        var (many, few) = oddZeros >= evenZeros ? (oddZeros, evenZeros) : (evenZeros, oddZeros);

        // At least one character in eight is ASCII, and the other parity has almost no zeros (binary data has them on both).
        bigEndian = evenZeros > oddZeros;
        return many * 8 >= pairs && few * 20 <= many;
    }

    private static bool HasExtension(string name, string extension) =>
        Path.GetExtension(name).Equals(extension, StringComparison.OrdinalIgnoreCase);
}
