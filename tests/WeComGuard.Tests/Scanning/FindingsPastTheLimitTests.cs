using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Scanning;

namespace WeComGuard.Tests.Scanning;

/// <summary>
/// Scanning__MaxFindingsPerFile: a file lists its first findings in file order, counts the rest by detector and confidence,
/// and keeps the counts and the verdict of every finding, whichever path scanned it.
/// </summary>
public sealed class FindingsPastTheLimitTests
{
    private const string Key = "limit-test-key";
    private const string Id = "11010519491231002X";

    private static readonly FindingFingerprinter Fingerprinter = new(Key);

    private static FileScanner Scanner(int maxFindings = 100_000) => new(new ScanningOptions { FingerprintKey = Key, MaxFindingsPerFile = maxFindings });

    private static List<FindingTally> Tallies(IEnumerable<SensitiveFinding> findings) =>
        [.. findings
            .GroupBy(f => (f.DetectorId, f.Confidence))
            .OrderBy(g => g.Key.DetectorId, StringComparer.Ordinal).ThenBy(g => g.Key.Confidence)
            .Select(g => new FindingTally(g.Key.DetectorId, g.Key.Confidence, g.Count()))];

    [Fact]
    public async Task Past_the_limit_the_first_findings_are_listed_and_the_rest_counted_on_every_path()
    {
        var text = string.Concat(Enumerable.Repeat(StreamedTextScannerTests.LabelledText(), 3));
        var all = Scanner().ScanText(text, "s.txt");
        const int limit = 500;
        Assert.True(all.Count > 2 * limit, "the text needs findings past the limit");
        var listed = all.Take(limit).ToList();
        var counted = Tallies(all.Skip(limit));

        foreach (var chunkBytes in new[] { 8 * 1024 * 1024, 7, 4093, 65_536 })
        {
            var streamed = StreamedTextScanner.Scan(new MemoryStream(Encoding.UTF8.GetBytes(text)), "s.txt", chunkBytes, Fingerprinter, limit, CancellationToken.None);
            Assert.NotNull(streamed);
            Assert.Equal(listed, streamed.Findings);
            Assert.Equal(counted, streamed.NotListed);
        }

        // The file scanner, streamed (seekable, over one chunk) and whole (a stream it cannot seek).
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(text, 4)));
        var allOfFile = Scanner().ScanText(Encoding.UTF8.GetString(bytes), "big.txt");
        foreach (var content in new Stream[] { new MemoryStream(bytes), new StreamedTextScannerTests.UnseekableStream(bytes) })
        {
            var result = await Scanner(limit).ScanAsync(content, "big.txt", CancellationToken.None);
            Assert.Equal(allOfFile.Take(limit), result.Findings);
            Assert.Equal(Tallies(allOfFile.Skip(limit)), result.FindingsNotListed);
            Assert.Equal(allOfFile.Count, result.FindingCount);
        }
    }

    [Theory]
    [InlineData("zhang.")]
    [InlineData("")]
    public void An_email_found_a_window_late_takes_the_place_of_the_value_inside_it(string before)
    {
        // The pass stops between the mobile inside the address and its '@' (the first window of a streamed scan stops
        // 32 K characters before the end of the first chunk): the mobile is found in the first window, the address, which
        // starts before it or where it starts (then the longer comes first), in the second. With room for one finding, a
        // pass over the whole text lists the address.
        var filler = string.Concat(Enumerable.Repeat("The quarterly report is attached for review\n", 200));
        var line = "联系 " + before + "13812345678.li@example.com 或身份证 " + Id + "\n";
        var text = filler + line;
        var all = Scanner().ScanText(text, "s.txt");
        Assert.Equal([DetectorIds.Email, DetectorIds.Mobile, DetectorIds.ResidentId], all.Select(f => f.DetectorId));

        // The first chunk holds the characters up to the stop wanted and the 32 K after it, so its window stops there.
        var full = text + new string('.', 40_000);
        var stop = filler.Length + ("联系 " + before + "13812345678.").Length;
        var chunkBytes = Encoding.UTF8.GetByteCount(full.AsSpan(0, stop + StreamedTextScanner.ContextAfter));
        Assert.True(Encoding.UTF8.GetByteCount(full) > chunkBytes, "the file needs a second chunk");
        var streamed = StreamedTextScanner.Scan(new MemoryStream(Encoding.UTF8.GetBytes(full)), "s.txt", chunkBytes, Fingerprinter, 1, CancellationToken.None);

        Assert.NotNull(streamed);
        Assert.Equal(all.Take(1), streamed.Findings);
        Assert.Equal(Tallies(all.Skip(1)), streamed.NotListed);
    }

    [Fact]
    public async Task A_high_confidence_finding_past_the_limit_still_makes_the_file_sensitive()
    {
        var bytes = Encoding.UTF8.GetBytes("请回电 13812345678\n员工身份证号：" + Id + "\n");
        var all = await Scanner().ScanAsync(new MemoryStream(bytes), "call.txt", CancellationToken.None);
        Assert.Equal([(DetectorIds.Mobile, FindingConfidence.Low), (DetectorIds.ResidentId, FindingConfidence.High)], all.Findings.Select(f => (f.DetectorId, f.Confidence)));

        var limited = await Scanner(1).ScanAsync(new MemoryStream(bytes), "call.txt", CancellationToken.None);

        Assert.Equal(DetectorIds.Mobile, Assert.Single(limited.Findings).DetectorId);
        Assert.Equal([new FindingTally(DetectorIds.ResidentId, FindingConfidence.High, 1)], limited.FindingsNotListed);
        Assert.True(limited.IsSensitive);
        Assert.Equal(FindingConfidence.High, limited.HighestConfidence);
        Assert.Equal(all.CountsAtOrAbove(FindingConfidence.Low), limited.CountsAtOrAbove(FindingConfidence.Low));
        Assert.Equal(1, limited.NotListedAtOrAbove(FindingConfidence.High));
        Assert.Equal(2, limited.FindingCount);
    }

    [Fact]
    public async Task An_archive_lists_its_first_findings_across_members_and_counts_the_rest()
    {
        var member = Encoding.UTF8.GetBytes("手机 13812345678\n手机 13912345678\n身份证 " + Id + "\n");
        var zip = TestDocuments.Zip(("a.txt", member), ("b.txt", member));
        var all = await Scanner().ScanAsync(new MemoryStream(zip), "pair.zip", CancellationToken.None);
        Assert.Equal(6, all.Findings.Count);

        var limited = await Scanner(4).ScanAsync(new MemoryStream(zip), "pair.zip", CancellationToken.None);

        Assert.Equal(all.Findings.Take(4), limited.Findings);
        Assert.Equal(Tallies(all.Findings.Skip(4)), limited.FindingsNotListed);
        Assert.Equal(all.CountsAtOrAbove(FindingConfidence.Low), limited.CountsAtOrAbove(FindingConfidence.Low));
        Assert.Equal(all.IsSensitive, limited.IsSensitive);

        // The archive's list is the only one: each member keeps its counts, not a list of its own.
        Assert.All(limited.Members, m =>
        {
            Assert.Empty(m.Findings);
            Assert.Equal(3, m.FindingCount);
            Assert.Equal(all.Findings.Count(f => f.Source == m.Source), m.CountsAtOrAbove(FindingConfidence.Low).Values.Sum());
        });
    }

    [Fact]
    public async Task Values_that_start_where_an_email_starts_are_listed_alike_streamed_and_whole()
    {
        // A phone number at the start of an address starts where the address does: every path orders the two alike.
        var random = new Random(20261204);
        var text = string.Concat(Enumerable.Range(0, 60_000).Select(_ => "联系 1" + random.Next(3, 10) + random.Next(100_000_000, 1_000_000_000) + "@qq.com\n"));
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.True(bytes.Length > StreamedTextScanner.DefaultChunkBytes, "the file needs more than one chunk");

        foreach (var limit in new[] { 1, 12, 777, 59_999, 100_000 })
        {
            var streamed = await Scanner(limit).ScanAsync(new MemoryStream(bytes), "qq.txt", CancellationToken.None);
            var whole = await Scanner(limit).ScanAsync(new StreamedTextScannerTests.UnseekableStream(bytes), "qq.txt", CancellationToken.None);
            Assert.Equal(whole.Findings, streamed.Findings);
            Assert.Equal(whole.FindingsNotListed, streamed.FindingsNotListed);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void A_limit_below_one_is_refused_at_start(string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Scanning:FingerprintKey"] = Key,
                ["Scanning:MaxFindingsPerFile"] = value,
            })
            .Build();

        var refused = Assert.Throws<OptionsValidationException>(() => configuration.ResolveValidatedOptions<ScanningOptions>(ScanningServiceCollectionExtensions.AddScanningOptions));
        Assert.Contains("Scanning__MaxFindingsPerFile", refused.Message, StringComparison.Ordinal);
    }
}
