using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using WeComGuard.Core.Scanning;

namespace WeComGuard.Tests.Scanning;

/// <summary>Memory budget, PDF stream limits and cancellation: a hostile file gets a clear status, and a cancelled scan stops working.</summary>
public sealed class ScanLimitsTests
{
    private const string Id = "11010519491231002X";

    private static FileScanner Scanner(Action<ScanningOptions>? configure = null)
    {
        var options = new ScanningOptions { FingerprintKey = "unit-test-key" };
        configure?.Invoke(options);
        return new FileScanner(options);
    }

    private static Task<FileScanResult> ScanAsync(byte[] bytes, string name, FileScanner? scanner = null) =>
        (scanner ?? Scanner()).ScanAsync(new MemoryStream(bytes), name, CancellationToken.None);

    [Fact]
    public async Task A_pdf_deflate_bomb_page_is_left_out_at_the_default_stream_limit_and_the_other_pages_are_scanned()
    {
        var pdf = HostileDocuments.PdfWithBomb(80L * 1024 * 1024, $"Resident ID card: {Id}", null, "page three");
        Assert.True(pdf.Length < 1024 * 1024);

        var result = await ScanAsync(pdf, "bomb.pdf");

        Assert.Equal(FileScanStatus.Partial, result.Status);
        Assert.Contains("page(s) 2 not scanned: a PDF stream decodes to more than 67108864 bytes", result.Reason, StringComparison.Ordinal);
        var finding = Assert.Single(result.Findings);
        Assert.Equal((DetectorIds.ResidentId, "page 1"), (finding.DetectorId, finding.Location));
        Assert.False(result.IsComplete);
    }

    [Fact]
    public async Task A_pdf_under_the_limits_is_scanned_in_full()
    {
        var pdf = HostileDocuments.PdfWithBomb(512 * 1024, $"Resident ID card: {Id}", null);

        var result = await ScanAsync(pdf, "fine.pdf");

        Assert.Equal(FileScanStatus.Scanned, result.Status);
        Assert.Single(result.Findings);
    }

    [Fact]
    public async Task Docx_text_past_the_memory_budget_is_partial_with_the_reason()
    {
        var docx = HostileDocuments.LargeDocx(200_000, "周会纪要");

        var result = await ScanAsync(docx, "long.docx", Scanner(o => o.MaxMemoryBytes = 2 * 1024 * 1024));

        Assert.Equal(FileScanStatus.Partial, result.Status);
        Assert.Contains("memory budget", result.Reason, StringComparison.Ordinal);
        Assert.Equal("partial", ScanResultStore.Verdict(result));
    }

    [Fact]
    public async Task A_shared_string_table_over_the_memory_budget_is_too_large()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable(Enumerable.Range(0, 50_000).Select(i => new SharedStringItem(new Text("名单条目" + i))));
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(new SheetData());
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "data" }));
        }

        var result = await ScanAsync(stream.ToArray(), "strings.xlsx", Scanner(o => o.MaxMemoryBytes = 1024 * 1024));

        Assert.Equal(FileScanStatus.TooLarge, result.Status);
        Assert.Contains("shared-string table would take the scan past its 1048576-byte memory budget", result.Reason, StringComparison.Ordinal);
        Assert.Equal("not-scanned", ScanResultStore.Verdict(result));
        Assert.Equal("too-large", FileScanStatusNames.Name(result.Status));
    }

    [Fact]
    public async Task A_zip_member_over_the_memory_budget_is_too_large_and_the_others_are_scanned()
    {
        var zip = TestDocuments.Zip(("big.txt", Encoding.UTF8.GetBytes(new string('x', 600_000))), ("ids.txt", Encoding.UTF8.GetBytes($"身份证 {Id}")));

        var result = await ScanAsync(zip, "mixed.zip", Scanner(o => o.MaxMemoryBytes = 1024 * 1024));

        Assert.Equal(FileScanStatus.TooLarge, result.Members.Single(m => m.Source == "mixed.zip!big.txt").Status);
        Assert.Single(result.Findings);
        Assert.Equal("sensitive", ScanResultStore.Verdict(result));
        Assert.False(result.IsComplete);
    }

    [Fact]
    public async Task A_file_larger_than_the_memory_budget_is_too_large()
    {
        var result = await ScanAsync(new byte[8192], "blob.txt", Scanner(o => o.MaxMemoryBytes = 4096));

        Assert.Equal(FileScanStatus.TooLarge, result.Status);
        Assert.Equal(64, result.Sha256.Length);
    }

    [Fact]
    public async Task A_cancelled_scan_stops_its_worker()
    {
        var docx = HostileDocuments.LargeDocx(3_000_000, "a");
        var scanner = Scanner(o => o.MaxCompressionRatio = 1_000_000);
        using var cancel = new CancellationTokenSource();

        var scan = scanner.ScanAsync(new MemoryStream(docx), "huge.docx", cancel.Token);
        await PollAsync(() => scanner.RunningWorkers == 1 || scan.IsCompleted);
        Assert.False(scan.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scan);
        await PollAsync(() => scanner.RunningWorkers == 0);
    }

    [Fact]
    public async Task A_scan_past_its_time_limit_stops_its_worker_and_fails_with_the_reason()
    {
        var docx = HostileDocuments.LargeDocx(3_000_000, "a");
        var scanner = Scanner(o => (o.MaxCompressionRatio, o.TimeLimitSeconds) = (1_000_000, 1));

        var result = await scanner.ScanAsync(new MemoryStream(docx), "huge.docx", CancellationToken.None);

        Assert.Equal(FileScanStatus.Failed, result.Status);
        Assert.Contains("time limit", result.Reason, StringComparison.Ordinal);
        await PollAsync(() => scanner.RunningWorkers == 0);
    }

    [Fact]
    public async Task A_detection_bound_scan_past_its_time_limit_stops_its_worker_promptly()
    {
        // UTF-16 text is decoded in a blink, but its 100 M characters of "12." (a digit group at every third character,
        // about the slowest text for the detectors) take the detector pass well over ten seconds.
        const int characters = 100_000_000;
        var bytes = new byte[2 + (2 * characters)];
        (bytes[0], bytes[1]) = (0xFF, 0xFE);
        for (var i = 0; i < characters; i++)
        {
            bytes[2 + (2 * i)] = (byte)"12."[i % 3];
        }

        var scanner = Scanner(o => (o.MaxFileBytes, o.MaxMemoryBytes, o.TimeLimitSeconds) = (256L * 1024 * 1024, 1024L * 1024 * 1024, 1));
        var started = System.Diagnostics.Stopwatch.StartNew();

        var scan = scanner.ScanAsync(new MemoryStream(bytes), "digits-utf16.txt", CancellationToken.None);
        await PollAsync(() => scan.IsCompleted && scanner.RunningWorkers == 0);
        var stopped = started.Elapsed;

        var result = await scan;
        Assert.Equal(FileScanStatus.Failed, result.Status);
        Assert.Contains("1-second time limit", result.Reason, StringComparison.Ordinal);
        Assert.True(stopped < TimeSpan.FromSeconds(6),
            $"the worker stopped {stopped.TotalSeconds:F1} s after the scan started, not within 5 s of its 1-second time limit");
    }

    private static async Task PollAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 60 seconds");
            await Task.Delay(10);
        }
    }
}
