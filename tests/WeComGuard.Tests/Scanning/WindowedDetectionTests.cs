using WeComGuard.Core.Scanning;

namespace WeComGuard.Tests.Scanning;

/// <summary>
/// Detection over extracted text runs in windows, the token checked between them: the findings must be those of one pass
/// over the whole text, in the same order, with the same locations, wherever the window boundaries fall.
/// </summary>
public sealed class WindowedDetectionTests
{
    private const string Id = "11010519491231002X";

    private static readonly FindingFingerprinter Fingerprinter = new("windowed-test-key");

    /// <summary>The smallest window allowed: one more character than a stopped pass backs up over.</summary>
    private const int SmallestWindow = 4097;

    private static List<SensitiveFinding> Findings(ExtractedText text, int windowCharacters)
    {
        var findings = new FindingList(int.MaxValue);
        TextFindingBuilder.AddFindings(text, "w.txt", Fingerprinter, [], findings, windowCharacters, CancellationToken.None);
        return findings.Listed;
    }

    private static List<SensitiveFinding> OnePass(ExtractedText text) => Findings(text, int.MaxValue);

    [Fact]
    public void Windowed_detection_gives_the_findings_of_one_pass_over_the_labelled_text()
    {
        // Several hundred windows at the smallest size, so many values and keyword windows straddle a boundary.
        var text = new ExtractedText(string.Concat(Enumerable.Repeat(StreamedTextScannerTests.LabelledText(), 3)));
        var whole = OnePass(text);
        Assert.True(whole.Count > 500, $"the labelled text should have many findings, not {whole.Count}");

        var random = new Random(20261203);
        foreach (var window in new[] { SmallestWindow, 8191, 65_536, SensitiveTextScanner.WindowCharacters, random.Next(SmallestWindow, 200_000), random.Next(SmallestWindow, 200_000) })
        {
            Assert.Equal(whole, Findings(text, window));
        }
    }

    [Fact]
    public void Values_straddling_a_window_boundary_are_found_once_each_on_their_line()
    {
        var head = string.Concat(Enumerable.Repeat("会议纪要已上传到共享盘，请大家及时查阅。\n", 400));
        var values = $"员工身份证号：{Id}，邮箱 zhang.wei@example.com，手机 +86 138-0013-8000。\n";
        var text = new ExtractedText(head + values + "请核对。\n");
        var whole = OnePass(text);
        Assert.Equal([DetectorIds.ResidentId, DetectorIds.Email, DetectorIds.Mobile], whole.Select(f => f.DetectorId));
        var line = "line " + (head.Count(c => c == '\n') + 1);
        Assert.All(whole, f => Assert.Equal(line, f.Location));

        // A boundary before, inside and after each of the three values.
        Assert.True(head.Length > SmallestWindow, "the boundary must be able to fall before the values");
        for (var window = head.Length - 2; window <= head.Length + values.Length; window++)
        {
            Assert.Equal(whole, Findings(text, window));
        }
    }

    [Fact]
    public void Windowed_detection_over_anchored_text_locates_each_value_at_its_anchor()
    {
        // As an xlsx or pptx is extracted: one anchor per cell or slide.
        var cells = Enumerable.Range(1, 3000).Select(row => $"员工 {row} 的证件 {(row % 7 == 0 ? Id : "无")}\n").ToList();
        var anchors = new List<TextAnchor>();
        var offset = 0;
        for (var row = 0; row < cells.Count; row++)
        {
            anchors.Add(new TextAnchor(offset, $"Sheet1!B{row + 1}"));
            offset += cells[row].Length;
        }

        var text = new ExtractedText(string.Concat(cells), anchors);
        var whole = OnePass(text);
        Assert.Equal(3000 / 7, whole.Count);
        Assert.Equal("Sheet1!B7", whole[0].Location);

        foreach (var window in new[] { SmallestWindow, 5000, 12_345 })
        {
            Assert.Equal(whole, Findings(text, window));
        }
    }

    [Fact]
    public void A_window_no_larger_than_the_run_a_stopped_pass_backs_up_over_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Findings(new ExtractedText("x"), SmallestWindow - 1));
    }

    [Fact]
    public void Detection_stops_at_the_next_window_once_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var findings = new FindingList(int.MaxValue);

        Assert.Throws<OperationCanceledException>(() =>
            TextFindingBuilder.AddFindings(new ExtractedText(Id), "w.txt", Fingerprinter, [], findings, SmallestWindow, cancel.Token));
        Assert.Empty(findings.Listed);
    }
}
