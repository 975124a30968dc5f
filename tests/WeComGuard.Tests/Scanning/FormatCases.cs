using System.Text;
using WeComGuard.Core.Scanning;

namespace WeComGuard.Tests.Scanning;

/// <summary>
/// One labelled line: the text, the detector the case is about, and the canonical value a correct scanner reports for it
/// (null for a near miss, which must not be reported by that detector).
/// </summary>
internal sealed record FormatCase(string Name, string Text, string Detector, string? Canonical)
{
    public bool IsPositive => Canonical is not null;

    public override string ToString() => Name;
}

/// <summary>
/// Positives and near misses for each detector in the forms people write them: groupings, full-width characters, prefixes,
/// brackets, glued Chinese text, old and new document generations; and the placeholders and look-alikes that are not
/// secrets. Values are computed here from the formats' own rules (check digits, Luhn, CRC32), not copied from anywhere.
/// </summary>
internal static class FormatCases
{
    private const string Id = "110101199003071233";
    private const string IdX = "11010519491231002X";
    private const string Uscc = "91110000600037341L";
    private const string Mobile = "13812345678";

    public static IReadOnlyList<FormatCase> All { get; } = Build();

    /// <summary>Full-width form (U+FF01-U+FF5E) of an ASCII string: １１０１０５…Ｘ.</summary>
    public static string FullWidth(string ascii)
    {
        var builder = new StringBuilder(ascii.Length);
        foreach (var c in ascii)
        {
            builder.Append(c is > ' ' and <= '~' ? (char)(c + 0xFEE0) : c == ' ' ? '\u3000' : c);
        }

        return builder.ToString();
    }

    public static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string WithCheck(string body17) => body17 + SampleValues.ResidentIdCheck(body17);

    private static string Card(string body) => body + SampleValues.LuhnCheck(body);

    private static string WrongLuhn(string body) => body + (char)('0' + ((SampleValues.LuhnCheck(body) - '0' + 1) % 10));

