using System.Text;
using System.Text.Json;
using WeComGuard.Cli.Commands;
using WeComGuard.Core.Scanning;

namespace WeComGuard.Tests.Cli;

/// <summary>The jsonl the security team reads: one line per finding in the scan's order, however many findings there are.</summary>
public sealed class ScanOutputWriterTests
{
    [Theory]
    [InlineData(3, FindingConfidence.Low)]
    [InlineData(70_001, FindingConfidence.Low)]
    [InlineData(70_001, FindingConfidence.Medium)]
    public async Task Every_finding_at_or_above_the_minimum_is_one_line_in_the_scans_order(int count, FindingConfidence minimum)
    {
        // Enough findings for several batches of lines serialized on every core, with a bidi override in some (escaped).
        var confidences = new[] { FindingConfidence.Low, FindingConfidence.Medium, FindingConfidence.High };
        var findings = Enumerable.Range(0, count).Select(i => new SensitiveFinding(
            "dense.txt",
            i % 7 == 0 ? DetectorIds.ResidentId : DetectorIds.Mobile,
            confidences[i % 3],
            i % 1000 == 0 ? "138****\u202E0000" : "138****" + (i % 10000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
            i.ToString("x64", System.Globalization.CultureInfo.InvariantCulture),
            "line " + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var result = new FileScanResult
        {
            Source = "dense.txt", Sha256 = "s", Md5 = "m", Size = 1, Type = "txt", Status = FileScanStatus.Scanned, Findings = findings,
        };

        var output = new MemoryStream();
        await using (var writer = new ScanOutputWriter(output, table: false, minimum))
        {
            await writer.WriteAsync(result, CancellationToken.None);
        }

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = findings.Where(f => f.Confidence >= minimum).ToList();
        Assert.Equal(expected.Count + 1, lines.Length);
        for (var i = 0; i < expected.Count; i++)
        {
            using var line = JsonDocument.Parse(lines[i]);
            Assert.Equal(expected[i].Location, line.RootElement.GetProperty("location").GetString());
            Assert.Equal(expected[i].Masked, line.RootElement.GetProperty("masked").GetString());
            Assert.DoesNotContain('\u202E', lines[i]);
        }

        using var file = JsonDocument.Parse(lines[^1]);
        Assert.Equal("file", file.RootElement.GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_file_with_findings_past_the_limit_counts_them_and_says_how_many_are_not_listed(bool table)
    {
        var result = new FileScanResult
        {
            Source = "phones.txt", Sha256 = "s", Md5 = "m", Size = 1, Type = "txt", Status = FileScanStatus.Scanned,
            Findings = [new SensitiveFinding("phones.txt", DetectorIds.Mobile, FindingConfidence.Low, "138****5678", new string('a', 64), "line 1")],
            FindingsNotListed =
            [
                new FindingTally(DetectorIds.Mobile, FindingConfidence.Low, 8_000_000),
                new FindingTally(DetectorIds.ResidentId, FindingConfidence.High, 2),
            ],
        };

        var output = new MemoryStream();
        await using (var writer = new ScanOutputWriter(output, table, FindingConfidence.Low))
        {
            await writer.WriteAsync(result, CancellationToken.None);
        }

        var text = Encoding.UTF8.GetString(output.ToArray());
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (table)
        {
            Assert.Equal("# phones.txt: scanned txt, 1 finding(s) and 8000002 more counted, not listed", lines[^1]);
            return;
        }

        Assert.Equal(2, lines.Length);
        using var file = JsonDocument.Parse(lines[^1]);
        var counts = file.RootElement.GetProperty("counts");
        Assert.Equal(8_000_001, counts.GetProperty(DetectorIds.Mobile).GetInt32());
        Assert.Equal(2, counts.GetProperty(DetectorIds.ResidentId).GetInt32());
        Assert.Equal(8_000_002, file.RootElement.GetProperty("notListed").GetInt32());
    }

    [Fact]
    public async Task Not_listed_findings_below_the_minimum_are_neither_counted_nor_mentioned()
    {
        var result = new FileScanResult
        {
            Source = "phones.txt", Sha256 = "s", Md5 = "m", Size = 1, Type = "txt", Status = FileScanStatus.Scanned,
            FindingsNotListed = [new FindingTally(DetectorIds.Mobile, FindingConfidence.Low, 5)],
        };

        var output = new MemoryStream();
        await using (var writer = new ScanOutputWriter(output, table: false, FindingConfidence.Medium))
        {
            await writer.WriteAsync(result, CancellationToken.None);
        }

        using var file = JsonDocument.Parse(Encoding.UTF8.GetString(output.ToArray()).Trim());
        Assert.Empty(file.RootElement.GetProperty("counts").EnumerateObject());
        Assert.False(file.RootElement.TryGetProperty("notListed", out _));
    }
}
