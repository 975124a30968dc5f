using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Core.Notifications;

/// <summary>
/// Turns a finding's <see cref="ResponsibleParty"/> into userids, reading WeCom as it is now (user/get for status and
/// <c>direct_leader</c>, groupchat/get for the owner). Someone who cannot receive WeCom messages (not activated,
/// disabled, gone) is replaced by their direct leader, then by IT, then by the security team. One instance per run:
/// it caches what it read.
/// </summary>
public sealed class RecipientResolver
{
    private readonly WeComApiClient _client;
    private readonly IReadOnlyList<string> _it;
    private readonly IReadOnlyList<string> _security;
    private readonly ILogger _logger;
    private readonly Dictionary<string, WeComMember?> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _owners = new(StringComparer.Ordinal);

    public RecipientResolver(WeComApiClient client, IReadOnlyList<string> itUserIds, SecurityTeamRecipients securityTeam, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(itUserIds);
        ArgumentNullException.ThrowIfNull(securityTeam);
        _client = client;
        _security = securityTeam.UserIds;
        _it = itUserIds.Count > 0 ? itUserIds : _security;
        _logger = logger;
    }

    /// <summary>Who is asked to act on <paramref name="finding"/>; empty when nobody can be named (no IT and no security team set).</summary>
    public async Task<IReadOnlyList<string>> ResponsibleAsync(FindingView finding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var party = AuditRuleResponsibilities.For(finding.Rule).Party;
        return party switch
        {
            ResponsibleParty.Member => await ReachableOrLeaderAsync(SubjectUserId(finding), cancellationToken).ConfigureAwait(false),
            ResponsibleParty.GroupOwner => await ReachableOrLeaderAsync(await OwnerAsync(finding, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false),
            ResponsibleParty.DirectLeader => await LeaderOrItAsync(SubjectUserId(finding), cancellationToken).ConfigureAwait(false),
            ResponsibleParty.It => _it,
            _ => _security,
        };
    }

    /// <summary>Where an overdue finding is escalated: the responsible person's direct leader (IT when WeCom names none).</summary>
    public Task<IReadOnlyList<string>> EscalationAsync(string responsible, CancellationToken cancellationToken) => LeaderOrItAsync(responsible, cancellationToken);

    public bool IsTeamRecipient(string userId) => _it.Contains(userId, StringComparer.Ordinal) || _security.Contains(userId, StringComparer.Ordinal);

    /// <summary>user/get, or null when WeCom does not have the member or refuses to say.</summary>
    public async Task<WeComMember?> MemberAsync(string? userId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return null;
        }

        if (_members.TryGetValue(userId, out var cached))
        {
            return cached;
        }

        WeComMember? member = null;
        try
        {
            member = await _client.GetMemberAsync(userId, cancellationToken).ConfigureAwait(false);
        }
        catch (WeComApiException error)
        {
            _logger.RecipientLookupFailed(userId, error.ErrorCode);
        }

        _members[userId] = member;
        return member;
    }

    private static string? SubjectUserId(FindingView finding) => finding.Subject.Split('|')[0] is { Length: > 0 } id && !id.StartsWith("external:", StringComparison.Ordinal) ? id : null;

    private async Task<string?> OwnerAsync(FindingView finding, CancellationToken cancellationToken)
    {
        var chatId = finding.Subject.Split('|')[0];
        if (_owners.TryGetValue(chatId, out var cached))
        {
            return cached;
        }

        string? owner = null;
        try
        {
            owner = (await _client.GetGroupChatAsync(chatId, cancellationToken: cancellationToken).ConfigureAwait(false)).Owner;
        }
        catch (WeComApiException error)
        {
            _logger.RecipientLookupFailed(chatId, error.ErrorCode);
            owner = JsonNode.Parse(finding.Details)?["owner"]?.GetValue<string>();
        }

        _owners[chatId] = owner;
        return owner;
    }

    private async Task<IReadOnlyList<string>> ReachableOrLeaderAsync(string? userId, CancellationToken cancellationToken)
    {
        var member = await MemberAsync(userId, cancellationToken).ConfigureAwait(false);
        if (member is { Status: 1 })
        {
            return [member.UserId];
        }

        return await LeaderOrItAsync(userId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<string>> LeaderOrItAsync(string? userId, CancellationToken cancellationToken)
    {
        var member = await MemberAsync(userId, cancellationToken).ConfigureAwait(false);
        foreach (var leaderId in member?.DirectLeader ?? [])
        {
            var leader = await MemberAsync(leaderId, cancellationToken).ConfigureAwait(false);
            if (leader is { Status: 1 })
            {
                return [leader.UserId];
            }
        }

        return _it;
    }
}
