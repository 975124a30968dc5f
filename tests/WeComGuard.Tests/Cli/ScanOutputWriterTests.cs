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
}
