using System.Globalization;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// The domain half of an email address as people write it: ASCII or internationalized labels (例子.中国, xn--fsqu00a.xn--fiqs8s),
/// dots or the ideographic full stop 。 between labels, and the address glued to Chinese text that follows it.
/// </summary>
internal static class EmailAddress
{
    private const int MaxDomainLength = 254;

    private static readonly string[] ChineseTopLevelDomains = ["中国", "中國", "公司", "网络", "網絡", "香港", "台湾", "台灣", "澳门", "澳門", "新加坡", "在线", "商城", "网址", "网店"];

    /// <summary>The end of a valid domain starting at <paramref name="start"/> (after the @), or -1.</summary>
    public static int DomainEnd(ReadOnlySpan<char> text, int start)
    {
        var position = start;
        var labels = 0;
        var end = -1;
        while (position < text.Length && position - start < MaxDomainLength)
        {
            var asciiEnd = position;
            while (asciiEnd < text.Length && (char.IsAsciiLetterOrDigit(text[asciiEnd]) || text[asciiEnd] == '-'))
            {
                asciiEnd++;
            }

            int labelEnd;
            if (asciiEnd > position)
            {
                labelEnd = asciiEnd;
                while (labelEnd > position && text[labelEnd - 1] == '-')
                {
                    labelEnd--;
                }

                labels++;
                if (labels >= 2 && IsAsciiTopLevel(text[position..labelEnd]))
                {
                    end = labelEnd;
                }

                if (labelEnd != asciiEnd)
                {
                    return end;
                }
            }
            else
            {
                labelEnd = position;
                while (labelEnd < text.Length && IsInternationalLetter(text[labelEnd]))
                {
                    labelEnd++;
                }

                if (labelEnd == position)
                {
                    return end;
                }

                labels++;
                if (labels >= 2)
                {
                    // A Chinese label is the top level only as one of the Chinese TLDs; what follows it is the sentence.
                    foreach (var tld in ChineseTopLevelDomains)
                    {
                        if (text[position..labelEnd].StartsWith(tld, StringComparison.Ordinal))
                        {
                            return position + tld.Length;
                        }
                    }
                }
            }

            if (labelEnd + 1 < text.Length && text[labelEnd] is '.' or '。' && IsLabelStart(text[labelEnd + 1]))
            {
                position = labelEnd + 1;
                continue;
            }

            return end;
        }

        return end;
    }

    /// <summary>The canonical address: lower case, ASCII dots, the domain in its punycode (ASCII) form.</summary>
    public static string Canonical(ReadOnlySpan<char> raw)
    {
        var folded = new char[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            var c = TextFolding.Fold(raw[i]);
            folded[i] = c == '。' ? '.' : char.ToLowerInvariant(c);
        }

        var address = new string(folded);
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var domain = address[(at + 1)..];
        if (at < 0 || !domain.Any(c => c > '\u007F'))
        {
            return address;
        }

        try
        {
            return string.Concat(address.AsSpan(0, at + 1), new IdnMapping().GetAscii(domain));
        }
        catch (ArgumentException)
        {
            return address;
        }
    }

    private static bool IsAsciiTopLevel(ReadOnlySpan<char> label)
    {
        if (label.StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
        {
            return label.Length > 4;
        }

        if (label.Length < 2)
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLabelStart(char c) => char.IsAsciiLetterOrDigit(c) || IsInternationalLetter(c);

    private static bool IsInternationalLetter(char c) => c > '\u007F' && c != '。' && char.IsLetterOrDigit(c);
}
