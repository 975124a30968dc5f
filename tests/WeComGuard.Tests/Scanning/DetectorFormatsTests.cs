using WeComGuard.Core.Scanning;

namespace WeComGuard.Tests.Scanning;

/// <summary>Each labelled format case: positives give exactly their canonical value, near misses give nothing for their detector.</summary>
public sealed class DetectorFormatsTests
{
    private static readonly FileScanner Scanner = new(new ScanningOptions { FingerprintKey = "formats-key" });

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var item in FormatCases.All)
        {
            data.Add(item.Name);
        }

        return data;
    }

    internal static List<(string Detector, string Canonical, FindingConfidence Confidence)> Found(string text)
    {
        var matches = new List<SensitiveMatch>();
        SensitiveTextScanner.Scan(text, matches);
        return matches.Select(m => (m.DetectorId, MatchValues.Canonical(m.DetectorId, text.AsSpan(m.Start, m.Length)), m.Confidence)).ToList();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Format_case_is_found_or_not_reported(string name)
    {
        var item = FormatCases.All.Single(c => c.Name == name);
        var found = Found(item.Text);
        if (item.IsPositive)
        {
            Assert.Equal([(item.Detector, item.Canonical!)], found.Select(f => (f.Detector, f.Canonical)));
        }
        else
        {
            Assert.DoesNotContain(found, f => f.Detector == item.Detector);
        }
    }

    [Theory]
    [InlineData("110101 19900307 1233", "110101199003071233")]
    [InlineData("１１０１０１１９９００３０７１２３３", "110101-19900307-1233")]
    [InlineData("110105491231002", "11010519491231002x")]
    [InlineData("+86 138 1234 5678", "13812345678")]
    [InlineData("（+86）138-1234-5678", "0086 138.1234.5678")]
    [InlineData("91 110000 600037341l", "９１１１００００６０００３７３４１Ｌ")]
    [InlineData("6222 0212 3456 7890 128", "６２２２-０２１２-３４５６-７８９０-１２８")]
    [InlineData("LI@例子.中国", "li＠xn--fsqu00a．xn--fiqs8s")]
    public void Every_written_form_of_a_value_has_one_fingerprint(string written, string other)
    {
        var first = Assert.Single(Scanner.ScanText("身份证 卡号 手机 " + written + " 。", "a"));
        var second = Assert.Single(Scanner.ScanText("身份证 卡号 手机 " + other + " 。", "b"));
        Assert.Equal(first.DetectorId, second.DetectorId);
        Assert.Equal(first.Fingerprint, second.Fingerprint);
    }

    [Fact]
    public void A_15_digit_id_is_low_confidence_alone_and_medium_beside_a_keyword_while_18_digits_are_medium_and_high()
    {
        Assert.Equal(FindingConfidence.Low, Assert.Single(Found("编号 110105491231002")).Confidence);
        Assert.Equal(FindingConfidence.Medium, Assert.Single(Found("身份证 110105491231002")).Confidence);
        Assert.Equal(FindingConfidence.Medium, Assert.Single(Found("编号 11010519491231002X")).Confidence);
        Assert.Equal(FindingConfidence.High, Assert.Single(Found("身份证 11010519491231002X")).Confidence);
    }

    [Fact]
    public void A_github_token_whose_checksum_holds_is_high_and_one_whose_checksum_fails_is_low()
    {
        var token = new SampleValues(99).GitHubToken("ghp_");
        var broken = token[..^2] + (token[^2] == 'z' ? 'y' : 'z') + token[^1];

        Assert.Equal(FindingConfidence.High, Assert.Single(Found("ci " + token)).Confidence);
        Assert.Equal(FindingConfidence.Low, Assert.Single(Found("ci " + broken)).Confidence);
    }

    [Fact]
    public void Github_s_published_checksum_vector_holds()
    {
        // CRC32("zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ") in base62 (0-9A-Za-z): the worked example of the format.
        Assert.True(Checksums.IsGitHubTokenChecksum("zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq17"));
        Assert.False(Checksums.IsGitHubTokenChecksum("zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq18"));
    }

    [Fact]
    public void An_unsigned_jwt_is_medium_and_a_signed_one_high()
    {
        var header = FormatCases.Base64Url("{\"alg\":\"none\"}");
        var payload = FormatCases.Base64Url("{\"sub\":\"1\"}");
        var signed = FormatCases.Base64Url("{\"alg\":\"RS256\"}") + "." + payload + ".c2lnbmF0dXJlLW9mLWVub3VnaC1sZW5ndGg";

        Assert.Equal(FindingConfidence.Medium, Assert.Single(Found($"x {header}.{payload}. y")).Confidence);
        Assert.Equal(FindingConfidence.High, Assert.Single(Found($"x {signed} y")).Confidence);
    }

    [Fact]
    public void A_generic_secret_under_a_bare_key_name_is_low_and_under_a_secret_name_medium()
    {
        Assert.Equal(FindingConfidence.Low, Assert.Single(Found("key = Zt4kP9qW2xLm8vB3nR6s\n")).Confidence);
        Assert.Equal(FindingConfidence.Medium, Assert.Single(Found("api_key = Zt4kP9qW2xLm8vB3nR6s\n")).Confidence);
    }
}
