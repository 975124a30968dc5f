using WeComGuard.Core.Audits.Roster;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// What the group rules need to know about people: whether a userid has departed (roster-terminated, status 2 or 5,
/// or not in the directory at all) and which department to report a group under.
/// </summary>
public sealed class GroupDirectory
{
    public const string ReasonNotInDirectory = "not-in-directory";
    public const string ReasonDisabled = "disabled";
    public const string ReasonExited = "exited";
    public const string ReasonRosterTerminated = "roster-terminated";

    private readonly Dictionary<string, (string? Reason, string? Department)> _people = new(StringComparer.Ordinal);

    /// <param name="members">Every member in the directory.</param>
    /// <param name="roster">The roster matcher, or null when no roster could be read (roster terminations are then unknown).</param>
    /// <param name="today">T's date in China.</param>
    public GroupDirectory(IEnumerable<AuditMember> members, RosterMatcher? roster, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(members);
        HasRoster = roster is not null;
        foreach (var member in members)
        {
            Add(member, roster, today);
        }
    }

    private GroupDirectory(bool hasRoster) => HasRoster = hasRoster;

    public bool HasRoster { get; }

    public int Count => _people.Count;

    /// <summary>Builds the directory while streaming members, keeping only what the group rules need.</summary>
    public static async Task<GroupDirectory> CreateAsync(
        IAsyncEnumerable<AuditMember> members, RosterMatcher? roster, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(members);
        var directory = new GroupDirectory(roster is not null);
        await foreach (var member in members.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            directory.Add(member, roster, today);
        }

        return directory;
    }

    /// <summary>Why <paramref name="userId"/> counts as departed, or null when the person is still with the company.</summary>
    public string? DepartureReason(string userId) =>
        _people.TryGetValue(userId, out var person) ? person.Reason : ReasonNotInDirectory;

    public string? DepartmentOf(string userId) => _people.TryGetValue(userId, out var person) ? person.Department : null;

    private void Add(AuditMember member, RosterMatcher? roster, DateOnly today)
    {
        var row = roster?.Match(member);
        var reason = member.Status switch
        {
            AuditMember.StatusDisabled => ReasonDisabled,
            AuditMember.StatusExited => ReasonExited,
            _ when row is not null && row.IsDepartedAsOf(today) => ReasonRosterTerminated,
            _ => null,
        };
        var department = row?.Department ?? (member.DepartmentIds.Count > 0 ? $"dept:{member.DepartmentIds[0]}" : null);
        _people[member.UserId] = (reason, department);
    }
}
