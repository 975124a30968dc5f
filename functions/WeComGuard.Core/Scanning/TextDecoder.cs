using System.Text;

namespace WeComGuard.Core.Scanning;

/// <summary>Decodes text files: BOM first (UTF-8, UTF-16 LE/BE), then UTF-16 by its zero bytes, then valid UTF-8, otherwise GB18030 (a superset of GBK and GB2312).</summary>
internal static class TextDecoder
{
    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936);
    });

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static (string Text, string Encoding) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Encoding.UTF8.GetString(bytes[3..]), "utf-8");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode.GetString(bytes[2..]), "utf-16le");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be");
        }

        if (FileKindDetector.LooksLikeUtf16(bytes, out var bigEndian))
        {
            return bigEndian ? (Encoding.BigEndianUnicode.GetString(bytes), "utf-16be") : (Encoding.Unicode.GetString(bytes), "utf-16le");
        }

        try
        {
            // One pass: decoding strictly fails on the first invalid sequence, which means the file is not UTF-8.
            return (StrictUtf8.GetString(bytes), "utf-8");
        }
        catch (DecoderFallbackException)
        {
            return (Gb18030.Value.GetString(bytes), "gb18030");
        }
    }
}
