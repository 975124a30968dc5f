using System.Security.Cryptography;
using System.Text;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Reads a UTF-8 text file chunk by chunk for <see cref="StreamedTextScanner"/>: hashes each chunk (SHA-256 and MD5) and
/// decodes it, so the scan itself only folds and detects. A chunk decodes to at most one character per byte, plus the
/// characters of a sequence the chunk before left unfinished.
/// </summary>
internal sealed class Utf8ChunkReader : IDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _content;
    private readonly string _source;
    private readonly byte[] _bytes;
    private readonly Decoder _decoder = StrictUtf8.GetDecoder();
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
#pragma warning disable CA5351 // WeCom's file operation records identify files by MD5: an identifier here, not a security control.
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
    private bool _first = true;

    public Utf8ChunkReader(Stream content, string source, int chunkBytes)
    {
        _content = content;
        _source = source;
        _bytes = new byte[chunkBytes];
    }

    /// <summary>Characters a buffer passed to <see cref="Read"/> must have room for.</summary>
    public static int CharsPerChunk(int chunkBytes) => chunkBytes + 4;

    /// <summary>Bytes read so far.</summary>
    public long Size { get; private set; }

    /// <summary>
    /// Reads, hashes and decodes the next chunk into <paramref name="chars"/>: false when the file is not UTF-8 text (another
    /// kind of file, a UTF-16 BOM or layout, or an invalid UTF-8 sequence anywhere, which the whole-file scan then decides).
    /// </summary>
    public bool Read(char[] chars, out int length, out bool final)
    {
        var read = ReadFull(_content, _bytes);
        final = read < _bytes.Length;
        length = 0;
        var bytes = _bytes.AsSpan(0, read);
        if (_first)
        {
            if (!IsUtf8Text(bytes, _source))
            {
                return false;
            }

            if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                bytes = bytes[3..];
            }

            _first = false;
        }

        _sha.AppendData(_bytes, 0, read);
        _md5.AppendData(_bytes, 0, read);
        Size += read;
        try
        {
            length = _decoder.GetChars(bytes, chars, flush: final);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        return true;
    }

    public string Sha256() => Convert.ToHexStringLower(_sha.GetHashAndReset());

    public string Md5() => Convert.ToHexStringLower(_md5.GetHashAndReset());

    public void Dispose()
    {
        _sha.Dispose();
        _md5.Dispose();
    }

    /// <summary>What a whole-file scan decides from the same first bytes: text, and not UTF-16 (by BOM or by its zero bytes).</summary>
    private static bool IsUtf8Text(ReadOnlySpan<byte> head, string source) =>
        FileKindDetector.Detect(head, source) == FileKind.Text
        && !head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
        && !head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
        && !FileKindDetector.LooksLikeUtf16(head, out _);

    private static int ReadFull(Stream content, byte[] buffer)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = content.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return total;
    }
}
