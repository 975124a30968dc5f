using System.Globalization;
using System.Text;

namespace WeComGuard.Tests.Scanning;

/// <summary>Generates valid and look-alike invalid values for each detector from a seeded random source.</summary>
internal sealed class SampleValues(int seed)
{
    private const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly string[] Provinces = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"];
    private static readonly string[] MobilePrefixes = ["130", "131", "135", "138", "139", "145", "147", "150", "151", "153", "155", "158", "159", "162", "165", "166", "167", "170", "172", "173", "175", "176", "177", "178", "180", "181", "186", "188", "189", "191", "193", "195", "198", "199"];

    private readonly Random _random = new(seed);

    public Random Random => _random;

    public string Digits(int count)
    {
        var builder = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            builder.Append((char)('0' + _random.Next(10)));
        }

        return builder.ToString();
    }

    public string ResidentId()
    {
        var birth = new DateTime(1950, 1, 1).AddDays(_random.Next(0, 365 * 70));
        var body = Pick(Provinces) + Digits(4) + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + Digits(3);
        return body + ResidentIdCheck(body);
    }

    public string ResidentIdWithWrongCheck()
    {
        var valid = ResidentId();
        var wrong = "10X98765432"[(("10X98765432".IndexOf(valid[17], StringComparison.Ordinal) + 1 + _random.Next(9)) % 11)];
        return valid[..17] + wrong;
    }

    public string ResidentIdWithBadDate()
    {
        var body = Pick(Provinces) + Digits(4) + "1990" + "13" + "01" + Digits(3);
        return body + ResidentIdCheck(body);
    }

    public static char ResidentIdCheck(string body17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (body17[i] - '0') * weights[i];
        }

        return "10X98765432"[sum % 11];
    }

    public string Mobile() => Pick(MobilePrefixes) + Digits(8);

    public string BankCard()
    {
        var (prefix, length) = _random.Next(4) switch
        {
            0 => ("62" + Digits(4), 16 + _random.Next(4)),
            1 => ("4" + Digits(5), 16),
            2 => ("5" + (1 + _random.Next(5)) + Digits(4), 16),
            _ => ("622" + Digits(3), 19),
        };
        var body = prefix + Digits(length - prefix.Length - 1);
        return body + LuhnCheck(body);
    }

    public string BankCardWithWrongCheck()
    {
        var valid = BankCard();
        var wrong = (char)('0' + ((valid[^1] - '0' + 1 + _random.Next(9)) % 10));
        return valid[..^1] + wrong;
    }

    public static char LuhnCheck(string body)
    {
        var sum = 0;
        var doubleIt = true;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var digit = body[i] - '0';
            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubleIt = !doubleIt;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    public string Uscc()
    {
        var body = "91" + Pick(Provinces) + Digits(4) + UsccChars(9);
        return body + UsccCheck(body);
    }

    public string UsccWithWrongCheck()
    {
        var valid = Uscc();
        var index = UsccAlphabet.IndexOf(valid[17], StringComparison.Ordinal);
        return valid[..17] + UsccAlphabet[(index + 1 + _random.Next(30)) % 31];
    }

    public static char UsccCheck(string body17)
    {
        int[] weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += UsccAlphabet.IndexOf(body17[i], StringComparison.Ordinal) * weights[i];
        }

        return UsccAlphabet[(31 - (sum % 31)) % 31];
    }

    private string UsccChars(int count)
    {
        var builder = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            builder.Append(UsccAlphabet[_random.Next(UsccAlphabet.Length)]);
        }

        return builder.ToString();
    }

    public string Email() =>
        Pick(["zhang.san", "li_si", "wangwu", "hr-team", "finance.cn"]) + _random.Next(1, 999).ToString(CultureInfo.InvariantCulture)
        + "@" + Pick(["example.com", "corp.example.cn", "qq.com", "163.com", "mail.example.org"]);

    public string AwsKeyId() => "AKIA" + Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 15) + (char)('2' + _random.Next(6));

    public string GitHubToken() => GitHubToken(Pick(["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]));

    /// <summary>A GitHub-format token: 30 random base62 characters and their CRC32, base62 (0-9A-Za-z), six characters.</summary>
    public string GitHubToken(string prefix)
    {
        const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var body = Chars(Base62, 30);
        var crc = Crc32(body);
        var checksum = new char[6];
        for (var i = 5; i >= 0; i--)
        {
            checksum[i] = Base62[(int)(crc % 62)];
            crc /= 62;
        }

        return prefix + body + new string(checksum);
    }

    /// <summary>CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bit by bit.</summary>
    public static uint Crc32(string ascii)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in ascii)
        {
            crc ^= c;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    public string AlibabaKeyId() => "LTAI" + Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 19) + (char)('0' + _random.Next(10));

    public string Jwt()
    {
        static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return B64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + B64("{\"sub\":\"" + Digits(8) + "\",\"name\":\"wecom\"}") + "." + Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 43);
    }

    public string WeComWebhook() => "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + new Guid(Bytes(16)).ToString("D");

    public string GenericSecret() => Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);

    public string PemPrivateKey() =>
        "-----BEGIN RSA PRIVATE KEY-----\n" + Convert.ToBase64String(Bytes(96)) + "\n" + Convert.ToBase64String(Bytes(48)) + "\n-----END RSA PRIVATE KEY-----";

    public string Passport() => _random.Next(2) == 0 ? "E" + Digits(8) : "E" + Pick(["A", "B", "C", "D", "F", "G", "H", "K"]) + Digits(7);

    public string HkMacauPermit() => _random.Next(2) == 0 ? "C" + Digits(8) : Pick(["H", "M"]) + Digits(10);

    public string Chars(string alphabet, int count)
    {
        var builder = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            builder.Append(alphabet[_random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    public byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
