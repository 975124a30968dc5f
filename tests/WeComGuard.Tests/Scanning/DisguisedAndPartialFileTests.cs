using System.Text;
using WeComGuard.Core.Scanning;

namespace WeComGuard.Tests.Scanning;

/// <summary>Files that pass for something they are not, or hide content where the scanner did not look: never a clean verdict for what was not read.</summary>
public sealed class DisguisedAndPartialFileTests
{
    private const string Id = "11010519491231002X";

    private static FileScanner Scanner() => new(new ScanningOptions { FingerprintKey = "unit-test-key" });

    private static Task<FileScanResult> ScanAsync(byte[] bytes, string name) =>
        Scanner().ScanAsync(new MemoryStream(bytes), name, CancellationToken.None);

    private static byte[] FiftyIds()
    {
        var csv = new StringBuilder("name,id\n");
        for (var i = 0; i < 50; i++)
        {
            csv.Append("员工").Append(i).Append(',').Append(Id).Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    [Fact]
    public async Task A_docx_with_an_extra_entry_has_that_entry_scanned()
    {
        var docx = HostileDocuments.WithEntries(TestDocuments.Docx("周会纪要", "a", "b", "c", "d"), ("secrets/ids.csv", FiftyIds()));

        var result = await ScanAsync(docx, "minutes.docx");

        Assert.Equal("docx", result.Type);
        Assert.Equal("sensitive", ScanResultStore.Verdict(result));
        Assert.Equal(50, result.Findings.Count(f => f.Source == "minutes.docx!secrets/ids.csv" && f.DetectorId == DetectorIds.ResidentId));
    }

    [Theory]
    [InlineData("secrets/ids.rels")]
    [InlineData("word/_rels/notes.xml.rels")]
    public async Task A_part_named_as_relationships_is_read_not_trusted_by_its_name(string name)
    {
        var docx = HostileDocuments.WithEntries(TestDocuments.Docx("周会纪要", "a", "b", "c", "d"), (name, FiftyIds()));

        var result = await ScanAsync(docx, "minutes.docx");

        Assert.Equal("sensitive", ScanResultStore.Verdict(result));
        Assert.Equal(50, result.Findings.Count(f => f.Source == "minutes.docx!" + name && f.DetectorId == DetectorIds.ResidentId));
    }

    [Fact]
    public async Task An_id_in_the_text_of_a_relationships_part_is_found_and_a_plain_docx_stays_clean()
    {
        var plain = await ScanAsync(TestDocuments.Docx("周会纪要", "a", "b", "c", "d"), "plain.docx");
        var rels = Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId9\" Type=\"x\" Target=\"notes.xml\">身份证 {Id}</Relationship></Relationships>");
        var hidden = await ScanAsync(HostileDocuments.WithEntries(TestDocuments.Docx("周会纪要", "a", "b", "c", "d"), ("word/_rels/extra.xml.rels", rels)), "hidden.docx");

        Assert.Equal("clean", ScanResultStore.Verdict(plain));
        Assert.Equal("sensitive", ScanResultStore.Verdict(hidden));
        Assert.Contains(hidden.Findings, f => f.Source == "hidden.docx!word/_rels/extra.xml.rels" && f.DetectorId == DetectorIds.ResidentId);
    }

    [Fact]
    public async Task A_zip_with_a_word_document_entry_but_no_package_parts_is_scanned_as_a_zip()
    {
        var zip = TestDocuments.Zip(
            ("word/document.xml", Encoding.UTF8.GetBytes("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body/></w:document>")),
            ("secrets/ids.csv", FiftyIds()));

        var result = await ScanAsync(zip, "report.docx");

        Assert.Equal(("zip", "sensitive"), (result.Type, ScanResultStore.Verdict(result)));
        Assert.Contains(result.Members, m => m.Source == "report.docx!secrets/ids.csv" && m.FindingCount == 50);
    }

    [Fact]
    public async Task A_package_whose_relationships_name_a_missing_main_part_is_scanned_as_a_zip()
    {
        var docx = TestDocuments.Docx("周会纪要", "a", "b", "c", "d");
        var broken = HostileDocuments.WithEntries(TestDocuments.Zip(("[Content_Types].xml", Encoding.UTF8.GetBytes("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"))),
            ("word/document.xml", Encoding.UTF8.GetBytes($"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>{Id}</w:t></w:r></w:p></w:body></w:document>")));

        var result = await ScanAsync(broken, "x.docx");

        Assert.Equal("zip", result.Type);
        Assert.Contains(result.Findings, f => f.Source == "x.docx!word/document.xml" && f.DetectorId == DetectorIds.ResidentId);
        Assert.Equal("docx", (await ScanAsync(docx, "y.docx")).Type);
    }

    [Fact]
    public async Task A_workbook_embedded_in_a_docx_is_scanned()
    {
        var docx = HostileDocuments.WithEntries(TestDocuments.Docx("见附表", "a", "b", "c", "d"),
            ("word/embeddings/Microsoft_Excel_Worksheet.xlsx", TestDocuments.Xlsx("身份证", "1", Id)));

        var result = await ScanAsync(docx, "memo.docx");

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("memo.docx!word/embeddings/Microsoft_Excel_Worksheet.xlsx", "人员!C2"), (finding.Source, finding.Location));
        Assert.Equal("sensitive", ScanResultStore.Verdict(result));
    }

