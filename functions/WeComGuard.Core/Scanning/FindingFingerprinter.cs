using System.Text;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Fingerprints a sensitive value as lowercase hex HMAC-SHA256(key, canonical value): the same ID card or key found in two
/// files gets the same fingerprint, while without the key nobody can test guesses against stored fingerprints.
/// </summary>
public sealed class FindingFingerprinter
{
    // Keyed once per fingerprinter: each fingerprint then costs two SHA-256 compressions, which matters on dense files.
    private readonly HmacSha256 _hmac;

    public FindingFingerprinter(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _hmac = new HmacSha256(Encoding.UTF8.GetBytes(key));
    }

    public string Fingerprint(string canonicalValue)
    {
        ArgumentNullException.ThrowIfNull(canonicalValue);
        Span<byte> hash = stackalloc byte[32];
        var maxBytes = Encoding.UTF8.GetMaxByteCount(canonicalValue.Length);
        var buffer = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(canonicalValue, buffer);
        _hmac.Compute(buffer[..length], hash);
        return Convert.ToHexStringLower(hash);
    }
}
