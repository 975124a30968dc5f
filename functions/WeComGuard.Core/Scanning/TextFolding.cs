using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Folds full-width forms (U+FF01-U+FF5E: １２３, ＡＢＣ, ＠, ．, －, ＋, （）) and the ideographic space to their ASCII
/// counterparts, one character for one, so that offsets in the folded text are offsets in the original.
/// </summary>
internal static class TextFolding
{
    private const ushort FullWidthFirst = 0xFF01;
    private const ushort FullWidthLast = 0xFF5E;
    private const ushort FullWidthOffset = 0xFEE0;
    private const ushort IdeographicSpace = 0x3000;

    public static bool NeedsFolding(ReadOnlySpan<char> text) =>
        text.IndexOfAnyInRange('\uFF01', '\uFF5E') >= 0 || text.Contains('\u3000');

    public static char Fold(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - FullWidthOffset),
        '\u3000' => ' ',
        _ => c,
    };

    /// <summary>
    /// Copies <paramref name="source"/> folded into <paramref name="destination"/> (which may be the same memory): vectorized,
    /// because Chinese text has a full-width comma or colon every few dozen characters.
    /// </summary>
    public static void Fold(ReadOnlySpan<char> source, Span<char> destination)
    {
        var from = MemoryMarshal.Cast<char, ushort>(source);
        var to = MemoryMarshal.Cast<char, ushort>(destination[..source.Length]);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var first = Vector256.Create(FullWidthFirst);
            var span = Vector256.Create((ushort)(FullWidthLast - FullWidthFirst));
            var offset = Vector256.Create(FullWidthOffset);
            var ideographic = Vector256.Create(IdeographicSpace);
            var ideographicOffset = Vector256.Create((ushort)(IdeographicSpace - ' '));
            for (; i + Vector256<ushort>.Count <= from.Length; i += Vector256<ushort>.Count)
            {
                var v = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(from), (nuint)i);
                var fullWidth = Vector256.LessThanOrEqual(v - first, span);
                var space = Vector256.Equals(v, ideographic);
                v -= (fullWidth & offset) | (space & ideographicOffset);
                v.StoreUnsafe(ref MemoryMarshal.GetReference(to), (nuint)i);
            }
        }

        for (; i < from.Length; i++)
        {
            to[i] = Fold((char)from[i]);
        }
    }
}
