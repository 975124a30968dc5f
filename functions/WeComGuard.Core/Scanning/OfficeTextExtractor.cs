using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Drawing = DocumentFormat.OpenXml.Drawing;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace WeComGuard.Core.Scanning;

/// <summary>Text of docx (body, tables, headers, footers, notes, comments), xlsx (sheet names, shared and inline strings, numbers as digits, comments) and pptx (slides and notes).</summary>
internal static class OfficeTextExtractor
{
    private static OpenSettings Settings(long maxCharacters) => new() { MaxCharactersInPart = maxCharacters };

    public static ExtractedText Docx(Stream stream, long maxCharacters, CancellationToken cancellationToken)
    {
        using var document = WordprocessingDocument.Open(stream, false, Settings(maxCharacters));
        var text = new StringBuilder();
        var main = document.MainDocumentPart;
        if (main is null)
        {
            return new ExtractedText(string.Empty);
        }

        AppendParagraphs(text, main.Document?.Body, cancellationToken);
        foreach (var header in main.HeaderParts)
        {
            AppendParagraphs(text, header.Header, cancellationToken);
        }

        foreach (var footer in main.FooterParts)
        {
            AppendParagraphs(text, footer.Footer, cancellationToken);
        }

        AppendParagraphs(text, main.FootnotesPart?.Footnotes, cancellationToken);
        AppendParagraphs(text, main.EndnotesPart?.Endnotes, cancellationToken);
        AppendParagraphs(text, main.WordprocessingCommentsPart?.Comments, cancellationToken);
        return new ExtractedText(text.ToString());
    }

    private static void AppendParagraphs(StringBuilder text, OpenXmlElement? root, CancellationToken cancellationToken)
    {
        if (root is null)
        {
            return;
        }

        foreach (var paragraph in root.Descendants<Word.Paragraph>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            text.Append(paragraph.InnerText).Append('\n');
        }
    }

    public static ExtractedText Xlsx(Stream stream, long maxCharacters, CancellationToken cancellationToken)
    {
        using var document = SpreadsheetDocument.Open(stream, false, Settings(maxCharacters));
        var workbook = document.WorkbookPart;
        var text = new StringBuilder();
        var anchors = new List<TextAnchor>();
        if (workbook?.Workbook?.Sheets is null)
        {
            return new ExtractedText(string.Empty);
        }

        var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(item => item.InnerText).ToArray() ?? [];
        foreach (var sheet in workbook.Workbook.Sheets.Elements<Sheet>())
        {
            var name = sheet.Name?.Value ?? "sheet";
            if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
            {
                continue;
            }

            anchors.Add(new TextAnchor(text.Length, name));
            text.Append(name).Append('\n');
            using (var reader = OpenXmlReader.Create(part))
            {
                while (reader.Read())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!reader.IsStartElement)
                    {
                        if (reader.ElementType == typeof(Row))
                        {
                            text.Append('\n');
                        }

                        continue;
                    }

                    if (reader.ElementType == typeof(Cell))
                    {
                        var cell = (Cell)reader.LoadCurrentElement()!;
                        var value = CellText(cell, shared);
                        if (!string.IsNullOrEmpty(value))
                        {
                            anchors.Add(new TextAnchor(text.Length, name + "!" + cell.CellReference?.Value));
                            text.Append(value).Append('\t');
                        }
                    }
                }
            }

            if (part.WorksheetCommentsPart?.Comments is { } comments)
            {
                anchors.Add(new TextAnchor(text.Length, name + " comments"));
                foreach (var comment in comments.Descendants<Comment>())
                {
                    text.Append(comment.InnerText).Append('\n');
                }
            }
        }

        return new ExtractedText(text.ToString(), anchors);
    }

    private static string? CellText(Cell cell, string[] shared)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText;
        }

        var raw = cell.CellValue?.Text;
        if (raw is null)
        {
            return null;
        }

        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Length ? shared[index] : null;
        }

        if (type == CellValues.Boolean || type == CellValues.Error)
        {
            return null;
        }

        if (type is null || type == CellValues.Number)
        {
            return NumberAsDigits(raw);
        }

        return raw;
    }

    /// <summary>Numbers as digits (13812345678, not 1.3812345678E+10), so identifiers in numeric cells are found.</summary>
    internal static string NumberAsDigits(string raw)
    {
        if (raw.AsSpan().IndexOfAny('E', 'e') < 0)
        {
            return raw;
        }

        return decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value.ToString("0.############################", CultureInfo.InvariantCulture)
            : raw;
    }

    public static ExtractedText Pptx(Stream stream, long maxCharacters, CancellationToken cancellationToken)
    {
        using var document = PresentationDocument.Open(stream, false, Settings(maxCharacters));
        var presentation = document.PresentationPart;
        var text = new StringBuilder();
        var anchors = new List<TextAnchor>();
        var slideIds = presentation?.Presentation?.SlideIdList?.Elements<DocumentFormat.OpenXml.Presentation.SlideId>() ?? [];
        var number = 0;
        foreach (var slideId in slideIds)
        {
            number++;
            if (slideId.RelationshipId?.Value is not { } relationship || presentation!.GetPartById(relationship) is not SlidePart slide)
            {
                continue;
            }

            anchors.Add(new TextAnchor(text.Length, "slide " + number.ToString(CultureInfo.InvariantCulture)));
            AppendDrawingParagraphs(text, slide.Slide, cancellationToken);
            AppendDrawingParagraphs(text, slide.NotesSlidePart?.NotesSlide, cancellationToken);
        }

        return new ExtractedText(text.ToString(), anchors);
    }

    private static void AppendDrawingParagraphs(StringBuilder text, OpenXmlElement? root, CancellationToken cancellationToken)
    {
        if (root is null)
        {
            return;
        }

        foreach (var paragraph in root.Descendants<Drawing.Paragraph>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            text.Append(paragraph.InnerText).Append('\n');
        }
    }
}
