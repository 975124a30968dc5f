using System.Text;

namespace WeComGuard.Core.Notifications;

/// <summary>
/// Puts text that someone else chose (a file name sent in WeCom) into a WeCom markdown message so that it shows as text.
/// WeCom's markdown has no escape character, so each character that could start markup (links, bold, code, headings,
/// quotes, <c>&lt;font&gt;</c> tags, entities) becomes its full-width form, and line breaks and other control characters
/// become visible control pictures: the name cannot add a link, recolour the message or forge a line of it.
/// </summary>
public static class WeComMarkdown
{
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '*' or '_' or '`' or '[' or ']' or '(' or ')' or '#' or '>' or '<' or '&' or '\\':
                    // The full-width forms (U+FF01–FF5E) are the ASCII ones shifted by 0xFEE0.
                    builder.Append((char)(c + 0xFEE0));
                    break;
                case < ' ':
                    builder.Append((char)(0x2400 + c));
                    break;
                case '\u007F':
                    builder.Append('\u2421');
                    break;
                case >= '\u0080' and <= '\u009F' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u2028' or '\u2029':
                    // Invisible controls and bidi overrides: dropped, so the rest reads in order.
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
