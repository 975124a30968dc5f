using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace WeComGuard.Core.Audits.Roster;

/// <summary>Reads the first worksheet of an XLSX roster: shared and inline strings, numbers, and date cells as yyyy-MM-dd.</summary>
internal static class RosterXlsxReader
{
    /// <summary>
    /// Cells kept per row. A roster has ten columns; a cell further right with a value makes the row a problem, an empty
    /// one is ignored, so one bogus reference (<c>ZZZZZZ30</c>) cannot fill a row with millions of empty cells.
    /// </summary>
    internal const int MaxColumns = 64;

    /// <summary>Excel's last column, XFD: a reference past it is not a cell reference at all.</summary>
    internal const int ExcelMaxColumns = 16_384;

    /// <summary>Any damage to the workbook (not a zip, a missing or mistyped sheet part, a DTD, malformed XML) is a <see cref="RosterFormatException"/>.</summary>
    public static IReadOnlyList<RosterRecord> Read(Stream stream)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(stream, false);
            return Read(document);
        }
        catch (Exception error) when (error is not (RosterFormatException or OutOfMemoryException or OperationCanceledException))
        {
            // The exception type says what broke (XmlException for a DTD or bad XML, InvalidDataException for a bad zip,
            // KeyNotFoundException for a broken relationship); the message never holds cell values.
            throw new RosterFormatException($"The roster is not a readable XLSX workbook ({error.GetType().Name}: {error.Message}).", error);
        }
    }

    private static List<RosterRecord> Read(SpreadsheetDocument document)
    {
        var workbookPart = document.WorkbookPart ?? throw new RosterFormatException("The roster is not a readable XLSX workbook: it has no workbook part.");
        var sheet = workbookPart.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
            ?? throw new RosterFormatException("The roster is not a readable XLSX workbook: it has no worksheet.");
        var sheetId = sheet.Id?.Value ?? throw new RosterFormatException("The roster is not a readable XLSX workbook: its first sheet names no part.");
        if (workbookPart.GetPartById(sheetId) is not WorksheetPart worksheetPart)
        {
            throw new RosterFormatException("The roster is not a readable XLSX workbook: its first sheet is not a worksheet part.");
        }

        var sharedStrings = workbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(item => item.InnerText).ToArray() ?? [];
        var dateStyles = DateStyleIndexes(workbookPart);
        var records = new List<RosterRecord>();
        foreach (var row in worksheetPart.Worksheet.Descendants<Row>())
        {
            var cells = new List<string>();
            string? problem = null;
            foreach (var cell in row.Elements<Cell>())
            {
                var reference = cell.CellReference?.Value;
                var column = ColumnIndex(reference) ?? cells.Count;
                var text = CellText(cell, sharedStrings, dateStyles);
                if (column >= MaxColumns)
                {
                    if (column >= ExcelMaxColumns)
                    {
                        problem ??= $"cell reference {Shorten(reference)} is past Excel's last column (XFD)";
                    }
                    else if (!string.IsNullOrWhiteSpace(text))
                    {
                        problem ??= string.Create(CultureInfo.InvariantCulture, $"cell {Shorten(reference)} has a value past column {MaxColumns}");
                    }

                    continue;
                }

                while (cells.Count < column)
                {
                    cells.Add(string.Empty);
                }

                if (column < cells.Count)
                {
                    // A repeated or out-of-order reference: the later cell wins, the row keeps its width.
                    cells[column] = text;
                    continue;
                }

                cells.Add(text);
            }

            if (problem is null && cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            records.Add(new RosterRecord((int)(row.RowIndex?.Value ?? (uint)(records.Count + 1)), cells, problem));
        }

        return records;
    }

    private static string Shorten(string? reference) => reference is null ? "(none)" : reference.Length <= 16 ? reference : reference[..16] + "…";

    private static string CellText(Cell cell, string[] sharedStrings, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text ?? string.Empty;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < sharedStrings.Length
                ? sharedStrings[index]
                : string.Empty;
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }

        if ((type is null || type == CellValues.Number) && cell.StyleIndex?.Value is { } style && dateStyles.Contains(style)
            && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958466)
        {
            return DateTime.FromOADate(serial).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return raw;
    }

    // Built-in date formats 14–22 and 45–47, plus custom formats that look like dates.
    private static HashSet<uint> DateStyleIndexes(WorkbookPart workbookPart)
    {
        var result = new HashSet<uint>();
        var stylesheet = workbookPart.WorkbookStylesPart?.Stylesheet;
        if (stylesheet?.CellFormats is null)
        {
            return result;
        }

        var customDateFormats = stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(format => format.FormatCode?.Value is { } code && LooksLikeDate(code))
            .Select(format => format.NumberFormatId!.Value)
            .ToHashSet() ?? [];
        uint index = 0;
        foreach (var format in stylesheet.CellFormats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (id is (>= 14 and <= 22) or (>= 45 and <= 47) || customDateFormats.Contains(id))
            {
                result.Add(index);
            }

            index++;
        }

        return result;
    }

    private static bool LooksLikeDate(string code)
    {
        var lower = code.ToLowerInvariant();
        return lower.Contains('y', StringComparison.Ordinal) || (lower.Contains('d', StringComparison.Ordinal) && lower.Contains('m', StringComparison.Ordinal));
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }

            // Past Excel's last column the exact index no longer matters (and would overflow).
            index = Math.Min((index * 26) + (c - 'A' + 1), ExcelMaxColumns + 1);
        }

        return index == 0 ? null : index - 1;
    }
}
