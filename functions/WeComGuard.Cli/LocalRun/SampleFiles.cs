using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace WeComGuard.Cli.LocalRun;

/// <summary>
/// Files a local run drops into incoming-files, as a chat-archive exporter would: some carry sensitive data (with valid
/// checksums), some do not. All values are made up.
/// </summary>
internal static class SampleFiles
{
    public static IReadOnlyList<(string Name, byte[] Content)> Create()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var roster = new StringBuilder("姓名,身份证号,手机号,银行卡号\n");
        string[] names = ["王芳", "李娜", "张伟", "刘洋", "陈静"];
        for (var i = 0; i < names.Length; i++)
        {
            roster.Append(names[i]).Append(',').Append(ResidentId($"11010519{80 + i}0{i + 1}1500{i}")).Append(",1380013800").Append(i)
                .Append(',').Append(UnionPayCard($"62284800{i}1234567")).Append('\n');
        }

        var sensitiveCsv = Encoding.UTF8.GetBytes(roster.ToString());
        return
        [
            ("员工信息表.csv", sensitiveCsv),
            ("meeting-notes.md", Encoding.UTF8.GetBytes("# 周会纪要\n\n- 下周发布 WeCom Guard 1.0\n- 订单号 20261129000123456 已关闭\n- 时间戳 1764400000000\n")),
            ("合同草案.txt", Encoding.GetEncoding("GB18030").GetBytes("机密★5年\n甲方统一社会信用代码：91350100M000100Y43\n本合同内容不得外传。\n")),
            ("deploy-notes.txt", Encoding.UTF8.GetBytes("release checklist\naws_access_key_id = AKIAQYLPMN5HHHFPZAM2\npassword: Tr0ub4dor&3x\n")),
            ("客户名单.docx", Docx("客户联系人：赵敏，手机 13912345678，身份证号 " + ResidentId("44052418800101001") + "。")),
            ("archive.zip", Zip(("inner/员工信息表.csv", sensitiveCsv), ("inner/readme.txt", "nothing sensitive here"u8.ToArray()))),
            ("logo.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]),
        ];
    }

    /// <summary>Appends the ISO 7064 MOD 11-2 check character to 17 digits.</summary>
    internal static string ResidentId(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    /// <summary>Appends the Luhn check digit.</summary>
    internal static string UnionPayCard(string withoutCheck)
    {
        var sum = 0;
        for (var i = 0; i < withoutCheck.Length; i++)
        {
            var digit = withoutCheck[withoutCheck.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return withoutCheck + (char)('0' + ((10 - (sum % 10)) % 10));
    }

    private static byte[] Docx(string text)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(new Run(new Text(text)))));
        }

        return stream.ToArray();
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(content);
            }
        }

        return stream.ToArray();
    }
}
