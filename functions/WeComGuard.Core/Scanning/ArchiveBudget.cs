using System.Buffers;
using System.Globalization;
using System.IO.Compression;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Zip-bomb limits for one scanned file, shared by its nested archives: entries, and bytes counted while inflating
/// (headers can lie), with a per-entry compression ratio. Breaking a limit throws <see cref="ScanRejectedException"/>.
/// </summary>
internal sealed class ArchiveBudget(ScanningOptions options, List<(ExtractedText Text, string Source)>? texts = null)
{
    /// <summary>Extracted texts kept for the second stage (null when it is off).</summary>
    public List<(ExtractedText Text, string Source)>? Texts => texts;

    private const long RatioCheckThreshold = 1024 * 1024;
    private long _totalBytes;
    private int _entries;

    public void CountEntry()
    {
        if (++_entries > options.MaxArchiveEntries)
        {
            throw new ScanRejectedException(string.Create(CultureInfo.InvariantCulture, $"archive holds more than {options.MaxArchiveEntries} entries"));
        }
    }

    /// <summary>Inflates an entry, counting every byte; returns the bytes when <paramref name="keep"/> is set.</summary>
    public byte[]? Inflate(ZipArchiveEntry entry, bool keep, CancellationToken cancellationToken)
    {
        using var source = entry.Open();
        using var kept = keep ? new MemoryStream() : null;
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long entryBytes = 0;
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                entryBytes += read;
                _totalBytes += read;
                if (_totalBytes > options.MaxArchiveTotalBytes)
                {
                    throw new ScanRejectedException(string.Create(CultureInfo.InvariantCulture, $"archive inflates to more than {options.MaxArchiveTotalBytes} bytes"));
                }

                if (entryBytes > RatioCheckThreshold && entryBytes > options.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                {
                    throw new ScanRejectedException(string.Create(CultureInfo.InvariantCulture, $"archive entry exceeds the {options.MaxCompressionRatio}:1 compression ratio limit"));
                }

                if (keep && entryBytes > options.MaxFileBytes)
                {
                    throw new ScanRejectedException(string.Create(CultureInfo.InvariantCulture, $"archive entry is larger than {options.MaxFileBytes} bytes"));
                }

                kept?.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return kept?.ToArray();
    }

    /// <summary>Counts a whole package (an Office file) against the limits before a parser inflates it.</summary>
    public void Check(ZipArchive archive, CancellationToken cancellationToken)
    {
        foreach (var entry in archive.Entries)
        {
            CountEntry();
            Inflate(entry, keep: false, cancellationToken);
        }
    }
}
