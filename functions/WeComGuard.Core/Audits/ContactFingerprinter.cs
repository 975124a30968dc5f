using System.Security.Cryptography;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Scanning;

namespace WeComGuard.Core.Audits;

/// <summary>
/// Keyed fingerprints (HMAC-SHA256 with <c>Scanning__FingerprintKey</c>) of members' mobiles and e-mails and of customer
/// groups' external members: the directory mirror stores these instead of the values, and the roster is fingerprinted
/// with the same key to be matched against them.
/// </summary>
public sealed class ContactFingerprinter
{
    private const int ExternalMemberHexChars = 16;
    private readonly Lazy<FindingFingerprinter?> _fingerprinter;

    public ContactFingerprinter(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var fingerprinter = new FindingFingerprinter(key);
        _fingerprinter = new Lazy<FindingFingerprinter?>(fingerprinter);
    }

    private ContactFingerprinter(Func<string?> key) =>
        _fingerprinter = new Lazy<FindingFingerprinter?>(() => key() is { } value && !string.IsNullOrWhiteSpace(value) ? new FindingFingerprinter(value) : null);

    private FindingFingerprinter Fingerprinter => _fingerprinter.Value ?? throw new InvalidOperationException(
        "Scanning__FingerprintKey is not set: the directory mirror stores members' mobiles and e-mails only as fingerprints made with it.");

    /// <summary>A key that lives as long as this process: for a live audit, whose fingerprints are never stored.</summary>
    public static ContactFingerprinter Ephemeral() => new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>The mirror's fingerprinter. Without a key, every use throws (the mirror cannot store contacts without one).</summary>
    public static ContactFingerprinter FromKey(string? key) => new(() => key);

    /// <summary>
    /// The mirror's fingerprinter, reading the key when first used: the validated setting (checked at the app's start)
    /// is then not needed by services that are built but never fingerprint anything.
    /// </summary>
    public static ContactFingerprinter FromKey(Func<string?> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key);
    }

    /// <summary>Digits only, without a +86 prefix.</summary>
    public MemberContact? Mobile(string? mobile) =>
        string.IsNullOrWhiteSpace(mobile) ? null : new MemberContact(ContactMasking.MaskMobile(mobile)!, MobileFingerprint(mobile));

    /// <summary>Trimmed and lower-cased.</summary>
    public MemberContact? Email(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : new MemberContact(ContactMasking.MaskEmail(email)!, EmailFingerprint(email));

    public string MobileFingerprint(string mobile) => Fingerprinter.Fingerprint("mobile:" + RosterMatcher.NormalizeMobile(mobile));

    public string EmailFingerprint(string email) => Fingerprinter.Fingerprint("email:" + email.Trim().ToLowerInvariant());

    /// <summary>A short fingerprint of an external_userid: enough to compare groups' member sets, not the id itself.</summary>
    public string ExternalMember(string externalUserId) => "x" + Fingerprinter.Fingerprint("external:" + externalUserId)[..ExternalMemberHexChars];
}
