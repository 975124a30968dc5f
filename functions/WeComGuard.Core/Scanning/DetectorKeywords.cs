using System.Buffers;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Corroborating keywords per detector, looked for within <see cref="ProximityWindow"/> characters either side of a match
/// (Purview's patternsProximity). One multi-string search per match, over a window of at most 600 characters.
/// </summary>
internal static class DetectorKeywords
{
    public const int ProximityWindow = 300;

    private static readonly Keywords ResidentId = Create(
        "身份证", "公民身份号码", "证件号", "身份證", "身分證", "identity card", "resident id", "id card", "id no");

    private static readonly Keywords Mobile = Create(
        "手机", "电话", "联系方式", "联系人", "手機", "電話", "mobile", "phone", "tel");

    private static readonly Keywords BankCard = Create(
        "银行卡", "卡号", "账号", "帐号", "开户行", "开户银行", "银联", "储蓄卡", "信用卡", "借记卡", "銀行", "card number", "credit card", "debit card", "bank");

    private static readonly Keywords Uscc = Create(
        "统一社会信用代码", "社会信用代码", "信用代码", "营业执照", "税号", "纳税人识别号", "credit code");

    private static readonly Keywords Email = Create("邮箱", "电子邮件", "邮件", "郵箱", "email", "e-mail", "mail");

    private static readonly Keywords Credential = Create(
        "密码", "口令", "密钥", "私钥", "secret", "token", "accesskey", "access key", "api key", "apikey", "credential");

    private static readonly Keywords Passport = Create("护照", "護照", "passport");

    private static readonly Keywords Permit = Create("通行证", "通行證", "回乡证", "港澳", "往来", "permit");

    private static readonly Keywords Classification = Create(
        "保密", "不得外传", "严禁外传", "仅限内部", "未公开", "内部文件", "confidential");

    public static Keywords? For(string detectorId) => detectorId switch
    {
        DetectorIds.ResidentId => ResidentId,
        DetectorIds.Mobile => Mobile,
        DetectorIds.BankCard => BankCard,
        DetectorIds.Uscc => Uscc,
        DetectorIds.Email => Email,
        DetectorIds.Credential => Credential,
        DetectorIds.Passport => Passport,
        DetectorIds.HkMacauPermit => Permit,
        DetectorIds.ClassificationMark => Classification,
        _ => null,
    };

    public static bool IsNear(ReadOnlySpan<char> text, int start, int end, Keywords keywords)
    {
        var from = Math.Max(0, start - ProximityWindow);
        var to = Math.Min(text.Length, end + ProximityWindow);
        return keywords.In(text[from..start]) || keywords.In(text[end..to]);
    }

    /// <summary>
    /// Chinese keywords have no case, so they are found ordinally by their first characters (a vectorized search, rare hits
    /// in Chinese text), apart from the ASCII ones searched ignoring case; a mixed set would get one case-insensitive
    /// Unicode automaton, the slowest search in the scan.
    /// </summary>
    private static Keywords Create(params string[] keywords) => new(
        keywords.Where(k => !System.Text.Ascii.IsValid(k)).ToArray(),
        SearchValues.Create(keywords.Where(k => System.Text.Ascii.IsValid(k)).ToArray(), StringComparison.OrdinalIgnoreCase));

    internal sealed class Keywords(string[] chinese, SearchValues<string> ascii)
    {
        private readonly SearchValues<char> _firsts = SearchValues.Create(string.Concat(chinese.Select(k => k[0]).Distinct()));

        public bool In(ReadOnlySpan<char> text) => HasChinese(text) || text.ContainsAny(ascii);

        private bool HasChinese(ReadOnlySpan<char> text)
        {
            var i = 0;
            while (true)
            {
                var next = text[i..].IndexOfAny(_firsts);
                if (next < 0)
                {
                    return false;
                }

                i += next;
                foreach (var keyword in chinese)
                {
                    if (text[i..].StartsWith(keyword, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                i++;
            }
        }
    }
}
