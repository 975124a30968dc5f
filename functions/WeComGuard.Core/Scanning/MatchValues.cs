using System.Text;

namespace WeComGuard.Core.Scanning;

/// <summary>Canonical forms (what the fingerprint covers) and masked forms (what reports show) of matched values.</summary>
internal static class MatchValues
{
    /// <summary>
    /// One value whatever the written form: full-width forms folded, separators dropped, digits only for numbers (X upper-case,
    /// a 15-digit ID as its 18-digit form, a mobile without +86), USCC and documents upper-case, email lower-case with a
    /// punycode domain, credentials as found.
    /// </summary>
    public static string Canonical(string detectorId, ReadOnlySpan<char> raw)
    {
        switch (detectorId)
        {
            case DetectorIds.ResidentId:
                {
                    var digits = DigitsOnly(raw, keepX: true);
                    return digits.Length == 15 ? Checksums.UpgradeResidentId15(digits) : digits;
                }

            case DetectorIds.BankCard:
                return DigitsOnly(raw, keepX: false);
            case DetectorIds.Mobile:
                {
                    var digits = DigitsOnly(raw, keepX: false);
                    return digits.Length > 11 ? digits[^11..] : digits;
                }

            case DetectorIds.Uscc:
            case DetectorIds.Passport:
            case DetectorIds.HkMacauPermit:
                return AlphanumericUpper(raw);
            case DetectorIds.Email:
                return EmailAddress.Canonical(raw);
            default:
                return raw.ToString();
        }
    }

    public static string Mask(string detectorId, string canonical)
    {
        return detectorId switch
        {
            DetectorIds.ResidentId => Keep(canonical, 6, 4),
            DetectorIds.Mobile => Keep(canonical, 3, 4),
            DetectorIds.BankCard => Keep(canonical, 6, 4),
            DetectorIds.Uscc => Keep(canonical, 8, 4),
            DetectorIds.Passport or DetectorIds.HkMacauPermit => Keep(canonical, 2, 2),
            DetectorIds.Email => MaskEmail(canonical),
            DetectorIds.Credential => MaskCredential(canonical),
            DetectorIds.PasswordField => "******",
            _ => canonical,
        };
    }

    private static string DigitsOnly(ReadOnlySpan<char> raw, bool keepX)
    {
        var builder = new StringBuilder(raw.Length);
        foreach (var original in raw)
        {
            var c = TextFolding.Fold(original);
            if (char.IsAsciiDigit(c))
            {
                builder.Append(c);
            }
            else if (keepX && c is 'x' or 'X')
            {
                builder.Append('X');
            }
        }

        return builder.ToString();
    }

    private static string AlphanumericUpper(ReadOnlySpan<char> raw)
    {
        var builder = new StringBuilder(raw.Length);
        foreach (var original in raw)
        {
            var c = TextFolding.Fold(original);
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static string Keep(string value, int head, int tail)
    {
        if (value.Length <= head + tail)
        {
            return new string('*', value.Length);
        }

        return string.Concat(value.AsSpan(0, head), new string('*', value.Length - head - tail), value.AsSpan(value.Length - tail));
    }

    private static string MaskEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }

    private static string MaskCredential(string credential)
    {
        if (credential.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            var headerEnd = credential.IndexOf("-----", 5, StringComparison.Ordinal);
            return headerEnd < 0 ? "-----BEGIN …" : credential[..(headerEnd + 5)] + "…";
        }

        var head = credential.StartsWith("github_pat_", StringComparison.Ordinal) ? 11
            : credential.StartsWith("eyJ", StringComparison.Ordinal) ? 3
            : credential.Length >= 16 ? 4 : 0;
        return string.Concat(credential.AsSpan(0, head), new string('*', Math.Min(16, credential.Length - head)));
    }
}
