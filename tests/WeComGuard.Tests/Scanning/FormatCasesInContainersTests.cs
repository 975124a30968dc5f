using System.Globalization;
using System.Text;
using WeComGuard.Core.Scanning;
using Xunit.Abstractions;

namespace WeComGuard.Tests.Scanning;

/// <summary>
/// The labelled format cases written into every container the scanner reads give the same (detector, fingerprint) values
/// as the cases scanned one by one, and the per-detector figures (positives found, near misses flagged) are printed.
/// </summary>
public sealed class FormatCasesInContainersTests(ITestOutputHelper output)
{
    private static readonly FileScanner Scanner = new(new ScanningOptions { FingerprintKey = "containers-key" });

    public static TheoryData<string> Containers => ["utf-8.txt", "utf-16le.txt", "utf-16be.txt", "gb18030.txt", "csv", "docx", "xlsx", "pptx", "pdf", "zip"];

    private static List<string> Expected(IEnumerable<FormatCase> cases) =>
        cases.SelectMany(c => Scanner.ScanText(c.Text.Replace('\n', ' '), "case")).Select(f => f.DetectorId + " " + f.Fingerprint).Order(StringComparer.Ordinal).ToList();

    private static string Csv(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [Theory]
    [MemberData(nameof(Containers))]
    public async Task Every_format_case_gives_the_same_values_in_the_container(string container)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        // The PDF test font (Helvetica) has no CJK or full-width glyphs: the PDF carries the ASCII cases.
        var cases = container == "pdf" ? FormatCases.All.Where(c => c.Text.All(ch => ch < 128)).ToList() : FormatCases.All.ToList();
        var lines = cases.Select(c => c.Text.Replace('\n', ' ')).ToList();
        var text = string.Join('\n', lines) + "\n";
        var bytes = container switch
        {
            "utf-8.txt" => Encoding.UTF8.GetBytes(text),
            "utf-16le.txt" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            "utf-16be.txt" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
            "gb18030.txt" => Encoding.GetEncoding(54936).GetBytes(text),
            "csv" => Encoding.UTF8.GetBytes("case,text\n" + string.Join('\n', cases.Select(c => Csv(c.Name.Replace(' ', '_')) + "," + Csv(c.Text.Replace('\n', ' ')))) + "\n"),
            "docx" => TestDocuments.Docx(text, "", "", "", ""),
            "xlsx" => TestDocuments.XlsxColumn(lines),
            "pptx" => TestDocuments.Pptx(text, ""),
            "pdf" => TestDocuments.Pdf([.. lines]),
            _ => TestDocuments.Zip(
                ("cases/first-half.txt", Encoding.GetEncoding(54936).GetBytes(string.Join('\n', lines.Take(lines.Count / 2)))),
                ("cases/second-half.docx", TestDocuments.Docx(string.Join('\n', lines.Skip(lines.Count / 2)), "", "", "", ""))),
        };

        var result = await Scanner.ScanAsync(new MemoryStream(bytes), "cases." + container.Split('.')[^1], CancellationToken.None);

        Assert.Equal(FileScanStatus.Scanned, result.Status);
        var expected = Expected(cases);
        Assert.True(expected.Count >= cases.Count(c => c.IsPositive), $"{expected.Count} values for {cases.Count(c => c.IsPositive)} positives");
        Assert.Equal(expected, result.Findings.Select(f => f.DetectorId + " " + f.Fingerprint).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Per_detector_figures_on_the_labelled_cases_and_corpus()
    {
        var report = new StringBuilder();
        report.AppendLine("detector | format positives found | near misses flagged | corpus precision | corpus recall");
        var corpus = LabelledCorpus.Generate(seed: 20261129, count: 6000);
        var allFound = true;
        foreach (var detector in DetectorIds.All)
        {
            var positives = FormatCases.All.Where(c => c.Detector == detector && c.IsPositive).ToList();
            var negatives = FormatCases.All.Where(c => c.Detector == detector && !c.IsPositive).ToList();
            var found = positives.Count(c => DetectorFormatsTests.Found(c.Text).Any(f => f.Detector == detector && f.Canonical == c.Canonical));
            var flagged = negatives.Count(c => DetectorFormatsTests.Found(c.Text).Any(f => f.Detector == detector));
            allFound &= found == positives.Count && flagged == 0;

            int truePositives = 0, falsePositives = 0, falseNegatives = 0;
            foreach (var sample in corpus)
            {
                var expected = sample.Expected.Where(e => e.Detector == detector).Select(e => e.Canonical).ToList();
                foreach (var value in DetectorFormatsTests.Found(sample.Text).Where(f => f.Detector == detector).Select(f => f.Canonical))
                {
                    if (expected.Remove(value))
                    {
                        truePositives++;
                    }
                    else
                    {
                        falsePositives++;
                    }
                }

                falseNegatives += expected.Count;
            }

            report.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{detector} | {found}/{positives.Count} | {flagged}/{negatives.Count} | {truePositives}/{truePositives + falsePositives} | {truePositives}/{truePositives + falseNegatives}"));
        }

        output.WriteLine(report.ToString());
        Assert.True(allFound, report.ToString());
    }
}