    private static List<FormatCase> Build()
    {
        var cases = new List<FormatCase>();
        void Positive(string name, string text, string detector, string canonical) => cases.Add(new(name, text, detector, canonical));
        void Negative(string name, string text, string detector) => cases.Add(new(name, text, detector, null));

        // Resident ID: GB 11643 18 digits (MOD 11-2), its groupings and full-width forms, the 15-digit first generation, the
        // 2023 foreign permanent resident ID (9 + province + nationality, same check).
        const string R = DetectorIds.ResidentId;
        Positive("id plain", $"身份证号：{Id}，", R, Id);
        Positive("id 6-8-4 spaces", "身份证 110101 19900307 1233 已核验", R, Id);
        Positive("id 6-8-4 hyphens", "证件号 110101-19900307-1233。", R, Id);
        Positive("id 3-3-4-4-4", "号码 110 101 1990 0307 1233", R, Id);
        Positive("id 4-4-4-4-2", "证件 1101 0119 9003 0712 33", R, Id);
        Positive("id full-width", $"身份证号码：{FullWidth(Id)}", R, Id);
        Positive("id full-width X", $"公民身份号码{FullWidth(IdX)}", R, IdX);
        Positive("id lower-case x", "身份证 11010519491231002x", R, IdX);
        Positive("id grouped lower-case x", "证件 110105 19491231 002x", R, IdX);
        Positive("id glued to Chinese", $"张三身份证{Id}已登记", R, Id);
        Positive("id glued without keyword", $"编号为{IdX}的员工", R, IdX);
        Positive("id in csv cell", $"张三,{Id},研发部", R, Id);
        Positive("id 15-digit first generation", "旧身份证 110105491231002 仍在使用", R, IdX);
        Positive("id 15-digit grouped", "身份证 110105 491231 002", R, IdX);
        Positive("id foreign permanent resident 2023", $"永久居留身份证 {WithCheck("93184019880101002")}", R, WithCheck("93184019880101002"));
        Positive("id foreign permanent resident full-width", FullWidth(WithCheck("94484019750615003")), R, WithCheck("94484019750615003"));
        Negative("id wrong check digit", "身份证 110101199003071234", R);
        Negative("id grouped wrong check digit", "身份证 110101 19900307 1234", R);
        Negative("id impossible date", $"证件 {WithCheck("11010119901332123")}", R);
        Negative("id unknown region", $"证件 {WithCheck("99010119900307123")}", R);
        Negative("id dotted groups", "编号 110101.19900307.1233", R);
        Negative("id glued to digits", $"流水{Id}9", R);
        Negative("id 15-digit impossible date", "旧证 110105491331002", R);
        Negative("id 15-digit unknown region", "旧证 990105491231002", R);
        Negative("id foreign wrong check", "永久居留证 " + WithCheck("93184019880101002")[..17] + (WithCheck("93184019880101002")[17] == '1' ? '2' : '1'), R);

        // USCC: GB 32100 with its mod-31 check character.
        const string U = DetectorIds.Uscc;
        Positive("uscc plain", $"统一社会信用代码：{Uscc}", U, Uscc);
        Positive("uscc 2-6-10 spaces", "信用代码 91 110000 600037341L", U, Uscc);
        Positive("uscc 2-6-10 hyphens", "信用代码 91-110000-600037341L", U, Uscc);
        Positive("uscc groups of four", "税号 9111 0000 6000 3734 1L", U, Uscc);
        Positive("uscc lower case", "信用代码 91110000600037341l", U, Uscc);
        Positive("uscc full-width", $"营业执照{FullWidth(Uscc)}", U, Uscc);
        Positive("uscc glued to Chinese", $"公司代码{Uscc}已备案", U, Uscc);
        Negative("uscc wrong check", "信用代码 91110000600037341M", U);
        Negative("uscc grouped wrong check", "信用代码 91 110000 600037341M", U);
        Negative("uscc forbidden letter", "信用代码 91110000600O37341L", U);

        // Mobile: 11 digits with libphonenumber's CN mobile prefixes, every separator and country-code form.
        const string M = DetectorIds.Mobile;
        Positive("mobile plain", $"手机 {Mobile}", M, Mobile);
        Positive("mobile spaces", "电话 138 1234 5678", M, Mobile);
        Positive("mobile hyphens", "电话 138-1234-5678", M, Mobile);
        Positive("mobile dots", "电话 138.1234.5678", M, Mobile);
        Positive("mobile +86", "电话 +86 13812345678", M, Mobile);
        Positive("mobile +86 glued", "电话+8613812345678", M, Mobile);
        Positive("mobile +86 hyphens", "Tel: +86-138-1234-5678", M, Mobile);
        Positive("mobile 0086", "电话 0086 138 1234 5678", M, Mobile);
        Positive("mobile 86", "电话 86 13812345678", M, Mobile);
        Positive("mobile (+86)", "电话 (+86) 138 1234 5678", M, Mobile);
        Positive("mobile (86)", "电话 (86)13812345678", M, Mobile);
        Positive("mobile full-width brackets", "电话（+86）13812345678", M, Mobile);
        Positive("mobile full-width digits", $"手机{FullWidth(Mobile)}", M, Mobile);
        Positive("mobile full-width +86 grouped", "手机" + FullWidth("+86 138 1234 5678"), M, Mobile);
        Positive("mobile glued to Chinese", "请联系张经理13912345678确认", M, "13912345678");
        Negative("mobile unknown prefix", "电话 12812345678", M);
        Negative("mobile twelve digits", "流水号 138123456789", M);
        Negative("mobile dotted address", "服务器 138.123.45.67", M);
        Negative("mobile version", "版本 1.38.1234.5678", M);
        Negative("mobile glued to letters", "编号 ID13812345678x", M);

        // Bank cards: each network's issuer ranges and lengths with Luhn.
        const string C = DetectorIds.BankCard;
        var unionPay19 = Card("622202123456789012");
        var unionPay81 = Card("811234567890123");
        var visa = Card("411111111111111");
        var master51 = Card("545454545454545");
        var master2 = Card("222300001234567");
        var amex = Card("37828224631000");
        var jcb = Card("353011133330000");
        var diners14 = Card("3056930902590");
        var diners16 = Card("360000000000000");
        Positive("card unionpay 19", $"银行卡号 {unionPay19}", C, unionPay19);
        Positive("card unionpay 19 grouped", $"卡号 {unionPay19[..4]} {unionPay19[4..8]} {unionPay19[8..12]} {unionPay19[12..16]} {unionPay19[16..]}", C, unionPay19);
        Positive("card unionpay 81 range", $"银联卡 {unionPay81}", C, unionPay81);
        Positive("card unionpay 81 hyphens", $"卡号 {unionPay81[..4]}-{unionPay81[4..8]}-{unionPay81[8..12]}-{unionPay81[12..]}", C, unionPay81);
        Positive("card visa grouped", $"信用卡 {visa[..4]} {visa[4..8]} {visa[8..12]} {visa[12..]}", C, visa);
        Positive("card mastercard 51-55", $"card number {master51}", C, master51);
        Positive("card mastercard 2221-2720", $"卡号：{master2[..4]} {master2[4..8]} {master2[8..12]} {master2[12..]}", C, master2);
        Positive("card amex 4-6-5", $"Amex {amex[..4]} {amex[4..10]} {amex[10..]}", C, amex);
        Positive("card jcb", $"JCB卡{jcb}", C, jcb);
        Positive("card diners 14 4-6-4", $"Diners {diners14[..4]} {diners14[4..10]} {diners14[10..]}", C, diners14);
        Positive("card diners 16", $"卡号 {diners16}", C, diners16);
        Positive("card full-width", $"卡号{FullWidth(unionPay19)}", C, unionPay19);
        Positive("card glued to Chinese", $"请向{visa}付款", C, visa);
        Negative("card luhn fails", $"卡号 {WrongLuhn("411111111111111")}", C);
        Negative("card grouped luhn fails", "卡号 " + string.Join(' ', WrongLuhn("622202123456789012").Chunk(4).Select(g => new string(g))), C);
        Negative("card no network", $"编号 {Card("911111111111111")}", C);
        Negative("card amex length 16", $"编号 {Card("378282246310003")}", C);
        Negative("card diners length 13", $"编号 {Card("305693090259")}", C);
        Negative("card mixed separators", $"卡号 {visa[..4]} {visa[4..8]}-{visa[8..12]}-{visa[12..]}", C);

        // Email: upper case, full-width ＠ and full stops, internationalized domains in both forms.
        const string E = DetectorIds.Email;
        Positive("email upper case", "邮箱 ZHANG.SAN@EXAMPLE.COM", E, "zhang.san@example.com");
        Positive("email full-width at", "邮箱 zhang.san＠example.com", E, "zhang.san@example.com");
        Positive("email full-width at and stops", "邮箱 " + FullWidth("zhang.san@example.com"), E, "zhang.san@example.com");
        Positive("email ideographic full stop", "邮箱 zhang.san@example。com", E, "zhang.san@example.com");
        Positive("email chinese domain", "邮箱 li@例子.中国", E, "li@xn--fsqu00a.xn--fiqs8s");
        Positive("email punycode domain", "mail li@xn--fsqu00a.xn--fiqs8s", E, "li@xn--fsqu00a.xn--fiqs8s");
        Positive("email chinese domain then text", "发送至 li@例子.中国请查收", E, "li@xn--fsqu00a.xn--fiqs8s");
        Positive("email glued to Chinese", "邮箱wang@corp.cn请查收", E, "wang@corp.cn");
        Positive("email then full stop", "请发到 hr@example.com。谢谢", E, "hr@example.com");
        Negative("email no domain dot", "user@localhost 登录", E);
        Negative("email one-letter tld", "a@b.c", E);
        Negative("email chinese without dot", "张三@某公司 已回复", E);
        Negative("email no local part", "邮箱 @example.com", E);

        // Credentials: structured formats, GitHub's checksum, documented examples and templates that are not secrets.
        const string K = DetectorIds.Credential;
        var values = new SampleValues(1212);
        var ghp = values.GitHubToken("ghp_");
        var gho = values.GitHubToken("gho_");
        var ghs = values.GitHubToken("ghs_");
        var badChecksum = ghp[..^1] + (ghp[^1] == 'A' ? 'B' : 'A');
        Positive("github ghp checksum holds", $"token: {ghp}\n", K, ghp);
        Positive("github gho checksum holds", $"GH_TOKEN={gho}\n", K, gho);
        Positive("github ghs checksum holds", $"{ghs}\n", K, ghs);
        Positive("github checksum fails (reported low)", $"token: {badChecksum}\n", K, badChecksum);
        Negative("github ghp filler x", "token: ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", K);
        Negative("github ghp filler X", "GITHUB_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n", K);
        Negative("github ghp alphabet", "token: ghp_1234567890abcdefghijklmnopqrstuvwxyz\n", K);
        Negative("github pat filler", "token: github_pat_" + new string('x', 22) + "_" + new string('x', 59) + "\n", K);
        Negative("github template", "GITHUB_TOKEN=<your-github-token>\n", K);
        var aws = values.AwsKeyId();
        Positive("aws key id", $"aws_access_key_id = {aws}\n", K, aws);
        Negative("aws documented example key id", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n", K);
        Negative("aws documented sibling key id", "aws_access_key_id = AKIAI44QH8DHBEXAMPLE\n", K);
        Negative("aws documented secret", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", K);
        Negative("aws documented sibling secret", "aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\n", K);
        var secret = values.GenericSecret();
        Positive("generic client secret", $"client_secret=\"{secret}\"\n", K, secret);
        Positive("generic api key", "api_key = \"9fQ2xLk7Vb3RtW8zYp4N\"\n", K, "9fQ2xLk7Vb3RtW8zYp4N");
        Positive("generic uuid under a secret key", "client_secret: 3f2b8c1e-9d4a-4e7b-b6c2-5a1d0e9f8c7b\n", K, "3f2b8c1e-9d4a-4e7b-b6c2-5a1d0e9f8c7b");
        Negative("generic uuid under a non-secret key", "idempotency_key: 3f2b8c1e-9d4a-4e7b-b6c2-5a1d0e9f8c7b\n", K);
        Negative("generic template", "api_key = <your-key>\n", K);
        Negative("generic your-key words", "api_key = your-api-key-here\n", K);
        Negative("generic repeated", "secret = aaaaaaaaaaaaaaaaaaaa\n", K);
        Negative("generic filler x", "token = xxxxxxxxxxxxxxxxxxxxxxxx\n", K);
        Negative("generic alphabet", "key = ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/\n", K);
        Negative("generic character class", "token_chars = \"A-Za-z0-9_-\"\n", K);
        Negative("generic member name", "key = XSalsa20.key_length\n", K);
        Negative("generic member path", "secret_key = settings.SECRET_KEY\n", K);
        Negative("generic host name", "auth = auth.example.com\n", K);
        Negative("generic token host", "token_host = login.example-idp.com\n", K);
        Negative("generic identifier", "api_key = API_KEY_FROM_ENVIRONMENT\n", K);
        Negative("generic key length", "key_length = 3f2b8c1e9d4a4e7b\n", K);
        var jwt = Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + Base64Url("{\"sub\":\"10086\",\"name\":\"wecom\"}") + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        var unsigned = Base64Url("{\"alg\":\"none\"}") + "." + Base64Url("{\"sub\":\"10086\"}") + ".";
        Positive("jwt signed", $"Authorization: Bearer {jwt}\n", K, jwt);
        Positive("jwt signed at sentence end", $"令牌是 {jwt}.", K, jwt);
        Positive("jwt alg none ends with the dot", $"token {unsigned} ", K, unsigned);
        Negative("jwt four dotted parts", $"value {jwt}.{Base64Url("{\"x\":1}")}\n", K);
        Negative("jwt header not json", "value eyJub3QganNvbiBhdCBhbGw.eyJzdWIiOiIxMDA4NiJ9.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U\n", K);
        Negative("jwt header without alg", $"value {Base64Url("{\"typ\":\"JWT\"}")}.{Base64Url("{\"sub\":\"1\"}")}.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U\n", K);
        Negative("jwt signed header without signature", $"value {Base64Url("{\"alg\":\"HS256\"}")}.{Base64Url("{\"sub\":\"1\"}")}. ", K);
        return cases;
    }
}
