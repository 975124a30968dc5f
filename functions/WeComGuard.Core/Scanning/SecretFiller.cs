namespace WeComGuard.Core.Scanning;

/// <summary>
/// Values that stand in for a secret in documentation and templates: runs of one character (xxxx, 0000), alphabets and
/// character classes (abcdefg, A-Za-z0-9), and the words samples use (EXAMPLE, your, placeholder, changeme).
/// </summary>
internal static class SecretFiller
{
    private static readonly string[] Words = ["example", "your", "placeholder", "changeme", "change_me", "dummy", "redacted", "replace", "insert", "xxxx", "sample"];

    public static bool IsFiller(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return true;
        }

        var run = 1;
        var ascending = 1;
        for (var i = 1; i < value.Length; i++)
        {
            run = value[i] == value[i - 1] ? run + 1 : 1;
            ascending = value[i] == value[i - 1] + 1 ? ascending + 1 : 1;
            if (run >= 6 || ascending >= 6)
            {
                return true;
            }
        }

        if (value.Contains("a-z", StringComparison.Ordinal) || value.Contains("A-Z", StringComparison.Ordinal) || value.Contains("0-9", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var word in Words)
        {
            if (value.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
