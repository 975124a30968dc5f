using System.Buffers;
using System.Globalization;
using System.IO.Compression;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Limits for one scanned file, shared by its nested archives and parts. Zip bombs: entries, and bytes counted while
/// inflating (headers can lie), with a per-entry compression ratio; breaking one throws <see cref="ScanRejectedException"/>.
/// Memory: what the scan holds (the file, inflated members, decompressed PDF streams, shared strings, extracted text) is
/// counted against <see cref="ScanningOptions.MaxMemoryBytes"/>; breaking it throws <see cref="ScanBudgetExceededException"/>.
/// </summary>
internal sealed class ArchiveBudget(ScanningOptions options, List<(ExtractedText Text, string Source)>? texts = null)
{
    /// <summary>What one character of extracted text costs while it is built and scanned (the builder's chunks and the final string).</summary>
    public const int BytesPerTextCharacter = 4;

    /// <summary>Extracted texts kept for the second stage (null when it is off).</summary>
    public List<(ExtractedText Text, string Source)>? Texts => texts;

    private const long RatioCheckThreshold = 1024 * 1024;
    private long _totalBytes;
    private int _entries;
    private long _held;

    public ScanningOptions Options => options;

    /// <summary>Bytes still free in the memory budget.</summary>
    public long Available => options.MaxMemoryBytes - _held;

    /// <summary>Counts <paramref name="bytes"/> as held until <see cref="Release"/>; throws when the budget would be broken.</summary>
    public void Hold(long bytes, string what)
    {
        if (bytes > Available)
        {
            throw new ScanBudgetExceededException(string.Create(CultureInfo.InvariantCulture,
                $"{what} would take the scan past its {options.MaxMemoryBytes}-byte memory budget"));
        }

        _held += bytes;
    }

    public void Release(long bytes) => _held = Math.Max(0, _held - bytes);

    public void CountEntry()
    {
        if (++_entries > options.MaxArchiveEntries)
        {
            throw new ScanRejectedException(string.Create(CultureInfo.InvariantCulture, $"archive holds more than {options.MaxArchiveEntries} entries"));
        }
    }

    /// <summary>
    /// Inflates an entry, counting every byte; returns the bytes when <paramref name="keep"/> is set. Kept bytes are held
    /// against the memory budget: the caller releases them (<see cref="Release"/>) once it is done with them.
    /// </summary>
    public byte[]? Inflate(ZipArchiveEntry entry, bool keep, CancellationToken cancellationToken)
    {
        using var source = entry.Open();
        using var kept = keep ? new MemoryStream() : null;
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        long entryBytes = 0;
        try
        {
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

                if (kept is not null)
                {
                    // The stream's buffer and the array returned: twice the entry while it is copied out.
                    Hold(2L * read, "an archive entry");
                    kept.Write(buffer, 0, read);
                }
            }
        }
        catch
        {
            if (keep)
            {
                Release(2L * (kept?.Length ?? 0));
            }

            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (kept is null)
        {
            return null;
        }

        var bytes = kept.ToArray();
        Release(kept.Length);
        return bytes;
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
