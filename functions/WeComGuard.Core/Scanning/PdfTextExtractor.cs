using System.Globalization;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace WeComGuard.Core.Scanning;

/// <summary>Text of a PDF, page by page (PdfPig, lenient parsing). An encrypted PDF throws PdfDocumentEncryptedException.</summary>
internal static class PdfTextExtractor
{
    public static ExtractedText Extract(byte[] bytes, CancellationToken cancellationToken)
    {
        using var document = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        var text = new StringBuilder();
        var anchors = new List<TextAnchor>();
        foreach (var page in document.GetPages())
        {
            cancellationToken.ThrowIfCancellationRequested();
            anchors.Add(new TextAnchor(text.Length, "page " + page.Number.ToString(CultureInfo.InvariantCulture)));
            text.Append(ContentOrderTextExtractor.GetText(page)).Append('\n');
        }

        return new ExtractedText(text.ToString(), anchors);
    }
}
