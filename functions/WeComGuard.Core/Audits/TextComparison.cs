using System.Text;

namespace WeComGuard.Core.Audits;

/// <summary>How the audits compare names and positions: NFKC (full-width and half-width forms agree), then trimmed, ordinal.</summary>
public static class TextComparison
{
    public static string Normalize(string? value) =>
        string.IsNullOrEmpty(value) ? string.Empty : value.Normalize(NormalizationForm.FormKC).Trim();

    public static bool AreSame(string? left, string? right) => string.Equals(Normalize(left), Normalize(right), StringComparison.Ordinal);
}
