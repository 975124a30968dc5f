using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Drawing = DocumentFormat.OpenXml.Drawing;
using Presentation = DocumentFormat.OpenXml.Presentation;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Text of docx (body, tables, headers, footers, notes, comments), xlsx (sheet names, shared and inline strings, numbers
/// as digits, comments) and pptx (slides and notes). Every part is read forward with <see cref="OpenXmlReader"/>, never
/// loaded as a DOM, into an <see cref="ExtractedTextBuilder"/> that stops at the memory budget. The names of the parts
/// read are added to <c>read</c>, so that the caller scans every other part as an archive member.
/// </summary>
internal static class OfficeTextExtractor
{
    private static OpenSettings Settings(long maxCharacters) => new() { MaxCharactersInPart = maxCharacters };

    public static void Docx(Stream stream, long maxCharacters, ExtractedTextBuilder text, ISet<string> read, CancellationToken cancellationToken)
    {
        using var document = WordprocessingDocument.Open(stream, false, Settings(maxCharacters));
        if (document.MainDocumentPart is not { } main)
        {
            return;
        }

        AppendText(text, main, typeof(Word.Paragraph), read, cancellationToken);
        foreach (var part in main.HeaderParts.Cast<OpenXmlPart>().Concat(main.FooterParts))
        {
            AppendText(text, part, typeof(Word.Paragraph), read, cancellationToken);
        }

        AppendText(text, main.FootnotesPart, typeof(Word.Paragraph), read, cancellationToken);
        AppendText(text, main.EndnotesPart, typeof(Word.Paragraph), read, cancellationToken);
        AppendText(text, main.WordprocessingCommentsPart, typeof(Word.Paragraph), read, cancellationToken);
    }

    /// <summary>Appends the text of every leaf text element of a part, with a line break after each <paramref name="lineElement"/>.</summary>
    private static void AppendText(ExtractedTextBuilder text, OpenXmlPart? part, Type lineElement, ISet<string> read, CancellationToken cancellationToken)
    {
        if (part is null)
        {
            return;
        }

        read.Add(PartName(part));
        using var reader = OpenXmlReader.Create(part);
        while (!text.IsFull && reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.IsStartElement)
            {
                if (typeof(OpenXmlLeafTextElement).IsAssignableFrom(reader.ElementType))
                {
                    text.Append(reader.GetText());
                }
            }
            else if (reader.IsEndElement && reader.ElementType == lineElement)
            {
                text.Append('\n');
            }
        }
    }

    private static string PartName(OpenXmlPart part) => OfficeContentTypes.PartName(part.Uri.OriginalString);

    public static void Xlsx(Stream stream, long maxCharacters, ExtractedTextBuilder text, ISet<string> read, ArchiveBudget budget, CancellationToken cancellationToken)
    {
        using var document = SpreadsheetDocument.Open(stream, false, Settings(maxCharacters));
        if (document.WorkbookPart is not { } workbook)
        {
            return;
        }

        read.Add(PartName(workbook));
        var sheets = new List<(string Name, string Id)>();
        using (var reader = OpenXmlReader.Create(workbook))
        {
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reader.IsStartElement && reader.ElementType == typeof(Sheet) && reader.LoadCurrentElement() is Sheet { Id.Value: { } id } sheet)
                {
                    sheets.Add((sheet.Name?.Value ?? "sheet", id));
                }
            }
        }

        long sharedHeld = 0;
        try
        {
            var shared = SharedStrings(workbook.SharedStringTablePart, read, budget, ref sharedHeld, cancellationToken);
            foreach (var (name, id) in sheets)
            {
                if (text.IsFull)
                {
                    return;
                }

                if (workbook.GetPartById(id) is not WorksheetPart part)
                {
                    continue;
                }

                read.Add(PartName(part));
                text.Anchor(name);
                text.Append(name).Append('\n');
                using (var reader = OpenXmlReader.Create(part))
                {
                    while (!text.IsFull && reader.Read())
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
                                text.Anchor(name + "!" + cell.CellReference?.Value);
                                text.Append(value).Append('\t');
                            }
                        }
                    }
                }

                if (part.WorksheetCommentsPart is { } comments)
                {
                    text.Anchor(name + " comments");
                    AppendText(text, comments, typeof(Comment), read, cancellationToken);
                }
            }
        }
        finally
        {
            budget.Release(sharedHeld);
        }
    }

    /// <summary>The shared-string table, read once, forward, each string held against the memory budget.</summary>
    private static List<string> SharedStrings(SharedStringTablePart? part, ISet<string> read, ArchiveBudget budget, ref long held, CancellationToken cancellationToken)
    {
        var strings = new List<string>();
        if (part is null)
        {
            return strings;
        }

        read.Add(PartName(part));
        var item = new System.Text.StringBuilder();
        var inItem = false;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.ElementType == typeof(SharedStringItem))
            {
                if (reader.IsStartElement)
                {
                    inItem = true;
                    item.Clear();
                    continue;
                }

                // The string, its list slot and the object header.
                var cost = (item.Length * 2L) + 40;
                budget.Hold(cost, "the shared-string table");
                held += cost;
                strings.Add(item.ToString());
                inItem = false;
            }
            else if (inItem && reader.IsStartElement && typeof(OpenXmlLeafTextElement).IsAssignableFrom(reader.ElementType))
            {
                item.Append(reader.GetText());
                if (item.Length * 2L > budget.Available)
                {
                    budget.Hold(item.Length * 2L, "a shared string");
                }
            }
        }

        return strings;
    }

    private static string? CellText(Cell cell, List<string> shared)
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
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count ? shared[index] : null;
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

    public static void Pptx(Stream stream, long maxCharacters, ExtractedTextBuilder text, ISet<string> read, CancellationToken cancellationToken)
    {
        using var document = PresentationDocument.Open(stream, false, Settings(maxCharacters));
        if (document.PresentationPart is not { } presentation)
        {
            return;
        }

        read.Add(PartName(presentation));
        var slideIds = new List<string>();
        using (var reader = OpenXmlReader.Create(presentation))
        {
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reader.IsStartElement && reader.ElementType == typeof(Presentation.SlideId))
                {
                    slideIds.Add(((Presentation.SlideId)reader.LoadCurrentElement()!).RelationshipId?.Value ?? string.Empty);
                }
            }
        }

        var number = 0;
        foreach (var relationship in slideIds)
        {
            number++;
            if (text.IsFull)
            {
                return;
            }

            if (relationship.Length == 0 || presentation.GetPartById(relationship) is not SlidePart slide)
            {
                continue;
            }

            text.Anchor("slide " + number.ToString(CultureInfo.InvariantCulture));
            AppendText(text, slide, typeof(Drawing.Paragraph), read, cancellationToken);
            AppendText(text, slide.NotesSlidePart, typeof(Drawing.Paragraph), read, cancellationToken);
        }
    }
}
