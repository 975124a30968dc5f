using System.Globalization;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Text of a PDF, page by page (PdfPig, lenient parsing). An encrypted PDF throws PdfDocumentEncryptedException.
/// Every stream is decoded through <see cref="BoundedPdfFilters"/>: at most <see cref="ScanningOptions.MaxPdfStreamBytes"/>
/// per stream and the memory budget per document, checked while inflating, so a deflate bomb stops at the limit. A page
/// over a limit is left out and named; the result says why (<see cref="Omitted"/>).
/// </summary>
internal static class PdfTextExtractor
{
    /// <summary>What the decoded streams of a page may cost beyond their bytes: PdfPig keeps a letter object per glyph.</summary>
    private const int PageCostPerDecodedByte = 8;

    public static string? Extract(byte[] bytes, ExtractedTextBuilder text, ArchiveBudget budget, CancellationToken cancellationToken)
    {
        var filters = new BoundedPdfFilters(budget, cancellationToken);
        using var document = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true, FilterProvider = filters });
        var omitted = new List<int>();
        string? reason = null;
        for (var number = 1; number <= document.NumberOfPages && !text.IsFull; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            filters.StartPage();
            try
            {
                var page = document.GetPage(number);
                budget.Hold(filters.PageBytes * PageCostPerDecodedByte, "a page's content");
                try
                {
                    var pageText = ContentOrderTextExtractor.GetText(page);
                    if (filters.Exceeded is not null)
                    {
                        // PdfPig may swallow a decoding error on a lenient parse: the limit still leaves the page out.
                        throw new ScanBudgetExceededException(filters.Exceeded);
                    }

                    text.Anchor("page " + number.ToString(CultureInfo.InvariantCulture));
                    text.Append(pageText).Append('\n');
                }
                finally
                {
                    budget.Release(filters.PageBytes * PageCostPerDecodedByte);
                }
            }
            catch (ScanBudgetExceededException limit)
            {
                omitted.Add(number);
                reason = limit.Message;
            }
            finally
            {
                filters.EndPage();
            }
        }

        return omitted.Count == 0 ? null : string.Create(CultureInfo.InvariantCulture,
            $"page(s) {string.Join(", ", omitted.Take(10))}{(omitted.Count > 10 ? ", …" : string.Empty)} not scanned: {reason}");
    }
}