    [Fact]
    public async Task An_embedded_object_that_cannot_be_read_makes_the_docx_partial_not_clean()
    {
        var docx = HostileDocuments.WithEntries(TestDocuments.Docx("周会纪要", "a", "b", "c", "d"), ("word/embeddings/oleObject1.bin", TestDocuments.LegacyWordFile()));

        var result = await ScanAsync(docx, "minutes.docx");

        Assert.Equal("partial", ScanResultStore.Verdict(result));
        Assert.Contains(result.Members, m => m.Source == "minutes.docx!word/embeddings/oleObject1.bin" && m.Status == FileScanStatus.Unsupported);
    }

    [Fact]
    public async Task Images_in_a_docx_are_not_members_but_text_posing_as_an_image_is_scanned()
    {
        var withImage = await ScanAsync(HostileDocuments.DocxWithImage("周会纪要", TestDocuments.Png()), "photo.docx");
        var withText = await ScanAsync(HostileDocuments.DocxWithImage("周会纪要", FiftyIds()), "fake.docx");

        Assert.Equal(("clean", 0), (ScanResultStore.Verdict(withImage), withImage.Members.Count));
        Assert.Equal("sensitive", ScanResultStore.Verdict(withText));
        Assert.All(withText.Findings, f => Assert.Matches(@"^fake\.docx!(word/)?media/[^!]+\.png$", f.Source));
    }

    /// <summary>A real workbook or presentation with no sensitive text of its own.</summary>
    private static byte[] Package(string kind) => kind == "xlsx" ? TestDocuments.Xlsx("周会", "1", "纪要") : TestDocuments.Pptx("周会纪要", "备注");

