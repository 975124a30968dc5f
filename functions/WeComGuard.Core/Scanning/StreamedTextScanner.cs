using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Scans a UTF-8 text file as a stream, so memory stays flat whatever its size: each chunk is hashed (SHA-256 and MD5, on
/// another core while this one scans) and decoded into a window that carries the text around the detector pass over
/// from the chunk before. The pass continues window after window where it stopped, so the findings are those of one pass
/// over the whole text (<see cref="TextFindingBuilder.AddFindings"/>), line numbers included.
/// </summary>
internal static class StreamedTextScanner
{
    public const int DefaultChunkBytes = 1024 * 1024;

    /// <summary>Characters kept before the pass position: look-backs (email local part, key names, +86) and the keyword window before a match.</summary>
    public const int ContextBefore = 1024;

    /// <summary>
    /// Characters left unscanned at the end of a window: a value that starts before them is read to its end inside them (the
    /// longest, a PEM block, is searched 16 K characters ahead), keyword window after it included.
    /// </summary>
    public const int ContextAfter = 32 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Memory a streamed scan holds for <paramref name="chunkBytes"/>-byte chunks: two byte buffers, two character windows.</summary>
    public static long HeldBytes(int chunkBytes) => (2L * chunkBytes) + (2L * sizeof(char) * WindowCapacity(chunkBytes));

    /// <summary>Room for a chunk's characters (at most one per byte) after the carried context; small chunks share a 64 K window.</summary>
    private static int WindowCapacity(int chunkBytes) => Math.Max(chunkBytes, 64 * 1024) + ContextBefore + ContextAfter + 16;

    /// <summary>Chunks this small are hashed inline: handing them to another core costs more than it saves.</summary>
    private const int InlineHashBytes = 64 * 1024;

    /// <summary>
    /// The findings, hashes and size of <paramref name="content"/> read from its position to its end; null when it is not
    /// UTF-8 text (another kind of file, a UTF-16 BOM or layout, or an invalid UTF-8 sequence anywhere): the caller then
    /// scans it whole, which is what decides between GB18030 and the other kinds.
    /// </summary>
    public static StreamedText? Scan(Stream content, string source, int chunkBytes, FindingFingerprinter fingerprinter, CancellationToken cancellationToken)
    {
        var reading = ArrayPool<byte>.Shared.Rent(chunkBytes);
        var hashed = ArrayPool<byte>.Shared.Rent(chunkBytes);
        var original = ArrayPool<char>.Shared.Rent(WindowCapacity(chunkBytes));
        var folded = ArrayPool<char>.Shared.Rent(WindowCapacity(chunkBytes));
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
#pragma warning disable CA5351 // WeCom's file operation records identify files by MD5: an identifier here, not a security control.
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
        var hashing = Task.CompletedTask;
        try
        {
            var decoder = StrictUtf8.GetDecoder();
            var matches = new List<SensitiveMatch>();
            var findings = new List<SensitiveFinding>();
            var starts = new List<long>();
            long size = 0;
            long windowStart = 0;
            var length = 0;
            var position = 0;
            var line = 1L;
            var counted = 0;
            var first = true;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = ReadFull(content, reading, chunkBytes);
                var final = read < chunkBytes;
                var bytes = reading.AsSpan(0, read);
                if (first)
                {
                    if (!IsUtf8Text(bytes, source))
                    {
                        return null;
                    }

                    if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                    {
                        bytes = bytes[3..];
                    }

                    first = false;
                }

                // Hash this chunk on another core while it is decoded and scanned; appends stay in file order.
                hashing.Wait(cancellationToken);
                (reading, hashed) = (hashed, reading);
                var chunk = hashed;
                if (read < InlineHashBytes)
                {
                    sha.AppendData(chunk, 0, read);
                    md5.AppendData(chunk, 0, read);
                }
                else
                {
                    hashing = Task.Run(() =>
                    {
                        sha.AppendData(chunk, 0, read);
                        md5.AppendData(chunk, 0, read);
                    }, CancellationToken.None);
                }

                size += read;

                int decoded;
                try
                {
                    decoded = decoder.GetChars(bytes, original.AsSpan(length), flush: final);
                }
                catch (DecoderFallbackException)
                {
                    return null;
                }

                TextFolding.Fold(original.AsSpan(length, decoded), folded.AsSpan(length));
                length += decoded;

                var stopAt = final ? length : Math.Max(position, length - ContextAfter);
                matches.Clear();
                position = SensitiveTextScanner.ScanFolded(folded.AsSpan(0, length), position, stopAt, matches);

                // Email matches are found at '@', after tokens inside them: in offset order for line counting.
                matches.Sort(static (a, b) => a.Start.CompareTo(b.Start));
                foreach (var match in matches)
                {
                    line += match.Start >= counted
                        ? original.AsSpan(counted, match.Start - counted).Count('\n')
                        : -original.AsSpan(match.Start, counted - match.Start).Count('\n');
                    counted = match.Start;
                    TextFindingBuilder.AddFinding(original.AsSpan(match.Start, match.Length), match, source, fingerprinter, TextFindingBuilder.LineLocation(line), findings);
                    starts.Add(windowStart + match.Start);
                }

                if (final)
                {
                    break;
                }

                // Once the next chunk would not fit, keep only the context around the pass position (and the unscanned end).
                if (WindowCapacity(chunkBytes) - length >= chunkBytes + 16)
                {
                    continue;
                }

                var keepFrom = Math.Max(0, position - ContextBefore);
                if (counted < keepFrom)
                {
                    line += original.AsSpan(counted, keepFrom - counted).Count('\n');
                    counted = keepFrom;
                }

                original.AsSpan(keepFrom, length - keepFrom).CopyTo(original);
                folded.AsSpan(keepFrom, length - keepFrom).CopyTo(folded);
                length -= keepFrom;
                position -= keepFrom;
                counted -= keepFrom;
                windowStart += keepFrom;
            }

            hashing.Wait(cancellationToken);
            return new StreamedText(InOffsetOrder(findings, starts), Convert.ToHexStringLower(sha.GetHashAndReset()), Convert.ToHexStringLower(md5.GetHashAndReset()), size);
        }
        finally
        {
            // The hashing task reads a rented buffer: it must be done before the buffer goes back to the pool.
            try
            {
                hashing.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Only the buffers matter here; a hashing failure surfaces from the first wait.
            }

            ArrayPool<byte>.Shared.Return(reading);
            ArrayPool<byte>.Shared.Return(hashed);
            ArrayPool<char>.Shared.Return(original);
            ArrayPool<char>.Shared.Return(folded);
        }
    }

    /// <summary>What a whole-file scan decides from the same first bytes: text, and not UTF-16 (by BOM or by its zero bytes).</summary>
    private static bool IsUtf8Text(ReadOnlySpan<byte> head, string source) =>
        FileKindDetector.Detect(head, source) == FileKind.Text
        && !head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
        && !head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
        && !FileKindDetector.LooksLikeUtf16(head, out _);

    private static int ReadFull(Stream content, byte[] buffer, int count)
    {
        var total = 0;
        int read;
        while (total < count && (read = content.Read(buffer, total, count - total)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>
    /// Findings in offset order, as a whole-text scan lists them: an email that starts in one window but was found in the
    /// next (its '@' past the pass's stop) can come after a value found inside it in the window before.
    /// </summary>
    private static List<SensitiveFinding> InOffsetOrder(List<SensitiveFinding> findings, List<long> starts)
    {
        for (var i = 1; i < starts.Count; i++)
        {
            if (starts[i] < starts[i - 1])
            {
                var order = Enumerable.Range(0, findings.Count).OrderBy(k => starts[k]).ToList();
                return order.ConvertAll(k => findings[k]);
            }
        }

        return findings;
    }
}

/// <summary>A streamed text file's findings, hashes and size.</summary>
internal sealed record StreamedText(List<SensitiveFinding> Findings, string Sha256, string Md5, long Size);
