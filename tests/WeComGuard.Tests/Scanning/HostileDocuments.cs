using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace WeComGuard.Tests.Scanning;

/// <summary>Hostile and disguised files built at test time: packages with extra entries, PDF deflate bombs, deep zips, UTF-16 without a BOM.</summary>
internal static class HostileDocuments
{
    /// <summary>A copy of a zip (or OOXML package) with more entries added.</summary>
    public static byte[] WithEntries(byte[] zip, params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        stream.Write(zip);
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entryStream = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
                entryStream.Write(content);
            }
        }

        return stream.ToArray();
    }

    /// <summary>A docx whose body is <paramref name="body"/>, with one image part holding <paramref name="image"/> (content type image/png).</summary>
    public static byte[] DocxWithImage(string body, byte[] image)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Word.Document(new Word.Body(new Word.Paragraph(new Word.Run(new Word.Text(body)))));
            var imagePart = main.AddImagePart(ImagePartType.Png);
            using var imageStream = new MemoryStream(image);
            imagePart.FeedData(imageStream);
        }

        return stream.ToArray();
    }

    /// <summary>A docx whose body holds <paramref name="paragraphs"/> paragraphs of <paramref name="text"/>, written part by part (no DOM).</summary>
    public static byte[] LargeDocx(int paragraphs, string text)
    {
        using var template = new ZipArchive(new MemoryStream(TestDocuments.Docx("x", "x", "x", "x", "x")), ZipArchiveMode.Read);
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in template.Entries.Where(e => e.FullName != "word/document.xml"))
            {
                using var from = entry.Open();
                using var to = archive.CreateEntry(entry.FullName).Open();
                from.CopyTo(to);
            }

            using var writer = new StreamWriter(archive.CreateEntry("word/document.xml", CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
            writer.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
            var paragraph = $"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>";
            for (var i = 0; i < paragraphs; i++)
            {
                writer.Write(paragraph);
            }

            writer.Write("</w:body></w:document>");
        }

        return stream.ToArray();
    }

    /// <summary>A zip <paramref name="depth"/> levels deep whose innermost entry is <paramref name="name"/>.</summary>
    public static byte[] NestedZip(int depth, string name, byte[] content)
    {
        var bytes = TestDocuments.Zip((name, content));
        for (var level = 1; level < depth; level++)
        {
            bytes = TestDocuments.Zip(($"level{level}.zip", bytes));
        }

        return bytes;
    }

    /// <summary>
    /// A PDF whose pages show one line of Helvetica text each; a page given as null instead has a Flate content stream of
    /// <paramref name="bombBytes"/> spaces (a deflate bomb: a few kilobytes that inflate to many megabytes).
    /// </summary>
    public static byte[] PdfWithBomb(long bombBytes, params string?[] pages)
    {
        var objects = new List<byte[]>();
        var pageIds = new List<int>();
        var next = 4;
        var bodies = new List<(int Id, byte[] Body)>();
        foreach (var text in pages)
        {
            var pageId = next++;
            var contentId = next++;
            pageIds.Add(pageId);
            bodies.Add((pageId, Latin1($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {contentId} 0 R >>")));
            byte[] stream;
            string dictionary;
            if (text is null)
            {
                stream = Deflate(bombBytes);
                dictionary = $"<< /Length {stream.Length} /Filter /FlateDecode >>";
            }
            else
            {
                stream = Latin1($"BT /F1 12 Tf 50 700 Td ({text}) Tj ET");
                dictionary = $"<< /Length {stream.Length} >>";
            }

            bodies.Add((contentId, [.. Latin1(dictionary + "\nstream\n"), .. stream, .. Latin1("\nendstream")]));
        }

        bodies.Insert(0, (3, Latin1("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")));
        bodies.Insert(0, (2, Latin1($"<< /Type /Pages /Kids [{string.Join(' ', pageIds.Select(id => id + " 0 R"))}] /Count {pageIds.Count} >>")));
        bodies.Insert(0, (1, Latin1("<< /Type /Catalog /Pages 2 0 R >>")));

        using var output = new MemoryStream();
        output.Write(Latin1("%PDF-1.7\n"));
        var offsets = new SortedDictionary<int, long>();
        foreach (var (id, body) in bodies)
        {
            offsets[id] = output.Position;
            output.Write(Latin1($"{id} 0 obj\n"));
            output.Write(body);
            output.Write(Latin1("\nendobj\n"));
        }

        var xref = output.Position;
        var table = new StringBuilder($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets.Values)
        {
            table.Append(offset.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        output.Write(Latin1(table.ToString()));
        return output.ToArray();
    }

    private static byte[] Deflate(long count)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (long written = 0; written < count; written += spaces.Length)
            {
                zlib.Write(spaces, 0, (int)Math.Min(spaces.Length, count - written));
            }
        }

        return compressed.ToArray();
    }

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
