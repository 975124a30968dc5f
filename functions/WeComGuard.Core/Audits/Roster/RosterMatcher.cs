using System.Text;

namespace WeComGuard.Core.Audits.Roster;

/// <summary>
/// Matches WeCom members to roster rows: by userid, else by mobile, else by email (mobiles compared by their digits,
/// without a +86 prefix; emails case-insensitively).
/// </summary>
public sealed class RosterMatcher
{
    private readonly Dictionary<string, RosterRow> _byUserId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RosterRow> _byMobile = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RosterRow> _byEmail = new(StringComparer.OrdinalIgnoreCase);

    public RosterMatcher(IEnumerable<RosterRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            if (row.UserId is not null)
            {
                _byUserId.TryAdd(row.UserId, row);
            }

            if (row.Mobile is not null)
            {
                _byMobile.TryAdd(NormalizeMobile(row.Mobile), row);
            }

            if (row.Email is not null)
            {
                _byEmail.TryAdd(row.Email.Trim(), row);
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

        if (!string.IsNullOrWhiteSpace(member.Mobile) && _byMobile.TryGetValue(NormalizeMobile(member.Mobile), out row))
        {
            return row;
        }

        if (!string.IsNullOrWhiteSpace(member.Email) && _byEmail.TryGetValue(member.Email.Trim(), out row))
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
