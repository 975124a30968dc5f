using System.Security.Cryptography;
using System.Text;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Fingerprints a sensitive value as lowercase hex HMAC-SHA256(key, canonical value): the same ID card or key found in two
/// files gets the same fingerprint, while without the key nobody can test guesses against stored fingerprints.
/// </summary>
public sealed class FindingFingerprinter
{
    private readonly byte[] _key;

    public FindingFingerprinter(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _key = Encoding.UTF8.GetBytes(key);
    }

    public string Fingerprint(string canonicalValue)
    {
        using var hmac = CreateHmac();
        return Fingerprint(hmac, canonicalValue);
    }

    /// <summary>A reusable HMAC for one scan: creating the HMAC context once per file, not once per finding, matters on dense files.</summary>
    internal IncrementalHash CreateHmac() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);

    internal static string Fingerprint(IncrementalHash hmac, string canonicalValue)
    {
        ArgumentNullException.ThrowIfNull(canonicalValue);
        Span<byte> hash = stackalloc byte[32];
        var maxBytes = Encoding.UTF8.GetMaxByteCount(canonicalValue.Length);
        var buffer = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(canonicalValue, buffer);
        hmac.AppendData(buffer[..length]);
        hmac.GetHashAndReset(hash);
        return Convert.ToHexStringLower(hash);
    }
}
