using System.Security.Cryptography;
using System.Text;
using WeComGuard.Core.Scanning;

namespace WeComGuard.Tests.Scanning;

public sealed class SensitiveTextScannerTests
{
    private static List<(string Detector, string Value, FindingConfidence Confidence)> Scan(string text)
    {
        var matches = new List<SensitiveMatch>();
        SensitiveTextScanner.Scan(text, matches);
        return matches.Select(m => (m.DetectorId, text.Substring(m.Start, m.Length), m.Confidence)).ToList();
    }

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("440524188001010014")]
    public void Standard_resident_id_vectors_are_found(string id)
    {
        var found = Assert.Single(Scan($"附件：{id}。"));
        Assert.Equal((DetectorIds.ResidentId, id, FindingConfidence.Medium), found);
    }

    [Fact]
    public void A_keyword_within_300_characters_raises_confidence_and_one_farther_away_does_not()
    {
        var near = Scan("身份证号码" + new string('。', 290) + "11010519491231002X");
        var far = Scan("身份证号码" + new string('。', 310) + "11010519491231002X");

        Assert.Equal(FindingConfidence.High, Assert.Single(near).Confidence);
        Assert.Equal(FindingConfidence.Medium, Assert.Single(far).Confidence);
    }

    [Theory]
    [InlineData("11010519491231002X1")]
    [InlineData("ID11010519491231002X")]
    [InlineData("订单1700000000000号")]
    [InlineData("a13812345678")]
    [InlineData("138123456789")]
    public void A_value_touching_another_ascii_letter_or_digit_is_not_a_match(string text)
    {
        Assert.Empty(Scan(text));
    }

    [Fact]
    public void Candidates_failing_their_check_are_not_reported()
    {
        Assert.Empty(Scan("身份证 110105194912310021 卡号 6222021234567890124 代码 91512081MA62K0260F 日期错 110105199913310028"));
    }

    [Theory]
    [InlineData("91512081MA62K0260E")]
    [InlineData("91350100M000100Y43")]
    public void Uscc_vectors_are_found_and_the_wrong_check_character_is_not(string code)
    {
        Assert.Equal(DetectorIds.Uscc, Assert.Single(Scan($"信用代码{code}")).Detector);
        Assert.Empty(Scan($"信用代码{code[..17]}Z"));
    }

    [Fact]
    public void A_valid_resident_id_is_reported_as_an_id_and_not_also_as_a_uscc()
    {
        var found = Scan("统一社会信用代码 11010519491231002X");
        Assert.Equal(DetectorIds.ResidentId, Assert.Single(found).Detector);
    }

    [Theory]
    [InlineData("请打 13812345678", "13812345678", FindingConfidence.Low)]
    [InlineData("手机：13812345678", "13812345678", FindingConfidence.Medium)]
    [InlineData("请打 138-1234-5678", "138-1234-5678", FindingConfidence.Low)]
    [InlineData("号码 +86 138 1234 5678", "+86 138 1234 5678", FindingConfidence.Medium)]
    [InlineData("号码 008613812345678", "008613812345678", FindingConfidence.Medium)]
    public void Mobiles_in_their_written_forms(string text, string value, FindingConfidence confidence)
    {
        Assert.Equal((DetectorIds.Mobile, value, confidence), Assert.Single(Scan(text)));
    }

    [Theory]
    [InlineData("6222021234567890128")]
    [InlineData("4111111111111111")]
    [InlineData("5500 0000 0000 0004")]
    public void Luhn_valid_cards_with_a_network_prefix_are_found(string card)
    {
        Assert.Equal((DetectorIds.BankCard, card), Assert.Single(Scan($"请转账 {card} 谢谢")) is var f ? (f.Detector, f.Value) : default);
    }

    [Fact]
    public void A_luhn_valid_number_without_a_card_network_is_not_a_card()
    {
        Assert.Empty(Scan("编号 1111111111111117"));
    }

    [Theory]
    [InlineData("AKIA2E3MXJQ7KZ5VB4NP")]
    [InlineData("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")]
    [InlineData("LTAI5tQ8fP2wXk9rZbN3mH7d")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")]
    public void Structured_credentials_are_found_with_high_confidence(string credential)
    {
        Assert.Equal((DetectorIds.Credential, credential, FindingConfidence.High), Assert.Single(Scan($"config: {credential}\n")));
    }

    [Fact]
    public void A_wecom_webhook_key_and_a_pem_private_key_are_credentials()
    {
        var pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
        var found = Scan("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa\n" + pem);
        Assert.Contains(found, f => f.Detector == DetectorIds.Credential && f.Value == pem);
        Assert.DoesNotContain(found, f => f.Value.StartsWith("693a91f6", StringComparison.Ordinal));

        var webhook = Scan("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7c1e-4bc4-97a0-0ec2cdfa5aaa");
        Assert.Equal((DetectorIds.Credential, "693a91f6-7c1e-4bc4-97a0-0ec2cdfa5aaa"), (webhook.Single().Detector, webhook.Single().Value));
    }

    [Fact]
    public void Generic_key_value_secrets_need_enough_entropy()
    {
        Assert.Equal(DetectorIds.Credential, Assert.Single(Scan("api_key = \"9fQ2xLk7Vb3RtW8zYp4N\"")).Detector);
        Assert.Empty(Scan("api_key = \"aaaaaaaaaaaaaaaa\""));
    }

    [Theory]
    [InlineData("初始密码：Welcome@2026 请修改", "Welcome@2026")]
    [InlineData("\"password\": \"s3cr3t!pass\"", "s3cr3t!pass")]
    public void Password_fields_are_found(string text, string value)
    {
        Assert.Equal((DetectorIds.PasswordField, value), Assert.Single(Scan(text)) is var f ? (f.Detector, f.Value) : default);
    }

    [Theory]
    [InlineData("密码：******")]
    [InlineData("密码：请联系管理员")]
    [InlineData("password=${DB_PASSWORD}")]
    public void Password_placeholders_are_not_password_fields(string text)
    {
        Assert.DoesNotContain(Scan(text), f => f.Detector == DetectorIds.PasswordField);
    }

    [Theory]
    [InlineData("机密★10年", "机密★10年", FindingConfidence.High)]
    [InlineData("绝密 ★长期", "绝密 ★长期", FindingConfidence.High)]
    [InlineData("本方案为商业秘密", "商业秘密", FindingConfidence.Medium)]
    [InlineData("内部资料 不得外传", "内部资料", FindingConfidence.High)]
    public void Classification_marks(string text, string value, FindingConfidence confidence)
    {
        Assert.Equal((DetectorIds.ClassificationMark, value, confidence), Assert.Single(Scan(text)));
    }

    [Fact]
    public void A_plain_mention_of_secrecy_is_not_a_mark()
    {
        Assert.Empty(Scan("请注意机密文件的保管"));
    }

    [Theory]
    [InlineData("护照 E12345678", DetectorIds.Passport, FindingConfidence.Medium)]
    [InlineData("编号 EA1234567", DetectorIds.Passport, FindingConfidence.Low)]
    [InlineData("港澳通行证 C12345678", DetectorIds.HkMacauPermit, FindingConfidence.Medium)]
    [InlineData("回乡证 H1234567801", DetectorIds.HkMacauPermit, FindingConfidence.Medium)]
    public void Passports_and_permits_are_low_without_a_keyword(string text, string detector, FindingConfidence confidence)
    {
        var found = Assert.Single(Scan(text));
        Assert.Equal((detector, confidence), (found.Detector, found.Confidence));
    }

    [Theory]
    [InlineData(DetectorIds.ResidentId, "11010519491231002x", "11010519491231002X", "110105********002X")]
    [InlineData(DetectorIds.Mobile, "+86 138-1234-5678", "13812345678", "138****5678")]
    [InlineData(DetectorIds.BankCard, "6222 0212 3456 7890 123", "6222021234567890123", "622202*********0123")]
    [InlineData(DetectorIds.Uscc, "91512081ma62k0260e", "91512081MA62K0260E", "91512081******260E")]
    [InlineData(DetectorIds.Email, "Zhang.San@Example.COM", "zhang.san@example.com", "z***@example.com")]
    [InlineData(DetectorIds.Credential, "AKIA2E3MXJQ7KZ5VB4NP", "AKIA2E3MXJQ7KZ5VB4NP", "AKIA****************")]
    [InlineData(DetectorIds.PasswordField, "Welcome@2026", "Welcome@2026", "******")]
    public void Canonical_values_and_masks(string detector, string raw, string canonical, string masked)
    {
        var value = MatchValues.Canonical(detector, raw);
        Assert.Equal(canonical, value);
        Assert.Equal(masked, MatchValues.Mask(detector, value));
    }

    [Fact]
    public void The_fingerprint_is_lowercase_hex_hmac_sha256_of_the_canonical_value()
    {
        var fingerprinter = new FindingFingerprinter("test-key");
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("test-key"), Encoding.UTF8.GetBytes("13812345678")));

        Assert.Equal(expected, fingerprinter.Fingerprint("13812345678"));
        Assert.NotEqual(expected, new FindingFingerprinter("other-key").Fingerprint("13812345678"));
    }
}
