using System.Buffers.Text;
using System.Text.Json;

namespace WeComGuard.Core.Scanning;

/// <summary>Decodes the base64url parts of a JWT candidate: a token is a JWT only if its header and payload are JSON objects.</summary>
internal static class JwtParts
{
    private const int MaxPartLength = 8192;

    /// <summary>The header's <c>alg</c>, or null when the part is not a base64url JSON object with a string <c>alg</c>.</summary>
    public static string? HeaderAlgorithm(ReadOnlySpan<char> part)
    {
        var json = Decode(part);
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String
                ? alg.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool IsJsonObject(ReadOnlySpan<char> part)
    {
        var json = Decode(part);
        if (json is null)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static byte[]? Decode(ReadOnlySpan<char> part)
    {
        if (part.Length is 0 or > MaxPartLength || part.Length % 4 == 1)
        {
            return null;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(part.Length)];
        return Base64Url.TryDecodeFromChars(part, bytes, out var written) ? bytes[..written] : null;
    }
}