    [Theory]
    [InlineData("xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets/></workbook>", "report.xlsx")]
    [InlineData("ppt/presentation.xml", "<p:presentation xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"/>", "deck.pptx")]
    public async Task A_zip_with_a_workbook_or_presentation_entry_but_no_package_parts_is_scanned_as_a_zip(string mainPart, string xml, string name)
    {
        var zip = TestDocuments.Zip((mainPart, Encoding.UTF8.GetBytes(xml)), ("secrets/ids.csv", FiftyIds()));

        var result = await ScanAsync(zip, name);

        Assert.Equal(("zip", "sensitive"), (result.Type, ScanResultStore.Verdict(result)));
        Assert.Contains(result.Members, m => m.Source == name + "!secrets/ids.csv" && m.FindingCount == 50);
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("pptx")]
    public async Task An_xlsx_or_pptx_with_an_extra_entry_has_that_entry_scanned(string kind)
    {
        var name = "minutes." + kind;
        var package = HostileDocuments.WithEntries(Package(kind), ("secrets/ids.csv", FiftyIds()));

        var result = await ScanAsync(package, name);

        Assert.Equal(kind, result.Type);
        Assert.Equal("sensitive", ScanResultStore.Verdict(result));
        Assert.Equal(50, result.Findings.Count(f => f.Source == name + "!secrets/ids.csv" && f.DetectorId == DetectorIds.ResidentId));
        Assert.Equal(("clean", kind), (ScanResultStore.Verdict(await ScanAsync(Package(kind), name)), (await ScanAsync(Package(kind), name)).Type));
    }

    [Theory]
    [InlineData("xlsx", "xl/embeddings/Microsoft_Word_Document.docx")]
    [InlineData("pptx", "ppt/embeddings/Microsoft_Word_Document.docx")]
    public async Task A_document_embedded_in_an_xlsx_or_pptx_is_scanned(string kind, string entry)
    {
        var name = "plan." + kind;
        var package = HostileDocuments.WithEntries(Package(kind), (entry, TestDocuments.Docx($"身份证号：{Id}", "a", "b", "c", "d")));

        var result = await ScanAsync(package, name);

        var finding = Assert.Single(result.Findings);
        Assert.Equal((name + "!" + entry, DetectorIds.ResidentId), (finding.Source, finding.DetectorId));
        Assert.Equal("sensitive", ScanResultStore.Verdict(result));
    }

    [Theory]
    [InlineData("xlsx", "xl/embeddings/oleObject1.bin")]
    [InlineData("pptx", "ppt/embeddings/oleObject1.bin")]
    public async Task An_embedded_object_that_cannot_be_read_makes_the_xlsx_or_pptx_partial_not_clean(string kind, string entry)
    {
        var name = "plan." + kind;
        var package = HostileDocuments.WithEntries(Package(kind), (entry, TestDocuments.LegacyWordFile()));

        var result = await ScanAsync(package, name);

        Assert.Equal("partial", ScanResultStore.Verdict(result));
        Assert.Contains(result.Members, m => m.Source == name + "!" + entry && m.Status == FileScanStatus.Unsupported);
    }

    [Fact]
    public async Task An_id_past_the_archive_depth_makes_the_verdict_partial_not_clean()
    {
        var zip = HostileDocuments.NestedZip(20, "ids.txt", Encoding.UTF8.GetBytes($"身份证 {Id}"));

        var result = await ScanAsync(zip, "deep.zip");

        Assert.Equal(FileScanStatus.Scanned, result.Status);
        Assert.Empty(result.Findings);
        Assert.Equal("partial", ScanResultStore.Verdict(result));
    }

    [Fact]
    public async Task An_encrypted_zip_entry_makes_the_verdict_partial()
    {
        var zip = TestDocuments.MarkEntriesEncrypted(TestDocuments.Zip(("secret.txt", Encoding.UTF8.GetBytes(Id))));

        Assert.Equal("partial", ScanResultStore.Verdict(await ScanAsync(zip, "locked.zip")));
    }

    [Fact]
    public async Task A_zip_read_in_full_is_still_clean()
    {
        var zip = TestDocuments.Zip(("a.txt", Encoding.UTF8.GetBytes("周会纪要")), ("b.docx", TestDocuments.Docx("a", "b", "c", "d", "e")));

        Assert.Equal("clean", ScanResultStore.Verdict(await ScanAsync(zip, "fine.zip")));
    }

    [Theory]
    [InlineData("utf-16le", "wide.txt")]
    [InlineData("utf-16be", "wide.txt")]
    [InlineData("utf-16le", "export")]
    [InlineData("utf-16be", "export.dat")]
    public async Task Utf16_without_a_byte_order_mark_is_detected(string encoding, string name)
    {
        var text = $"员工名单\n身份证号：{Id}\n";
        var bytes = encoding == "utf-16le" ? Encoding.Unicode.GetBytes(text) : Encoding.BigEndianUnicode.GetBytes(text);

        var result = await ScanAsync(bytes, name);

        Assert.Equal(FileScanStatus.Scanned, result.Status);
        var finding = Assert.Single(result.Findings);
        Assert.Equal((DetectorIds.ResidentId, "line 2"), (finding.DetectorId, finding.Location));
    }
}
