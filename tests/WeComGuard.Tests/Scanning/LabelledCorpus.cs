using System.Globalization;

namespace WeComGuard.Tests.Scanning;

/// <summary>A labelled sample: text and the (detector, canonical value) pairs a correct scanner reports in it.</summary>
internal sealed record LabelledSample(string Text, IReadOnlyList<(string Detector, string Canonical)> Expected);

/// <summary>
/// Generates WeCom-style Chinese text with sensitive values (with and without keywords, with separators and prefixes)
/// and look-alike decoys that must not be reported: failed checksums, impossible dates, order numbers, 13-digit
/// timestamps, tracking numbers, digits glued to letters.
/// </summary>
internal static class LabelledCorpus
{
    private static readonly string[] Filler =
    [
        "请各部门于本周五前提交季度总结。", "会议纪要已上传到共享盘。", "客户反馈产品体验良好，", "下周二下午三点在 3 号会议室开会。",
        "The quarterly report is attached for review. ", "项目进度按计划推进，", "请注意保护客户隐私。", "订单已发货，请留意物流信息。",
    ];

    public static List<LabelledSample> Generate(int seed, int count)
    {
        var values = new SampleValues(seed);
        var samples = new List<LabelledSample>(count);
        for (var i = 0; i < count; i++)
        {
            var expected = new List<(string, string)>();
            var text = values.Pick(Filler) + Positive(values, expected) + values.Pick(Filler) + Decoy(values) + values.Pick(Filler);
            samples.Add(new LabelledSample(text, expected));
        }

        return samples;
    }

    private static string Positive(SampleValues values, List<(string, string)> expected)
    {
        switch (values.Random.Next(17))
        {
            case 0:
                {
                    var id = values.ResidentId();
                    expected.Add(("cn-resident-id", id));
                    return values.Random.Next(2) == 0 ? $"员工身份证号：{id}，" : $"证件 {id.ToLowerInvariant()} 已核验。";
                }

            case 1:
                {
                    var mobile = values.Mobile();
                    expected.Add(("cn-mobile", mobile));
                    return values.Random.Next(3) switch
                    {
                        0 => $"联系电话：{mobile}。",
                        1 => $"手机 +86 {mobile[..3]}-{mobile[3..7]}-{mobile[7..]}，",
                        _ => $"请回电 {mobile[..3]} {mobile[3..7]} {mobile[7..]}。",
                    };
                }

            case 2:
                {
                    var card = values.BankCard();
                    expected.Add(("bank-card", card));
                    if (card.Length == 16 && values.Random.Next(2) == 0)
                    {
                        return $"银行卡号 {card[..4]} {card[4..8]} {card[8..12]} {card[12..]}，";
                    }

                    return $"开户行：招商银行，卡号{card}。";
                }

            case 3:
                {
                    var uscc = values.Uscc();
                    expected.Add(("cn-uscc", uscc));
                    return $"统一社会信用代码：{uscc}；";
                }

            case 4:
                {
                    var email = values.Email();
                    expected.Add(("email", email.ToLowerInvariant()));
                    return $"邮箱 {email}，";
                }

            case 5:
                {
                    var key = values.AwsKeyId();
                    expected.Add(("credential", key));
                    return $"aws_access_key_id = {key}\n";
                }

            case 6:
                {
                    var token = values.GitHubToken();
                    expected.Add(("credential", token));
                    return $"GH token: {token}\n";
                }

            case 7:
                {
                    var key = values.AlibabaKeyId();
                    expected.Add(("credential", key));
                    return $"阿里云 AccessKeyId {key} ";
                }

            case 8:
                {
                    var jwt = values.Jwt();
                    expected.Add(("credential", jwt));
                    return $"Authorization: Bearer {jwt}\n";
                }

            case 9:
                {
                    var webhook = values.WeComWebhook();
                    expected.Add(("credential", webhook[(webhook.IndexOf("key=", StringComparison.Ordinal) + 4)..]));
                    return $"机器人地址 {webhook} ";
                }

            case 10:
                {
                    var secret = values.GenericSecret();
                    expected.Add(("credential", secret));
                    return $"client_secret=\"{secret}\"\n";
                }

            case 11:
                {
                    var pem = values.PemPrivateKey();
                    expected.Add(("credential", pem));
                    return "\n" + pem + "\n";
                }

            case 12:
                {
                    var passport = values.Passport();
                    expected.Add(("cn-passport", passport));
                    return $"护照号码 {passport}，";
                }

            case 13:
                {
                    var permit = values.HkMacauPermit();
                    expected.Add(("hk-macau-permit", permit));
                    return $"往来港澳通行证 {permit}，";
                }

            case 14:
                {
                    var password = "Wc" + values.Chars("abcdefghijkmnpqrstuvwxyz23456789!@#", 8);
                    expected.Add(("password-field", password));
                    return values.Random.Next(2) == 0 ? $"初始密码：{password} 请尽快修改。" : $"password={password}\n";
                }

            case 15:
                {
                    var level = values.Pick(["绝密", "机密", "秘密"]);
                    var years = values.Random.Next(1, 30).ToString(CultureInfo.InvariantCulture);
                    expected.Add(("classification-mark", $"{level}★{years}年"));
                    return $"{level}★{years}年 ";
                }

            default:
                {
                    var mark = values.Pick(["商业秘密", "内部资料"]);
                    expected.Add(("classification-mark", mark));
                    return $"本文件属于{mark}，";
                }
        }
    }

    private static string Decoy(SampleValues values) => values.Random.Next(12) switch
    {
        0 => $"身份证号 {values.ResidentIdWithWrongCheck()} 校验失败，",
        1 => $"证件 {values.ResidentIdWithBadDate()}，",
        2 => $"卡号 {values.BankCardWithWrongCheck()} 无效，",
        3 => $"信用代码 {values.UsccWithWrongCheck()}，",
        4 => $"订单号 2024{values.Digits(15)}，",
        5 => $"时间戳 17{values.Digits(11)}，",
        6 => $"快递单号 SF{values.Digits(13)}，",
        7 => $"编号 ID{values.Mobile()}x，",
        8 => $"流水号 {values.Mobile()}{values.Digits(1)}，",
        9 => "密码：******，",
        10 => $"user@localhost 与 AKIA{values.Digits(5)}，",
        _ => $"版本号 v{values.Digits(1)}.{values.Digits(2)}.{values.Digits(3)}，",
    };
}
