using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// PdfPig's filters with limits: Flate data is first inflated into a scratch buffer, counting and checking for
/// cancellation, and refused past <see cref="ScanningOptions.MaxPdfStreamBytes"/> or the memory budget before PdfPig
/// inflates it; every filter's output is counted too. A refusal throws <see cref="ScanBudgetExceededException"/> and is
/// remembered in <see cref="Exceeded"/> in case the parser swallows it.
/// </summary>
internal sealed class BoundedPdfFilters : BaseFilterProvider
{
    private static readonly string[] Names =
    [
        "ASCII85Decode", "A85", "ASCIIHexDecode", "AHx", "CCITTFaxDecode", "CCF", "DCTDecode", "DCT", "FlateDecode", "Fl",
        "JBIG2Decode", "JPXDecode", "LZWDecode", "LZW", "RunLengthDecode", "RL",
    ];

    private readonly DecodeLimits _limits;

    public BoundedPdfFilters(ArchiveBudget budget, CancellationToken cancellationToken)
        : this(new DecodeLimits(budget, cancellationToken))
    {
    }

    private BoundedPdfFilters(DecodeLimits limits)
        : base(Names.ToDictionary(
            name => name,
            name => (IFilter)new Bounded(limits, DefaultFilterProvider.Instance.GetNamedFilters([NameToken.Create(name)])[0], name is "FlateDecode" or "Fl"),
            StringComparer.Ordinal))
    {
        _limits = limits;
    }

    /// <summary>Decoded bytes of the current page's streams.</summary>
    public long PageBytes => _limits.PageBytes;

    /// <summary>Why a stream of the current page was refused (null if none was).</summary>
    public string? Exceeded => _limits.Exceeded;

    public void StartPage() => _limits.Reset();

    public void EndPage() => _limits.Reset();

    private sealed class DecodeLimits(ArchiveBudget budget, CancellationToken cancellationToken)
    {
        public long PageBytes { get; private set; }

        public string? Exceeded { get; private set; }

        public CancellationToken CancellationToken => cancellationToken;

        public void Reset()
        {
            PageBytes = 0;
            Exceeded = null;
        }

        private long MaxStream => budget.Options.MaxPdfStreamBytes;

        private string StreamReason => string.Create(CultureInfo.InvariantCulture, $"a PDF stream decodes to more than {MaxStream} bytes");

        private string BudgetReason => string.Create(CultureInfo.InvariantCulture, $"a page's PDF streams would take the scan past its {budget.Options.MaxMemoryBytes}-byte memory budget");

        public void Count(long bytes)
        {
            PageBytes += bytes;
            if (bytes > MaxStream)
            {
                Refuse(StreamReason);
            }

            // The page's decoded streams and what the parser builds from them.
            if (PageBytes * 2 > budget.Available)
            {
                Refuse(BudgetReason);
            }
        }

        /// <summary>Inflates into a scratch buffer up to the limit; the data is not kept.</summary>
        public void CheckInflate(Memory<byte> input)
        {
            var limit = Math.Min(MaxStream, Math.Max(0, (budget.Available / 2) - PageBytes));
            var span = input.Span;

            // PdfPig skips a two-byte zlib header and inflates the raw deflate data after it.
            var offset = span.Length >= 2 && (span[0] & 0x0F) == 8 && ((span[0] << 8) | span[1]) % 31 == 0 ? 2 : 0;
            var data = MemoryMarshal.TryGetArray<byte>(input[offset..], out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(input[offset..].ToArray(), writable: false);
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                using var inflater = new DeflateStream(data, CompressionMode.Decompress);
                long total = 0;
                int read;
                while ((read = inflater.Read(buffer, 0, buffer.Length)) > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    total += read;
                    if (total > limit)
                    {
                        Refuse(total > MaxStream ? StreamReason : BudgetReason);
                    }
                }
            }
            catch (InvalidDataException)
            {
                // Damaged data: PdfPig decides what it yields, and its output is counted.
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private void Refuse(string reason)
        {
            Exceeded = reason;
            throw new ScanBudgetExceededException(reason);
        }
    }

    private sealed class Bounded(DecodeLimits limits, IFilter inner, bool inflates) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            limits.CancellationToken.ThrowIfCancellationRequested();
            if (inflates)
            {
                limits.CheckInflate(input);
            }

            var output = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            limits.Count(output.Length);
            return output;
        }
    }
}
