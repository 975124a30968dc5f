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
    private readonly FindingFingerprinter? _fingerprinter;

    public ContactFingerprinter(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _fingerprinter = new FindingFingerprinter(key);
    }

    private ContactFingerprinter() => _fingerprinter = null;

    private FindingFingerprinter Fingerprinter => _fingerprinter ?? throw new InvalidOperationException(
        "Scanning__FingerprintKey is not set: the directory mirror stores members' mobiles and e-mails only as fingerprints made with it.");

    /// <summary>A key that lives as long as this process: for a live audit, whose fingerprints are never stored.</summary>
    public static ContactFingerprinter Ephemeral() => new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>The mirror's fingerprinter. Without a key, every use throws (the mirror cannot store contacts without one).</summary>
    public static ContactFingerprinter FromKey(string? key) => string.IsNullOrWhiteSpace(key) ? new ContactFingerprinter() : new ContactFingerprinter(key);

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
