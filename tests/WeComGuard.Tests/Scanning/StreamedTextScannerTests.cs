using System.Text;
using WeComGuard.Core.Scanning;

namespace WeComGuard.Tests.Scanning;

/// <summary>
/// The streamed UTF-8 path (chunks, windows carried over, the pass continued where it stopped) against the whole-text
/// path: the same findings, in the same order, with the same line numbers, wherever the chunk boundaries fall.
/// </summary>
public sealed class StreamedTextScannerTests
{
    private const string Key = "streamed-test-key";
    private const string Id = "11010519491231002X";

    private static readonly FindingFingerprinter Fingerprinter = new(Key);

    private static FileScanner Scanner() => new(new ScanningOptions { FingerprintKey = Key });

    /// <summary>Every labelled case (positives and near misses) and the labelled corpus, one per line, in one text.</summary>
    internal static string LabelledText()
    {
        var text = new StringBuilder();
        foreach (var formatCase in FormatCases.All)
        {
            text.Append(formatCase.Text).Append('\n');
        }

        foreach (var sample in LabelledCorpus.Generate(seed: 12, count: 400))
        {
            text.Append(sample.Text).Append('\n');
        }

        return text.ToString();
    }

    private static List<SensitiveFinding> Streamed(string text, int chunkBytes, string source = "s.txt")
    {
        var result = StreamedTextScanner.Scan(new MemoryStream(Encoding.UTF8.GetBytes(text)), source, chunkBytes, Fingerprinter, CancellationToken.None);
        Assert.NotNull(result);
        return result.Findings;
    }

    [Fact]
    public void The_labelled_cases_give_the_same_findings_streamed_as_scanned_whole()
    {
        var text = LabelledText();
        var whole = Scanner().ScanText(text, "s.txt");
        Assert.NotEmpty(whole);

        // One chunk, chunks smaller than most values (split in every other chunk), and a few sizes between.
        foreach (var chunkBytes in new[] { 8 * 1024 * 1024, 7, 4093, 65_536, 100_003 })
        {
            Assert.Equal(whole, Streamed(text, chunkBytes));
        }
    }

    [Fact]
    public void One_byte_chunks_give_the_same_findings_as_the_whole_text()
    {
        var text = string.Concat(FormatCases.All.Select(c => c.Text + "\n"));
        Assert.Equal(Scanner().ScanText(text, "s.txt"), Streamed(text, 1));
    }

    [Fact]
    public void Random_chunk_boundaries_give_the_same_findings_as_the_whole_text()
    {
        // Several windows' worth of text (the context after the pass is 32 K characters), so the pass stops and resumes.
        var text = string.Concat(Enumerable.Repeat(LabelledText(), 3));
        var whole = Scanner().ScanText(text, "s.txt");
        var random = new Random(20261203);
        for (var run = 0; run < 12; run++)
        {
            var chunkBytes = random.Next(1, 300_000);
            Assert.Equal(whole, Streamed(text, chunkBytes));
        }
    }

    [Fact]
    public void A_value_split_across_a_chunk_boundary_is_found_once_on_its_line()
    {
        var head = string.Concat(Enumerable.Repeat("会议纪要已上传到共享盘，请大家及时查阅。\n", 3000));
        var text = head + "员工身份证号：" + Id + "，请核对。\n";
        var idStart = Encoding.UTF8.GetByteCount(head + "员工身份证号：");
        var line = "line " + (head.Count(c => c == '\n') + 1);

        // Boundaries inside the ID, on each side of it, and inside the multi-byte characters before it.
        for (var split = idStart - 4; split <= idStart + Id.Length + 1; split++)
        {
            var findings = Streamed(text, split);
            var finding = Assert.Single(findings);
            Assert.Equal(DetectorIds.ResidentId, finding.DetectorId);
            Assert.Equal(line, finding.Location);
            Assert.Equal(Fingerprinter.Fingerprint(Id), finding.Fingerprint);
        }
    }

