using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using UglyToad.PdfPig.Writer;
using Drawing = DocumentFormat.OpenXml.Drawing;
using Presentation = DocumentFormat.OpenXml.Presentation;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace WeComGuard.Tests.Scanning;

/// <summary>Builds small test files at test time (nothing binary is committed).</summary>
internal static class TestDocuments
{
    public static byte[] Docx(string body, string tableCell, string header, string footer, string comment)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Word.Document(new Word.Body(
                Paragraph(body),
                new Word.Table(new Word.TableRow(new Word.TableCell(Paragraph(tableCell))))));
            var headerPart = main.AddNewPart<HeaderPart>();
            headerPart.Header = new Word.Header(Paragraph(header));
            var footerPart = main.AddNewPart<FooterPart>();
            footerPart.Footer = new Word.Footer(Paragraph(footer));
            var comments = main.AddNewPart<WordprocessingCommentsPart>();
            comments.Comments = new Word.Comments(new Word.Comment(Paragraph(comment)) { Id = "1", Author = "hr" });
        }

        return stream.ToArray();
    }

    private static Word.Paragraph Paragraph(string text) => new(new Word.Run(new Word.Text(text)));

    /// <summary>Sheet 人员: A1 shared string header, A2 an empty cell, B2 a number (e.g. written in exponent form), C2 an inline string.</summary>
    public static byte[] Xlsx(string header, string numberCell, string inlineCell)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable(new SharedStringItem(new Text(header)));
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            sheetPart.Worksheet = new Worksheet(new SheetData(
                new Row(new Cell { CellReference = "A1", DataType = CellValues.SharedString, CellValue = new CellValue("0") }) { RowIndex = 1 },
                new Row(
                    new Cell { CellReference = "A2" },
                    new Cell { CellReference = "B2", CellValue = new CellValue(numberCell) },
                    new Cell { CellReference = "C2", DataType = CellValues.InlineString, InlineString = new InlineString(new Text(inlineCell)) })
                { RowIndex = 2 }));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "人员" }));
        }

        return stream.ToArray();
    }

    /// <summary>One inline-string cell per value in column A of sheet "data".</summary>
    public static byte[] XlsxColumn(IReadOnlyList<string> values)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var i = 0; i < values.Count; i++)
            {
                var reference = "A" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                data.AppendChild(new Row(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(values[i])) }) { RowIndex = (uint)(i + 1) });
            }

            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "data" }));
        }

        return stream.ToArray();
    }

    public static byte[] Pptx(string slideText, string notesText)
    {
        using var stream = new MemoryStream();
        using (var document = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            var slide = presentation.AddNewPart<SlidePart>();
            slide.Slide = new Presentation.Slide(new Presentation.CommonSlideData(new Presentation.ShapeTree(
                new Presentation.Shape(new Presentation.TextBody(new Drawing.BodyProperties(), new Drawing.Paragraph(new Drawing.Run(new Drawing.Text(slideText))))))));
            var notes = slide.AddNewPart<NotesSlidePart>();
            notes.NotesSlide = new Presentation.NotesSlide(new Presentation.CommonSlideData(new Presentation.ShapeTree(
                new Presentation.Shape(new Presentation.TextBody(new Drawing.BodyProperties(), new Drawing.Paragraph(new Drawing.Run(new Drawing.Text(notesText))))))));
            presentation.Presentation = new Presentation.Presentation(new Presentation.SlideIdList(
                new Presentation.SlideId { Id = 256U, RelationshipId = presentation.GetIdOfPart(slide) }));
        }

        return stream.ToArray();
    }

    /// <summary>A PDF with one line of (ASCII, standard-font) text per page.</summary>
    public static byte[] Pdf(params string[] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        foreach (var text in pages)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            page.AddText(text, 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        }

        return builder.Build();
    }

    /// <summary>A PDF whose trailer names a Standard security handler with a user password nobody knows.</summary>
    public static byte[] EncryptedPdf()
    {
        var o = new string('A', 64);
        var u = new string('B', 64);
        var body = "%PDF-1.4\n"
            + "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            + "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
            + "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>\nendobj\n"
            + $"4 0 obj\n<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <{o}> /U <{u}> >>\nendobj\n"
            + "5 0 obj\n<< /Length 8 >>\nstream\n\u00a3\u00b2\u00c1\u00d4\u00e5\u00f6\u0017\u0028\nendstream\nendobj\n";
        var offsets = new List<int>();
        var text = new StringBuilder(body);
        var raw = Encoding.Latin1.GetString(Encoding.Latin1.GetBytes(body));
        foreach (var marker in new[] { "1 0 obj", "2 0 obj", "3 0 obj", "4 0 obj", "5 0 obj" })
        {
            offsets.Add(raw.IndexOf(marker, StringComparison.Ordinal));
        }

        var xref = text.Length;
        text.Append("xref\n0 6\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            text.Append(offset.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        text.Append("trailer\n<< /Size 6 /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\n")
            .Append("startxref\n").Append(xref).Append("\n%%EOF\n");
        return Encoding.Latin1.GetBytes(text.ToString());
    }

    /// <summary>The first bytes of an OLE compound file whose directory names the [MS-OFFCRYPTO] streams of an encrypted OOXML file.</summary>
    public static byte[] EncryptedOfficeFile()
    {
        var bytes = new byte[4096];
        byte[] magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        magic.CopyTo(bytes, 0);
        Encoding.Unicode.GetBytes("EncryptionInfo").CopyTo(bytes, 1024);
        Encoding.Unicode.GetBytes("EncryptedPackage").CopyTo(bytes, 1152);
        return bytes;
    }

    public static byte[] LegacyWordFile()
    {
        var bytes = new byte[4096];
        byte[] magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        magic.CopyTo(bytes, 0);
        Encoding.Unicode.GetBytes("WordDocument").CopyTo(bytes, 1024);
        return bytes;
    }

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.SmallestSize);
                using var entryStream = entry.Open();
                entryStream.Write(content);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Sets the "encrypted" flag of every entry (local and central headers), as a password-protected zip has.</summary>
    public static byte[] MarkEntriesEncrypted(byte[] zip)
    {
        var bytes = (byte[])zip.Clone();
        for (var i = 0; i + 10 < bytes.Length; i++)
        {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4)
            {
                bytes[i + 6] |= 1;
            }
            else if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2)
            {
                bytes[i + 8] |= 1;
            }
        }

        return bytes;
    }

    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
}
