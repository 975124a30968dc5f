using System.Text;

namespace WeComGuard.Core.Audits.Roster;

/// <summary>
/// Matches WeCom members to roster rows: by userid, else by mobile, else by email. Members carry only keyed fingerprints
/// of their contacts, so the roster's mobiles and emails are fingerprinted with the same key (mobiles by their digits,
/// without a +86 prefix; emails case-insensitively).
/// </summary>
public sealed class RosterMatcher
{
    private readonly Dictionary<string, RosterRow> _byUserId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RosterRow> _byMobile = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RosterRow> _byEmail = new(StringComparer.Ordinal);

    public RosterMatcher(IEnumerable<RosterRow> rows, ContactFingerprinter fingerprinter)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(fingerprinter);
        foreach (var row in rows)
        {
            if (row.UserId is not null)
            {
                _byUserId.TryAdd(row.UserId, row);
            }

            if (!string.IsNullOrWhiteSpace(row.Mobile))
            {
                _byMobile.TryAdd(fingerprinter.MobileFingerprint(row.Mobile), row);
            }

            if (!string.IsNullOrWhiteSpace(row.Email))
            {
                _byEmail.TryAdd(fingerprinter.EmailFingerprint(row.Email), row);
            }
        }
    }

    public RosterRow? Match(AuditMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (_byUserId.TryGetValue(member.UserId, out var row))
        {
            return row;
        }

        if (member.Mobile is { } mobile && _byMobile.TryGetValue(mobile.Fingerprint, out row))
        {
            return row;
        }

        if (member.Email is { } email && _byEmail.TryGetValue(email.Fingerprint, out row))
        {
            return row;
        }

        return null;
    }

    /// <summary>Only a userid is known (a group member who is not in the directory): match by userid.</summary>
    public RosterRow? MatchUserId(string userId) => _byUserId.GetValueOrDefault(userId);

    internal static string NormalizeMobile(string mobile)
    {
        var digits = new StringBuilder(mobile.Length);
        foreach (var c in mobile)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
        }

        var value = digits.ToString();
        return value.Length == 13 && value.StartsWith("86", StringComparison.Ordinal) ? value[2..] : value;
    }
}
