using System.IO.Compression;
using System.Text;

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

        var head = bytes[..Math.Min(bytes.Length, 8192)];
        return TextExtensions.Contains(extension) || head.IndexOf((byte)0) < 0 ? FileKind.Text : FileKind.Binary;
    }

    /// <summary>An OOXML package names its main part in [Content_Types].xml; plain zips do not have these parts.</summary>
    public static FileKind DetectPackage(ZipArchive archive)
    {
        if (archive.GetEntry("word/document.xml") is not null)
        {
            return FileKind.Docx;
        }

        if (archive.GetEntry("xl/workbook.xml") is not null)
        {
            return FileKind.Xlsx;
        }

        return archive.GetEntry("ppt/presentation.xml") is not null ? FileKind.Pptx : FileKind.Zip;
    }

    private static bool HasExtension(string name, string extension) =>
        Path.GetExtension(name).Equals(extension, StringComparison.OrdinalIgnoreCase);
}
