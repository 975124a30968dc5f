using System.Text.Json.Nodes;

namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// archive.scope-gap (§4.2): a current member who talks to customers (owns a customer group, is an internal member of a
/// customer group with external members, or is configured for customer contact: externalcontact/get_follow_user_list)
/// but is not in 会话内容存档's permit list (msgaudit/get_permit_user_list), so those conversations are not archived.
/// Subject = userid; details say how the member talks to customers.
/// </summary>
public sealed class ArchiveScopeGapRule
{
    private readonly SortedDictionary<string, (SortedSet<string> Owned, SortedSet<string> Joined)> _talkers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _customerContact = new(StringComparer.Ordinal);

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

    /// <summary>Notes a member configured for customer contact, who can talk to customers outside any group.</summary>
    public void AddCustomerContact(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        _customerContact.Add(userId);
        Talker(userId);
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
                ["customerContact"] = _customerContact.Contains(userId),
                ["exampleChatId"] = chats.Owned.Concat(chats.Joined).FirstOrDefault(),
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
