namespace WeComGuard.Core.Audits;

/// <summary>
/// A member's mobile or e-mail as the audits hold it: the masked form for reports and a keyed fingerprint for matching
/// the HR roster. The value itself is never kept.
/// </summary>
public sealed record MemberContact(string Masked, string Fingerprint);