    [Fact]
    public async Task A_file_scan_streams_utf8_text_with_the_same_result_as_a_scan_of_the_whole_file()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(LabelledText(), 16)));
        Assert.True(bytes.Length > StreamedTextScanner.DefaultChunkBytes, "the file needs more than one chunk");

        var streamed = await Scanner().ScanAsync(new MemoryStream(bytes), "big.txt", CancellationToken.None);
        var whole = await Scanner().ScanAsync(new UnseekableStream(bytes), "big.txt", CancellationToken.None);

        Assert.Equal(FileScanStatus.Scanned, streamed.Status);
        Assert.Equal((whole.Sha256, whole.Md5, whole.Size, whole.Type, whole.Status), (streamed.Sha256, streamed.Md5, streamed.Size, streamed.Type, streamed.Status));
        Assert.Equal(whole.Findings, streamed.Findings);
    }

    [Fact]
    public async Task A_gb18030_file_whose_first_chunk_is_valid_utf8_falls_back_to_gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var ascii = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("The quarterly report is attached for review.\n", 40_000)));
        var gbk = Encoding.GetEncoding(54936).GetBytes($"身份证号：{Id}\n");
        var bytes = ascii.Concat(gbk).ToArray();
        Assert.True(ascii.Length > StreamedTextScanner.DefaultChunkBytes, "the invalid UTF-8 must come after the first chunk");

        Assert.Null(StreamedTextScanner.Scan(new MemoryStream(bytes), "gbk.txt", StreamedTextScanner.DefaultChunkBytes, Fingerprinter, CancellationToken.None));
        var result = await Scanner().ScanAsync(new MemoryStream(bytes), "gbk.txt", CancellationToken.None);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(DetectorIds.ResidentId, finding.DetectorId);
        Assert.Equal("line 40001", finding.Location);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'a', 0 })]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4, 0, 0 })]
    public void Files_that_are_not_utf8_text_are_left_to_the_whole_file_scan(byte[] head)
    {
        Assert.Null(StreamedTextScanner.Scan(new MemoryStream(head), "x.txt", 8192, Fingerprinter, CancellationToken.None));
    }

    [Fact]
    public void A_read_error_after_the_first_chunks_is_the_scans_error()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(LabelledText(), 4)));
        var failing = new FailingStream(bytes, failAfterBytes: 3 * 65_536);

        var error = Assert.Throws<IOException>(() => StreamedTextScanner.Scan(failing, "s.txt", 65_536, Fingerprinter, CancellationToken.None));
        Assert.Equal(FailingStream.Message, error.Message);
    }

    [Fact]
    public void A_stopped_scan_returns_only_once_its_reader_is_out_of_the_stream()
    {
        // The file scanner reads the stream again after a streamed scan gives up: the read ahead must be over by then.
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(LabelledText(), 4)));
        using var stop = new CancellationTokenSource();
        var slow = new SlowStream(bytes, stop, slowFromRead: 3);

        Assert.ThrowsAny<OperationCanceledException>(() => StreamedTextScanner.Scan(slow, "s.txt", 65_536, Fingerprinter, stop.Token));
        Assert.Equal(0, slow.ReadsInProgress);
    }

    /// <summary>Fails every read past <c>failAfterBytes</c>, as a disk or share that goes away mid-file.</summary>
    private sealed class FailingStream(byte[] bytes, int failAfterBytes) : MemoryStream(bytes, writable: false)
    {
        public const string Message = "the share went away";

        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= failAfterBytes ? throw new IOException(Message) : base.Read(buffer, offset, count);
    }

    /// <summary>
    /// From its <c>slowFromRead</c>th read on, cancels the scan and then takes a while to return, as a slow share does when a
    /// time limit fires in the middle of a read.
    /// </summary>
    private sealed class SlowStream(byte[] bytes, CancellationTokenSource stop, int slowFromRead) : MemoryStream(bytes, writable: false)
    {
        private int _reads;
        private int _inProgress;

        public int ReadsInProgress => Volatile.Read(ref _inProgress);

        public override int Read(byte[] buffer, int offset, int count)
        {
            Interlocked.Increment(ref _inProgress);
            try
            {
                if (Interlocked.Increment(ref _reads) >= slowFromRead)
                {
                    stop.Cancel();
                    Thread.Sleep(200);
                }

                return base.Read(buffer, offset, count);
            }
            finally
            {
                Interlocked.Decrement(ref _inProgress);
            }
        }
    }

    /// <summary>A stream that cannot seek: the file scanner reads it whole (the path the streamed one must agree with).</summary>
    internal sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
