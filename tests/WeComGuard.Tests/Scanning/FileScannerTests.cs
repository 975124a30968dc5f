using System.Text;
using WeComGuard.Core.Scanning;

namespace WeComGuard.Tests.Scanning;

public sealed class FileScannerTests
{
    private const string Id = "11010519491231002X";
    private const string Mobile = "13812345678";
    private const string Card = "6222021234567890128";

    private static FileScanner Scanner(Action<ScanningOptions>? configure = null)
    {
        var options = new ScanningOptions { FingerprintKey = "unit-test-key" };
        configure?.Invoke(options);
        return new FileScanner(options);
    }

    private static Task<FileScanResult> ScanAsync(byte[] bytes, string name, FileScanner? scanner = null) =>
        (scanner ?? Scanner()).ScanAsync(new MemoryStream(bytes), name, CancellationToken.None);

    private static string GbkSample => $"员工名单\n身份证号：{Id}\n联系电话：{Mobile}\n";

    public static TheoryData<string, string> Encodings => new()
    {
        { "utf-8", "plain.txt" },
        { "utf-8-bom", "bom.csv" },
        { "utf-16le", "wide.txt" },
        { "utf-16be", "wide-be.txt" },
        { "gb18030", "gbk.csv" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Text_in_each_encoding_gives_the_same_findings(string encoding, string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = encoding switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(GbkSample),
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(GbkSample)],
            "utf-16le" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(GbkSample)],
            "utf-16be" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(GbkSample)],
            _ => Encoding.GetEncoding("GBK").GetBytes(GbkSample),
        };

        var result = await ScanAsync(bytes, name);

        Assert.Equal(FileScanStatus.Scanned, result.Status);
        Assert.Equal(
            [(DetectorIds.ResidentId, "110105********002X", "line 2", FindingConfidence.High), (DetectorIds.Mobile, "138****5678", "line 3", FindingConfidence.Medium)],
            result.Findings.Select(f => (f.DetectorId, f.Masked, f.Location, f.Confidence)));
    }

    [Fact]
    public async Task The_file_hashes_are_sha256_and_md5_of_the_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes(GbkSample);
        var result = await ScanAsync(bytes, "a.txt");

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), result.Sha256);
#pragma warning disable CA5351
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(bytes)), result.Md5);
#pragma warning restore CA5351
        Assert.Equal(bytes.Length, result.Size);
    }

    [Fact]
    public async Task Docx_body_table_header_footer_and_comments_are_scanned()
    {
        var docx = TestDocuments.Docx($"身份证 {Id}", $"手机 {Mobile}", "机密★5年", $"卡号 {Card}", "reviewer: hr@example.com");

        var result = await ScanAsync(docx, "名单.docx");

        Assert.Equal((FileScanStatus.Scanned, "docx"), (result.Status, result.Type));
        Assert.Equal(
            [DetectorIds.BankCard, DetectorIds.ClassificationMark, DetectorIds.Mobile, DetectorIds.ResidentId, DetectorIds.Email],
            result.Findings.Select(f => f.DetectorId).Order(StringComparer.Ordinal));
        Assert.True(result.IsSensitive);
    }

    [Fact]
    public async Task Xlsx_numeric_cells_are_read_as_digits_and_located_by_sheet_and_cell()
    {
        var xlsx = TestDocuments.Xlsx("手机号", "1.3812345678E10", Id);

        var result = await ScanAsync(xlsx, "roster.xlsx");

        Assert.Equal(FileScanStatus.Scanned, result.Status);
        Assert.Contains(result.Findings, f => f.DetectorId == DetectorIds.Mobile && f.Masked == "138****5678" && f.Location == "人员!B2");
        Assert.Contains(result.Findings, f => f.DetectorId == DetectorIds.ResidentId && f.Location == "人员!C2");
    }

    [Fact]
    public async Task Pptx_slides_and_notes_are_scanned()
    {
        var result = await ScanAsync(TestDocuments.Pptx("内部资料", $"speaker: {Mobile}"), "deck.pptx");

        Assert.Equal(FileScanStatus.Scanned, result.Status);
        Assert.Equal([DetectorIds.ClassificationMark, DetectorIds.Mobile], result.Findings.Select(f => f.DetectorId).Order(StringComparer.Ordinal));
        Assert.All(result.Findings, f => Assert.Equal("slide 1", f.Location));
    }

    [Fact]
    public async Task Pdf_pages_are_scanned_and_located_by_page()
    {
        var result = await ScanAsync(TestDocuments.Pdf("Quarterly report", $"Resident ID card: {Id}"), "report.pdf");

        Assert.Equal(FileScanStatus.Scanned, result.Status);
        var finding = Assert.Single(result.Findings);
        Assert.Equal((DetectorIds.ResidentId, "page 2", FindingConfidence.High), (finding.DetectorId, finding.Location, finding.Confidence));
    }

    [Fact]
    public async Task Zip_members_are_scanned_to_depth_two_and_deeper_archives_are_reported_unsupported()
    {
        var deepest = TestDocuments.Zip(("deep.txt", Encoding.UTF8.GetBytes($"手机 {Mobile}")));
        var inner = TestDocuments.Zip(("inner/ids.txt", Encoding.UTF8.GetBytes($"身份证 {Id}")), ("deeper.zip", deepest));
        var outer = TestDocuments.Zip(("docs/inner.zip", inner), ("readme.txt", Encoding.UTF8.GetBytes("no secrets here")));

        var result = await ScanAsync(outer, "outer.zip");

        Assert.Equal(FileScanStatus.Scanned, result.Status);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("outer.zip!docs/inner.zip!inner/ids.txt", finding.Source);
        var deeper = result.Members.Single(m => m.Source == "outer.zip!docs/inner.zip").Members.Single(m => m.Source.EndsWith("deeper.zip", StringComparison.Ordinal));
        Assert.Equal(FileScanStatus.Unsupported, deeper.Status);
    }

    [Fact]
    public async Task A_zip_bomb_entry_breaks_the_ratio_limit_and_fails_with_a_reason()
    {
        var bomb = TestDocuments.Zip(("zeros.txt", new byte[8 * 1024 * 1024]));

        var result = await ScanAsync(bomb, "bomb.zip");

        Assert.Equal(FileScanStatus.Failed, result.Status);
        Assert.Contains("compression ratio", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_office_file_inflating_past_the_total_limit_fails_before_parsing()
    {
        var docx = TestDocuments.Docx(new string('x', 400_000), "a", "b", "c", "d");

        var result = await ScanAsync(docx, "big.docx", Scanner(o => o.MaxArchiveTotalBytes = 100_000));

        Assert.Equal(FileScanStatus.Failed, result.Status);
        Assert.Contains("inflates to more than", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_archive_entries_fail_with_a_reason()
    {
        var entries = Enumerable.Range(0, 30).Select(i => ($"f{i}.txt", Encoding.UTF8.GetBytes("x"))).ToArray();

        var result = await ScanAsync(TestDocuments.Zip(entries), "many.zip", Scanner(o => o.MaxArchiveEntries = 20));

        Assert.Equal(FileScanStatus.Failed, result.Status);
        Assert.Contains("more than 20 entries", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encrypted_office_pdf_and_zip_entries_are_reported_encrypted()
    {
        Assert.Equal(FileScanStatus.Encrypted, (await ScanAsync(TestDocuments.EncryptedOfficeFile(), "salary.xlsx")).Status);
        Assert.Equal(FileScanStatus.Encrypted, (await ScanAsync(TestDocuments.EncryptedPdf(), "contract.pdf")).Status);

        var zip = TestDocuments.MarkEntriesEncrypted(TestDocuments.Zip(("secret.txt", Encoding.UTF8.GetBytes(Id))));
        var result = await ScanAsync(zip, "locked.zip");
        Assert.Equal(FileScanStatus.Encrypted, Assert.Single(result.Members).Status);
        Assert.Empty(result.Findings);
    }

    [Theory]
    [InlineData("old.doc")]
    [InlineData("photo.png")]
    public async Task Legacy_office_files_and_images_are_unsupported(string name)
    {
        var bytes = name.EndsWith(".png", StringComparison.Ordinal) ? TestDocuments.Png() : TestDocuments.LegacyWordFile();

        var result = await ScanAsync(bytes, name);

        Assert.Equal(FileScanStatus.Unsupported, result.Status);
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }

    [Theory]
    [InlineData("docx")]
    [InlineData("xlsx")]
    [InlineData("zip")]
    public async Task Truncated_packages_fail_with_a_reason_and_no_exception(string type)
    {
        var bytes = type switch
        {
            "docx" => TestDocuments.Docx($"身份证 {Id}", "a", "b", "c", "d"),
            "xlsx" => TestDocuments.Xlsx("手机号", Mobile, Id),
            _ => TestDocuments.Zip(("a.txt", Encoding.UTF8.GetBytes(Id))),
        };

        var result = await ScanAsync(bytes[..(bytes.Length / 2)], "cut." + type);

        Assert.Equal(FileScanStatus.Failed, result.Status);
        Assert.StartsWith("could not read", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_pdf_gets_a_status_without_an_exception()
    {
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage");

        var result = await ScanAsync(bytes, "broken.pdf");

        Assert.Equal(FileScanStatus.Failed, result.Status);
    }

    [Fact]
    public async Task A_file_over_the_size_cap_fails_and_still_has_its_hashes()
    {
        var result = await ScanAsync(new byte[5000], "large.bin", Scanner(o => o.MaxFileBytes = 4096));

        Assert.Equal(FileScanStatus.Failed, result.Status);
        Assert.Contains("scan limit", result.Reason, StringComparison.Ordinal);
        Assert.Equal(64, result.Sha256.Length);
    }

    [Fact]
    public async Task A_scan_past_its_time_limit_fails_with_a_reason()
    {
        var result = await ScanAsync(Encoding.UTF8.GetBytes(GbkSample), "slow.txt", Scanner(o => o.TimeLimitSeconds = 0));

        Assert.Equal(FileScanStatus.Failed, result.Status);
        Assert.Contains("time limit", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scanner_without_a_fingerprint_key_names_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new FileScanner(new ScanningOptions()));
        Assert.Contains("Scanning__FingerprintKey", error.Message, StringComparison.Ordinal);
    }
}
