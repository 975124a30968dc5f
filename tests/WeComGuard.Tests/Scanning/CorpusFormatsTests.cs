using System.Text;
using WeComGuard.Core.Scanning;

namespace WeComGuard.Tests.Scanning;

/// <summary>
/// The labelled corpus written in each encoding and Office format gives the same (detector, fingerprint) values as its
/// plain text, which <see cref="DetectorAccuracyTests"/> holds to the precision and recall targets.
/// </summary>
public sealed class CorpusFormatsTests
{
    private static readonly List<LabelledSample> Samples = LabelledCorpus.Generate(seed: 4, count: 300);

    private static readonly FileScanner Scanner = new(new ScanningOptions { FingerprintKey = "corpus-key" });

    private static List<string> Values(FileScanResult result) =>
        result.Findings.Select(f => f.DetectorId + " " + f.Fingerprint).Order(StringComparer.Ordinal).ToList();

    private static List<string> Expected(string text) =>
        Scanner.ScanText(text, "plain").Select(f => f.DetectorId + " " + f.Fingerprint).Order(StringComparer.Ordinal).ToList();

    public static TheoryData<string> Formats => ["utf-8.txt", "utf-16.txt", "gb18030.csv", "docx", "xlsx", "pptx", "zip"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Every_labelled_value_is_found_in_every_format(string format)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var lines = Samples.Select(s => s.Text.Replace('\n', ' ')).ToList();
        var text = string.Join('\n', lines) + "\n";
        var bytes = format switch
        {
            "utf-8.txt" => Encoding.UTF8.GetBytes(text),
            "utf-16.txt" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            "gb18030.csv" => Encoding.GetEncoding(54936).GetBytes(text),
            "docx" => TestDocuments.Docx(text, "", "", "", ""),
            "xlsx" => TestDocuments.XlsxColumn(lines),
            "pptx" => TestDocuments.Pptx(text, ""),
            _ => TestDocuments.Zip(("a/part1.txt", Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(150)))), ("b/part2.docx", TestDocuments.Docx(string.Join('\n', lines.Skip(150)), "", "", "", ""))),
        };

        var result = await Scanner.ScanAsync(new MemoryStream(bytes), "corpus." + format.Split('.')[^1], CancellationToken.None);

        Assert.Equal(FileScanStatus.Scanned, result.Status);
        var expected = Expected(text);
        Assert.True(expected.Count > 250, $"only {expected.Count} values in the corpus text");
        Assert.Equal(expected, Values(result));
    }
}
