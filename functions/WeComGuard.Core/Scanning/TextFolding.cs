namespace WeComGuard.Core.Scanning;

/// <summary>
/// Folds full-width forms (U+FF01-U+FF5E: １２３, ＡＢＣ, ＠, ．, －, ＋, （）) and the ideographic space to their ASCII
/// counterparts, one character for one, so that offsets in the folded text are offsets in the original.
/// </summary>
internal static class TextFolding
{
    public static bool NeedsFolding(ReadOnlySpan<char> text) =>
        text.IndexOfAnyInRange('\uFF01', '\uFF5E') >= 0 || text.Contains('\u3000');

    public static char Fold(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        _ => c,
    };

    public static void Fold(ReadOnlySpan<char> source, Span<char> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = Fold(source[i]);
        }
    }
}
