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

    /// <summary>Bidi overrides and isolates in serialized JSON as <c>\uXXXX</c> escapes (they only occur inside strings, so the JSON means the same).</summary>
    public static string EscapeBidiAsJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!json.Any(IsBidiControl))
        {
            return json;
        }

        var builder = new StringBuilder(json.Length + 16);
        foreach (var c in json)
        {
            if (IsBidiControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    private static bool NeedsEscape(char c) =>
        c < ' ' || c is >= '\u007F' and <= '\u009F' || IsBidiControl(c);
}
