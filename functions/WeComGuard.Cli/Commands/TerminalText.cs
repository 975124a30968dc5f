using System.Globalization;
using System.Text;

namespace WeComGuard.Cli.Commands;

/// <summary>
/// Makes a file name (or any text a file's author controls) safe to print on a terminal: C0 and C1 controls, DEL and the
/// bidirectional overrides/isolates become visible escapes, so a name cannot move the cursor, recolour the screen, forge
/// a line or reverse the text after it.
/// </summary>
internal static class TerminalText
{
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!NeedsEscape(c))
            {
                builder.Append(c);
            }
            else if (c <= '\u00FF')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c < ' ' || c is >= '\u007F' and <= '\u009F' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
