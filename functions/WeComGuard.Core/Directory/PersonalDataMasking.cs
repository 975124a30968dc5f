namespace WeComGuard.Core.DirectoryMirror;

/// <summary>Masks members' contact details before they are stored: enough to recognise, not enough to use.</summary>
public static class PersonalDataMasking
{
    /// <summary><c>13912345678</c> becomes <c>139****5678</c>; short values become <c>****</c>.</summary>
    public static string? MaskMobile(string? mobile)
    {
        if (string.IsNullOrWhiteSpace(mobile))
        {
            return null;
        }

        var digits = mobile.Trim();
        return digits.Length >= 8 ? string.Concat(digits.AsSpan(0, 3), "****", digits.AsSpan(digits.Length - 4)) : "****";
    }

    /// <summary><c>zhangwei@example.com</c> becomes <c>z***@example.com</c>.</summary>
    public static string? MaskEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }
}
