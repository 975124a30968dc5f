using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace WeComGuard.Core.Audits.Roster;

/// <summary>Reads the first worksheet of an XLSX roster: shared and inline strings, numbers, and date cells as yyyy-MM-dd.</summary>
internal static class RosterXlsxReader
{
    public static IReadOnlyList<RosterRecord> Read(Stream stream)
    {
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(stream, false);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new RosterFormatException("The roster is not a readable XLSX workbook.", error);
        }

        using (document)
        {
            var workbookPart = document.WorkbookPart ?? throw new RosterFormatException("The XLSX roster has no workbook.");
            var sheet = workbookPart.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new RosterFormatException("The XLSX roster has no worksheet.");
            var worksheetPart = (WorksheetPart)workbookPart.GetPartById(sheet.Id!.Value!);
            var sharedStrings = workbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(item => item.InnerText).ToArray() ?? [];
            var dateStyles = DateStyleIndexes(workbookPart);
            var records = new List<RosterRecord>();
            foreach (var row in worksheetPart.Worksheet.Descendants<Row>())
            {
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                    while (cells.Count < column)
                    {
                        cells.Add(string.Empty);
                    }

                    cells.Add(CellText(cell, sharedStrings, dateStyles));
                }

                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                records.Add(new RosterRecord((int)(row.RowIndex?.Value ?? (uint)(records.Count + 1)), cells));
            }

            return records;
        }
    }

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

            index = (index * 26) + (c - 'A' + 1);
        }

        return index == 0 ? null : index - 1;
    }
}
