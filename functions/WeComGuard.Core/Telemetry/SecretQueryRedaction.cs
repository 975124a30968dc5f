using System.Text.RegularExpressions;

namespace WeComGuard.Core.Telemetry;

/// <summary>
/// Blanks the values of secret-bearing query parameters wherever a URL appears in text: WeCom's <c>corpsecret</c>,
/// every <c>*token</c> (<c>access_token</c>, <c>suite_access_token</c>...), <c>*secret</c>, <c>*ticket</c>, OAuth
/// <c>code</c>s, the callback's <c>echostr</c> (ciphertext), and Azure SAS signatures (<c>sig</c>).
/// </summary>
public static partial class SecretQueryRedaction
{
    public const string Placeholder = "REDACTED";

    /// <summary>The text with every secret parameter's value replaced by <see cref="Placeholder"/>.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SecretParameter().Replace(text, "${name}=" + Placeholder);
    }

    /// <summary>The URL with its secret parameters redacted; the same instance when there is none.</summary>
    public static Uri Redact(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var text = url.IsAbsoluteUri ? url.AbsoluteUri : url.OriginalString;
        var redacted = Redact(text);
        return string.Equals(redacted, text, StringComparison.Ordinal) ? url : new Uri(redacted, url.IsAbsoluteUri ? UriKind.Absolute : UriKind.RelativeOrAbsolute);
    }

    // A parameter starts after '?', '&' or ';' (also when percent-encoded inside another URL's parameter: %3F, %26).
    [GeneratedRegex(
        @"(?<name>(?:[?&;]|%3[Ff]|%26)(?:[A-Za-z0-9_.\-]*(?:secret|token|ticket|password)|echostr|sig|code|auth_code|pre_auth_code|key))(?:=|%3[Dd])(?<value>[^&#\s""'<>;]*)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SecretParameter();
}
