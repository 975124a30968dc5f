namespace WeComGuard.Core.Audits.Roster;

/// <summary>Masks mobiles and emails for reports: enough for a person to recognise, not enough to contact.</summary>
public static class ContactMasking
{
    /// <summary><c>13812345678</c> → <c>138****5678</c>; short values keep only their last two characters.</summary>
    public static string? MaskMobile(string? mobile)
    {
        if (string.IsNullOrWhiteSpace(mobile))
        {
            return null;
        }

        var value = mobile.Trim();
        return value.Length >= 7
            ? string.Concat(value.AsSpan(0, 3), new string('*', value.Length - 7), value.AsSpan(value.Length - 4))
            : string.Concat(new string('*', Math.Max(0, value.Length - 2)), value.AsSpan(Math.Max(0, value.Length - 2)));
    }

    /// <summary><c>zhang.san@example.com</c> → <c>z***@example.com</c>.</summary>
    public static string? MaskEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var value = email.Trim();
        var at = value.LastIndexOf('@');
        return at <= 0 ? "***" : string.Concat(value.AsSpan(0, 1), "***", value.AsSpan(at));
    }
}
