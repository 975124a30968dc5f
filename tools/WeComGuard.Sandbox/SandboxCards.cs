using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using WeComGuard.Sandbox.Callbacks;

namespace WeComGuard.Sandbox;

/// <summary>
/// The sandbox's template cards: each card sent (by task_id), the response codes WeCom hands out (one per send and one
/// per click, each usable once), the card updates received, and clicks sent back to the app as signed
/// <c>template_card_event</c> callbacks.
/// </summary>
public sealed class SandboxCards
{
    private readonly ConcurrentDictionary<string, SandboxCard> _cards = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _responseCodes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SandboxCardUpdate> _updates = new();
    private readonly ConcurrentQueue<SandboxInvite> _invites = new();
    private readonly ConcurrentDictionary<string, int> _transferredToday = new(StringComparer.Ordinal);

    public IReadOnlyCollection<SandboxCard> Sent => [.. _cards.Values];

    public IReadOnlyCollection<SandboxCardUpdate> Updates => _updates.ToArray();

    public IReadOnlyCollection<SandboxInvite> Invites => _invites.ToArray();

    /// <summary>Chats transferred today away from <paramref name="owner"/> (WeCom allows 300 a day per departed owner).</summary>
    public int TransferredToday(string owner) => _transferredToday.GetValueOrDefault(owner);

    /// <summary>Makes <paramref name="owner"/> look as if <paramref name="count"/> of their chats were transferred earlier today.</summary>
    public void SetTransferredToday(string owner, int count) => _transferredToday[owner] = count;

    /// <summary>
    /// <paramref name="userId"/> clicks the button <paramref name="eventKey"/> of card <paramref name="taskId"/>: WeCom
    /// issues a new ResponseCode and delivers the signed, encrypted event through <paramref name="sender"/> (with its retries).
    /// </summary>
    public async Task<CallbackDelivery> ClickAsync(WeComCallbackSender sender, string corpId, string userId, string taskId, string eventKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var code = IssueResponseCode(taskId);
        var agentId = _cards.TryGetValue(taskId, out var card) ? card.AgentId.ToString(System.Globalization.CultureInfo.InvariantCulture) : "1000002";
        return await sender.SendAsync(TemplateCardEventXml.Click(corpId, userId, taskId, eventKey, code, agentId, DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
    }

    internal bool TryAdd(SandboxCard card) => _cards.TryAdd(card.TaskId, card);

    internal string IssueResponseCode(string taskId)
    {
        var code = "sbxrc" + Guid.NewGuid().ToString("N");
        _responseCodes[code] = taskId;
        return code;
    }

    /// <summary>The task the code was issued for, consuming it (a code works once).</summary>
    internal string? TryConsume(string code) => _responseCodes.TryRemove(code, out var taskId) ? taskId : null;

    internal void RecordUpdate(SandboxCardUpdate update) => _updates.Enqueue(update);

    internal void RecordInvite(SandboxInvite invite) => _invites.Enqueue(invite);

    internal int AddTransferred(string owner, int count) => _transferredToday.AddOrUpdate(owner, count, (_, n) => n + count);
}

/// <summary>A template card an app sent: to whom, its task_id and the card JSON.</summary>
public sealed record SandboxCard(string TaskId, IReadOnlyList<string> ToUsers, int AgentId, JsonObject Card);

/// <summary>A message/update_template_card call: which task, for whom, the new card.</summary>
public sealed record SandboxCardUpdate(string TaskId, IReadOnlyList<string> UserIds, JsonObject Card);

/// <summary>A batch/invite call's invited userids.</summary>
public sealed record SandboxInvite(IReadOnlyList<string> UserIds);
