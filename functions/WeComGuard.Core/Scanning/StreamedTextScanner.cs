using System.Buffers;
using System.Collections.Concurrent;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Scans a UTF-8 text file as a stream, so memory stays flat whatever its size: each chunk is read, hashed (SHA-256 and
/// MD5) and decoded on another core while this one scans the chunk before, in a window that carries the text around the
/// detector pass over from the chunk before that. The pass continues window after window where it stopped, so the
/// findings are those of one pass over the whole text (<see cref="TextFindingBuilder.AddFindings"/>), line numbers
/// included.
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

    /// <summary>
    /// Memory a streamed scan holds for <paramref name="chunkBytes"/>-byte chunks: the read buffer, two decoded chunks (one
    /// being read while the other is scanned) and two character windows.
    /// </summary>
    public static long HeldBytes(int chunkBytes) =>
        chunkBytes + (2L * sizeof(char) * Utf8ChunkReader.CharsPerChunk(chunkBytes)) + (2L * sizeof(char) * WindowCapacity(chunkBytes));

    /// <summary>Room for a chunk's characters after the carried context; small chunks share a 64 K window.</summary>
    private static int WindowCapacity(int chunkBytes) => Math.Max(Utf8ChunkReader.CharsPerChunk(chunkBytes), 64 * 1024) + ContextBefore + ContextAfter + 16;

    /// <summary>
    /// The findings, hashes and size of <paramref name="content"/> read from its position to its end; null when it is not
    /// UTF-8 text (another kind of file, a UTF-16 BOM or layout, or an invalid UTF-8 sequence anywhere): the caller then
    /// scans it whole, which is what decides between GB18030 and the other kinds. Nothing reads
    /// <paramref name="content"/> once this returns.
    /// </summary>
    public static StreamedText? Scan(Stream content, string source, int chunkBytes, FindingFingerprinter fingerprinter, CancellationToken cancellationToken) =>
        Scan(content, source, chunkBytes, fingerprinter, int.MaxValue, cancellationToken);

    /// <summary>The same, with the first <paramref name="maxListed"/> findings listed and the rest only counted.</summary>
    public static StreamedText? Scan(Stream content, string source, int chunkBytes, FindingFingerprinter fingerprinter, int maxListed, CancellationToken cancellationToken)
    {
        using var reader = new Utf8ChunkReader(content, source, chunkBytes);
        var whole = content.CanSeek && content.Length - content.Position < chunkBytes;
        using var findings = whole ? StreamedFindings.Inline(source, fingerprinter, maxListed) : StreamedFindings.OnItsOwnThread(source, fingerprinter, maxListed);
        using var window = new ScanWindow(chunkBytes, findings);
        var done = whole ? ScanInline(reader, window, chunkBytes, cancellationToken) : ScanPipelined(reader, window, chunkBytes, cancellationToken);
        if (!done)
        {
            return null;
        }

        var (listed, notListed) = findings.Complete();
        return new StreamedText(listed, notListed, reader.Sha256(), reader.Md5(), reader.Size);
    }

    /// <summary>A file of one chunk: read and scanned on this thread, where handing the chunk over would cost more than it saves.</summary>
    private static bool ScanInline(Utf8ChunkReader reader, ScanWindow window, int chunkBytes, CancellationToken cancellationToken)
    {
        var chars = new char[Utf8ChunkReader.CharsPerChunk(chunkBytes)];
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!reader.Read(chars, out var length, out var final))
            {
                return false;
            }

            window.Add(chars.AsSpan(0, length), final);
            if (final)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Reading, hashing and decoding on another thread, one chunk ahead of the scan on this one, with two chunk buffers
    /// passed back and forth: the scan's findings are those of <see cref="ScanInline"/> whatever the timing.
    /// </summary>
    private static bool ScanPipelined(Utf8ChunkReader reader, ScanWindow window, int chunkBytes, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var free = new BlockingCollection<char[]>();
        using var decoded = new BlockingCollection<DecodedChunk>();
        free.Add(new char[Utf8ChunkReader.CharsPerChunk(chunkBytes)], CancellationToken.None);
        free.Add(new char[Utf8ChunkReader.CharsPerChunk(chunkBytes)], CancellationToken.None);

        // A thread of its own: a scan blocks on it, and a pool thread could be queued behind the scans that wait for it.
        var reading = Task.Factory.StartNew(() => ReadAhead(reader, free, decoded, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var chunk in decoded.GetConsumingEnumerable(stop.Token))
            {
                if (chunk.Chars is null)
                {
                    return false;
                }

                window.Add(chunk.Chars.AsSpan(0, chunk.Length), chunk.Final);
                free.Add(chunk.Chars, CancellationToken.None);
                if (chunk.Final)
                {
                    return true;
                }

                cancellationToken.ThrowIfCancellationRequested();
            }

            // The reader stopped without a last chunk: its failure (an I/O error) is the scan's.
            reading.GetAwaiter().GetResult();
            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException("The streamed scan's reader stopped before the end of the file.");
        }
        finally
        {
            // The caller may read the stream again (the whole-file scan): the reader must be done with it first.
            stop.Cancel();
            try
            {
                reading.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Surfaced above when it decides the result; here only the wait matters.
            }
        }
    }

    private static void ReadAhead(Utf8ChunkReader reader, BlockingCollection<char[]> free, BlockingCollection<DecodedChunk> decoded, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                var chars = free.Take(stop);
                if (!reader.Read(chars, out var length, out var final))
                {
                    decoded.Add(default, CancellationToken.None);
                    return;
                }

                decoded.Add(new DecodedChunk(chars, length, final), CancellationToken.None);
                if (final)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The scan stopped (time limit, or it is done): nothing more to read.
        }
        finally
        {
            decoded.CompleteAdding();
        }
    }

    /// <summary>One decoded chunk; no characters when the file turned out not to be UTF-8 text.</summary>
    private readonly record struct DecodedChunk(char[]? Chars, int Length, bool Final);

    /// <summary>
    /// The text around the pass position, original and folded, fed chunk by chunk: the pass continues window after window
    /// where it stopped, and each match goes to <paramref name="findings"/> with its line.
    /// </summary>
    private sealed class ScanWindow(int chunkBytes, StreamedFindings findings) : IDisposable
    {
        private readonly char[] _original = ArrayPool<char>.Shared.Rent(WindowCapacity(chunkBytes));
        private readonly char[] _folded = ArrayPool<char>.Shared.Rent(WindowCapacity(chunkBytes));
        private readonly List<SensitiveMatch> _matches = [];
        private long _windowStart;
        private int _length;
        private int _position;
        private long _line = 1;
        private int _counted;

        public void Add(ReadOnlySpan<char> chars, bool final)
        {
            chars.CopyTo(_original.AsSpan(_length));
            TextFolding.Fold(chars, _folded.AsSpan(_length));
            _length += chars.Length;

            var stopAt = final ? _length : Math.Max(_position, _length - ContextAfter);
            _matches.Clear();
            _position = SensitiveTextScanner.ScanFolded(_folded.AsSpan(0, _length), _position, stopAt, _matches);

            // Email matches are found at '@', after tokens inside them: in offset order for line counting.
            _matches.Sort(SensitiveMatch.CompareInTextOrder);
            foreach (var match in _matches)
            {
                _line += match.Start >= _counted
                    ? _original.AsSpan(_counted, match.Start - _counted).Count('\n')
                    : -_original.AsSpan(match.Start, _counted - match.Start).Count('\n');
                _counted = match.Start;
                findings.Add(_original.AsSpan(match.Start, match.Length), match, _line, _windowStart + match.Start);
            }

            findings.EndWindow();

            // Once the next chunk would not fit, keep only the context around the pass position (and the unscanned end).
            if (final || WindowCapacity(chunkBytes) - _length >= Utf8ChunkReader.CharsPerChunk(chunkBytes) + 16)
            {
                return;
            }

            var keepFrom = Math.Max(0, _position - ContextBefore);
            if (_counted < keepFrom)
            {
                _line += _original.AsSpan(_counted, keepFrom - _counted).Count('\n');
                _counted = keepFrom;
            }

            _original.AsSpan(keepFrom, _length - keepFrom).CopyTo(_original);
            _folded.AsSpan(keepFrom, _length - keepFrom).CopyTo(_folded);
            _length -= keepFrom;
            _position -= keepFrom;
            _counted -= keepFrom;
            _windowStart += keepFrom;
        }

        public void Dispose()
        {
            ArrayPool<char>.Shared.Return(_original);
            ArrayPool<char>.Shared.Return(_folded);
        }
    }
}

/// <summary>A streamed text file's findings (listed, and counted past the list), hashes and size.</summary>
internal sealed record StreamedText(List<SensitiveFinding> Findings, IReadOnlyList<FindingTally> NotListed, string Sha256, string Md5, long Size);
