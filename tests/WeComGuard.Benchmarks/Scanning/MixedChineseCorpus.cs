using System.Globalization;
using System.Text;

namespace WeComGuard.Benchmarks.Scanning;

/// <summary>Writes mixed Chinese text (office chatter, English, numbers, decoys, roughly one sensitive value per 2 KB).</summary>
internal static class MixedChineseCorpus
{
    private static readonly string[] Lines =
    [
        "请各部门于本周五前提交季度总结，逾期将影响绩效考核。",
        "会议纪要已上传到共享盘，请大家及时查阅并反馈意见。",
        "The quarterly review meeting is moved to Thursday 3pm, room 12F-03.",
        "客户反馈新版本体验良好，但希望增加批量导出功能。",
        "订单号 2024112900012345678 已发货，快递单号 SF1234567890123。",
        "本月服务器费用合计 128,450.00 元，较上月下降 3.2%。",
        "时间戳 1732867200000 对应的日志已归档。",
        "版本 v3.14.159 修复了若干已知问题，详见发布说明。",
        "下周二在 3 号会议室进行产品评审，请准备演示材料。",
        "项目进度：需求 100%，开发 75%，测试 40%。",
    ];

    public static void Write(string path, long targetBytes)
    {
        var random = new Random(20261129);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        long written = 0;
        var line = new StringBuilder();
        while (written < targetBytes)
        {
            line.Clear();
            for (var i = 0; i < 20; i++)
            {
                line.Append(Lines[random.Next(Lines.Length)]);
            }

            line.Append(random.Next(6) switch
            {
                0 => "员工身份证号：" + ResidentId(random),
                1 => "联系电话 1" + "3578"[random.Next(4)] + Digits(random, 9),
                2 => "邮箱 user" + random.Next(1000).ToString(CultureInfo.InvariantCulture) + "@example.com",
                3 => "银行卡号 " + BankCard(random),
                4 => "aws_access_key_id = AKIA" + Letters(random, 16),
                _ => "机密★10年",
            });
            line.Append('\n');
            var text = line.ToString();
            writer.Write(text);
            written += Encoding.UTF8.GetByteCount(text);
        }
    }

    private static string Digits(Random random, int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + random.Next(10));
        }

        return new string(chars);
    }

    private static string Letters(Random random, int count)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        return new string(chars);
    }

    private static string ResidentId(Random random)
    {
        var body = "110105" + (1950 + random.Next(60)).ToString(CultureInfo.InvariantCulture) + "0" + (1 + random.Next(9)).ToString(CultureInfo.InvariantCulture) + "1" + random.Next(10).ToString(CultureInfo.InvariantCulture) + Digits(random, 3);
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (body[i] - '0') * weights[i];
        }

        return body + "10X98765432"[sum % 11];
    }

    private static string BankCard(Random random)
    {
        var body = "622202" + Digits(random, 12);
        var sum = 0;
        var doubleIt = true;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var digit = body[i] - '0';
            if (doubleIt)
            {
                digit = digit * 2 > 9 ? (digit * 2) - 9 : digit * 2;
            }

            sum += digit;
            doubleIt = !doubleIt;
        }

        return body + (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
