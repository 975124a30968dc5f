using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// archive.scope-gap (§4.2): a current member who talks to customers (owns a customer group, or is an internal member
/// of a customer group with external members) but is not in 会话内容存档's permit list (msgaudit/get_permit_user_list),
/// so those conversations are not archived. Subject = userid; details say how the member talks to customers.
/// </summary>
public sealed class ArchiveScopeGapRule
{
    private readonly SortedDictionary<string, (SortedSet<string> Owned, SortedSet<string> Joined)> _talkers = new(StringComparer.Ordinal);

    public static AuditRuleDefinition Definition => AuditRuleCatalog.ArchiveScopeGap;

    /// <summary>Notes who talks to customers in <paramref name="chat"/>; internal groups say nothing about customers.</summary>
    public void Add(AuditGroupChat chat)
    {
        ArgumentNullException.ThrowIfNull(chat);
        if (chat.IsInternal)
        {
            return;
        }

        Talker(chat.Owner).Owned.Add(chat.ChatId);
        if (!chat.Members.Any(member => member.Type == AuditGroupMember.TypeExternal))
        {
            return;
        }

        foreach (var member in chat.Members.Where(member => member.IsInternal && !string.Equals(member.UserId, chat.Owner, StringComparison.Ordinal)))
        {
            Talker(member.UserId).Joined.Add(chat.ChatId);
        }
    }

    public IEnumerable<Finding> Evaluate(IReadOnlySet<string> permitted, GroupDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(permitted);
        ArgumentNullException.ThrowIfNull(directory);
        foreach (var (userId, chats) in _talkers)
        {
            // Departed members are group.owner-departed's and group.departed-members' concern, not the archive's.
            if (permitted.Contains(userId) || directory.DepartureReason(userId) is not null)
            {
                continue;
            }

            yield return Definition.CreateFinding(userId, new JsonObject
            {
                ["ownedCustomerGroups"] = chats.Owned.Count,
                ["joinedCustomerGroups"] = chats.Joined.Count,
                ["exampleChatId"] = chats.Owned.Concat(chats.Joined).First(),
                ["action"] = "add the member to 会话内容存档's 开启范围",
            }, directory.DepartmentOf(userId));
        }
    }

    private (SortedSet<string> Owned, SortedSet<string> Joined) Talker(string userId)
    {
        if (!_talkers.TryGetValue(userId, out var chats))
        {
            chats = (new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));
            _talkers[userId] = chats;
        }

        return chats;
    }
}
