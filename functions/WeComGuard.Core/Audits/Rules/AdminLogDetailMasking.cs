using System.Text;
using System.Text.RegularExpressions;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// Masks the personal data in an admin log record's detail_info before it reaches a finding or a report: mobiles down to
/// <c>139****5678</c>, emails down to <c>z***@example.com</c>, PRC ID numbers down to their last four characters,
/// and the values of name fields (姓名, 成员, 管理员...) down to their first character.
/// </summary>
public static partial class AdminLogDetailMasking
{
    private static readonly string[] NameKeys = ["姓名", "名字", "成员", "管理员", "创建人", "联系人", "name"];

    /// <summary>detail_info's fields: "姓名：shel；手机号：156…" is (姓名, shel), (手机号, 156…); text without a key is a field with an empty key.</summary>
    public static IEnumerable<(string Key, string Value)> Fields(string? detailInfo)
    {
        if (string.IsNullOrWhiteSpace(detailInfo))
        {
            yield break;
        }

        foreach (var segment in detailInfo.Split(FieldSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = segment.IndexOfAny(KeySeparators);
            yield return colon < 0 ? (string.Empty, segment) : (segment[..colon].Trim(), segment[(colon + 1)..].Trim());
        }
    }

    public static string Mask(string? detailInfo)
    {
        if (string.IsNullOrEmpty(detailInfo))
        {
            return string.Empty;
        }

        var masked = IdNumber().Replace(detailInfo, match => new string('*', match.Length - 4) + match.Value[^4..]);
        masked = Mobile().Replace(masked, match => MaskMobile(match.Value));
        masked = Email().Replace(masked, match => MaskEmail(match.Value));
        return NameField().Replace(masked, match =>
        {
            var key = match.Groups["key"].Value;
            if (!NameKeys.Any(name => key.Contains(name, StringComparison.OrdinalIgnoreCase)))
            {
                return match.Value;
            }

            var value = match.Groups["value"].Value;
            var first = FirstCharacter(value);
            return new StringBuilder(match.Length)
                .Append(match.Groups["head"].Value)
                .Append(first)
                .Append('*', Math.Max(1, Math.Min(3, value.Length - first.Length)))
                .ToString();
        });
    }

    private static readonly char[] FieldSeparators = ['；', ';', '\n', '，', ','];
    private static readonly char[] KeySeparators = ['：', ':'];

    private static string MaskMobile(string mobile) =>
        mobile.Length >= 8 ? string.Concat(mobile.AsSpan(0, 3), "****", mobile.AsSpan(mobile.Length - 4)) : "****";

    private static string MaskEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }

    private static string FirstCharacter(string value) =>
        value.Length == 0 ? string.Empty : char.IsSurrogate(value[0]) && value.Length > 1 ? value[..2] : value[..1];

    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<head>(?<key>[^；;，,:：\n]{1,16})\s*[:：]\s*)(?<value>[^；;，,\n]+)")]
    private static partial Regex NameField();
}
