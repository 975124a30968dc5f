using System.Text;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Decodes text files: BOM first (UTF-8, UTF-16 LE/BE), then UTF-16 by its zero bytes, then valid UTF-8, otherwise GB18030
/// (a superset of GBK and GB2312). The scanner decodes leniently (a bad byte still lets the rest be scanned); the roster
/// decodes strictly and refuses a file that is valid in none of them.
/// </summary>
internal static class TextDecoder
{
    private static readonly Lazy<Encoding> Gb18030 = new(() => CodePage(DecoderFallback.ReplacementFallback));

    private static readonly Lazy<Encoding> StrictGb18030 = new(() => CodePage(DecoderFallback.ExceptionFallback));

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly UnicodeEncoding StrictUtf16Le = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);

    private static readonly UnicodeEncoding StrictUtf16Be = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    public static (string Text, string Encoding) Decode(ReadOnlySpan<byte> bytes)
    {
        if (UnicodeForm(bytes) is { } form)
        {
            return (form.Lenient.GetString(bytes[form.Skip..]), form.Name);
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

    /// <summary>The same detection, but a byte sequence invalid in the detected encoding (and, without a BOM, in GB18030) is a failure, never U+FFFD.</summary>
    public static bool TryDecodeStrictly(ReadOnlySpan<byte> bytes, out string text, out string encoding)
    {
        try
        {
            if (UnicodeForm(bytes) is { } form)
            {
                (text, encoding) = (form.Strict.GetString(bytes[form.Skip..]), form.Name);
                return true;
            }

            try
            {
                (text, encoding) = (StrictUtf8.GetString(bytes), "utf-8");
            }
            catch (DecoderFallbackException)
            {
                (text, encoding) = (StrictGb18030.Value.GetString(bytes), "gb18030");
            }

            return true;
        }
        catch (DecoderFallbackException)
        {
            (text, encoding) = (string.Empty, string.Empty);
            return false;
        }
    }

    private static (Encoding Lenient, Encoding Strict, int Skip, string Name)? UnicodeForm(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Encoding.UTF8, StrictUtf8, 3, "utf-8");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode, StrictUtf16Le, 2, "utf-16le");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode, StrictUtf16Be, 2, "utf-16be");
        }

        if (FileKindDetector.LooksLikeUtf16(bytes, out var bigEndian))
        {
            return bigEndian ? (Encoding.BigEndianUnicode, StrictUtf16Be, 0, "utf-16be") : (Encoding.Unicode, StrictUtf16Le, 0, "utf-16le");
        }

        return null;
    }

    private static Encoding CodePage(DecoderFallback fallback)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936, EncoderFallback.ReplacementFallback, fallback);
    }
}
