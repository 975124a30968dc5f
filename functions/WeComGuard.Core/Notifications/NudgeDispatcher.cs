using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Remediation;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Core.Notifications;

/// <summary>
/// Timer <c>SendNudges</c> (<c>NudgeSchedule</c>): outside the quiet hours, sends each responsible person one Chinese
/// message a day with all their open (not waived) findings, adds findings open for <c>Notifications__EscalationDays</c>
/// to their direct leader's message, and sends the security team one action card per actionable finding. Each message
/// is recorded before WeCom is called; a refusal is retried, then recorded failed.
/// </summary>
public sealed class NudgeDispatcher : IScheduledJob
{
    private readonly FindingQueries _findings;
    private readonly NotificationStore _notifications;
    private readonly ActionStore _actions;
    private readonly WeComApiClient _client;
    private readonly SecurityTeamRecipients _securityTeam;
    private readonly NudgeOptions _options;
    private readonly RemediationOptions _remediation;
    private readonly TimeProvider _time;
    private readonly ILogger<NudgeDispatcher> _logger;

    public NudgeDispatcher(
        FindingQueries findings, NotificationStore notifications, ActionStore actions, WeComApiClient client, SecurityTeamRecipients securityTeam,
        IOptions<NudgeOptions> options, IOptions<RemediationOptions> remediation, TimeProvider time, ILogger<NudgeDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(remediation);
        _findings = findings;
        _notifications = notifications;
        _actions = actions;
        _client = client;
        _securityTeam = securityTeam;
        _options = options.Value;
        _remediation = remediation.Value;
        _time = time;
        _logger = logger;
    }

    public string Name => "SendNudges";

    public string ScheduleSetting => SettingNames.NudgeSchedule;

    public Task RunAsync(CancellationToken cancellationToken) => DispatchAsync(cancellationToken);

    public async Task<NudgeRunResult> DispatchAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var china = now.ToOffset(ChinaTime.Offset);
        if (_options.IsQuiet(TimeOnly.FromDateTime(china.DateTime)))
        {
            _logger.NudgesQuietHours(_options.QuietHours, china.ToString("HH:mm", CultureInfo.InvariantCulture));
            return NudgeRunResult.Quiet;
        }

        var open = await _findings.ListAsync(null, FindingEntityColumns.StatusOpen, now, cancellationToken).ConfigureAwait(false);
        var (cardsSent, cardsFailed) = await SendCardsAsync(open, now, cancellationToken).ConfigureAwait(false);

        var resolver = new RecipientResolver(_client, _options.ItUserIdList, _securityTeam, _logger);
        var byRecipient = new SortedDictionary<string, Dictionary<FindingKey, NudgeItem>>(StringComparer.Ordinal);
        var escalated = 0;
        foreach (var finding in open)
        {
            var responsible = await resolver.ResponsibleAsync(finding, cancellationToken).ConfigureAwait(false);
            if (responsible.Count == 0)
            {
                _logger.NudgeNoRecipient(finding.Rule, finding.Subject, SettingNames.SecurityTeamUserIds);
                continue;
            }

            foreach (var person in responsible)
            {
                Add(byRecipient, person, new NudgeItem(finding, NudgeItem.RoleResponsible, null));
            }

            if (now - finding.FirstSeen < TimeSpan.FromDays(_options.EscalationDays)
                || AuditRuleResponsibilities.For(finding.Rule).Party is ResponsibleParty.It or ResponsibleParty.SecurityTeam)
            {
                continue;
            }

            foreach (var person in responsible.Where(p => !resolver.IsTeamRecipient(p)))
            {
                foreach (var leader in await resolver.EscalationAsync(person, cancellationToken).ConfigureAwait(false))
                {
                    if (leader != person)
                    {
                        Add(byRecipient, leader, new NudgeItem(finding, NudgeItem.RoleEscalation, person));
                        escalated++;
                    }
                }
            }
        }

        int sent = 0, failed = 0, unknown = 0, already = 0;
        var today = ChinaTime.DateOf(now);
        foreach (var (recipient, items) in byRecipient)
        {
            var outcome = await SendDigestAsync(recipient, today, [.. items.Values], cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case NotificationStatus.Sent: sent++; break;
                case NotificationStatus.Failed: failed++; break;
                case NotificationStatus.Unknown: unknown++; break;
                default: already++; break;
            }
        }

        return new NudgeRunResult(false, sent, failed, unknown, already, escalated, cardsSent, cardsFailed);
    }

    private static void Add(SortedDictionary<string, Dictionary<FindingKey, NudgeItem>> byRecipient, string recipient, NudgeItem item)
    {
        if (!byRecipient.TryGetValue(recipient, out var items))
        {
            byRecipient[recipient] = items = [];
        }

        // Responsible beats escalation when the same person is both.
        if (!items.TryGetValue(item.Finding.Key, out var existing) || (existing.Role == NudgeItem.RoleEscalation && item.Role == NudgeItem.RoleResponsible))
        {
            items[item.Finding.Key] = item;
        }
    }

    // Returns the message's status after this run, or "already" when today's message was settled before.
    private async Task<string> SendDigestAsync(string recipient, DateOnly today, IReadOnlyList<NudgeItem> items, CancellationToken cancellationToken)
    {
        var ordered = items.OrderBy(i => i.Role == NudgeItem.RoleEscalation).ThenBy(i => i.Finding.Rule, StringComparer.Ordinal).ThenBy(i => i.Finding.Subject, StringComparer.Ordinal).ToList();
        await _notifications.TryCreateAsync(recipient, today, ordered, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var message = await _notifications.GetMessageAsync(recipient, today, cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            return "already";
        }

        var markdown = NudgeText.Render(ordered, _options.EscalationDays);
        return await SendWithRetriesAsync(message, recipient, today, async token =>
        {
            var result = await _client.SendMarkdownAsync([recipient], markdown, token).ConfigureAwait(false);
            return (result.MsgId, Invalid: !string.IsNullOrEmpty(result.InvalidUser) && result.InvalidUser.Split('|').Contains(recipient, StringComparer.Ordinal));
        }, ordered, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> SendWithRetriesAsync(
        TableEntity message, string recipient, DateOnly today, Func<CancellationToken, Task<(string? MsgId, bool Invalid)>> send,
        IReadOnlyList<NudgeItem> items, CancellationToken cancellationToken)
    {
        var date = NotificationStore.DateKey(today);
        switch (message.GetString("Status"))
        {
            case NotificationStatus.Pending:
                break;
            case NotificationStatus.Sending:
                _logger.NudgeOutcomeUnknown(recipient, date);
                await SettleAsync(message, recipient, today, NotificationStatus.Unknown, null, "in flight when the sender stopped", cancellationToken).ConfigureAwait(false);
                return NotificationStatus.Unknown;
            default:
                return "already";
        }

        while (true)
        {
            if (!await _notifications.TryUpdateMessageAsync(message, NotificationStatus.Sending, null, null, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                return "already";
            }

            var attempt = message.GetInt32("Attempts") ?? 1;
            try
            {
                var (msgId, invalid) = await send(cancellationToken).ConfigureAwait(false);
                if (invalid)
                {
                    _logger.NudgeFailed(recipient, "WeCom named the recipient invalid (invaliduser)");
                    await SettleAsync(message, recipient, today, NotificationStatus.Failed, msgId, "invaliduser", cancellationToken).ConfigureAwait(false);
                    return NotificationStatus.Failed;
                }

                await SettleAsync(message, recipient, today, NotificationStatus.Sent, msgId ?? string.Empty, null, cancellationToken).ConfigureAwait(false);
                _logger.NudgeSent(recipient, items.Count(i => i.Role == NudgeItem.RoleResponsible), items.Count(i => i.Role == NudgeItem.RoleEscalation), msgId);
                return NotificationStatus.Sent;
            }
            catch (WeComApiException refused)
            {
                // WeCom answered with an errcode: nothing was delivered, so another attempt cannot send it twice.
                _logger.NudgeRefused(recipient, attempt, refused.ErrorCode);
                var error = string.Create(CultureInfo.InvariantCulture, $"errcode {refused.ErrorCode}: {refused.ErrorMessage}");
                if (attempt >= _options.MaxAttempts)
                {
                    _logger.NudgeFailed(recipient, error);
                    await SettleAsync(message, recipient, today, NotificationStatus.Failed, null, error, cancellationToken).ConfigureAwait(false);
                    return NotificationStatus.Failed;
                }

                await _notifications.TryUpdateMessageAsync(message, NotificationStatus.Pending, null, error, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                await Task.Delay(_options.RetryDelay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception lost) when (lost is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // No answer (timeout, connection lost): WeCom may have delivered it. Not sent again.
                _logger.NudgeOutcomeUnknown(recipient, date);
                await SettleAsync(message, recipient, today, NotificationStatus.Unknown, null, lost.GetType().Name, cancellationToken).ConfigureAwait(false);
                return NotificationStatus.Unknown;
            }
        }
    }

    private async Task SettleAsync(TableEntity message, string recipient, DateOnly today, string status, string? msgId, string? error, CancellationToken cancellationToken)
    {
        await _notifications.TryUpdateMessageAsync(message, status, msgId, error, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await _notifications.CompleteFindingsAsync(recipient, today, status, msgId, cancellationToken).ConfigureAwait(false);
    }

    // One card per actionable finding, sent once (not daily): reserved before WeCom is called.
    private async Task<(int Sent, int Failed)> SendCardsAsync(IReadOnlyList<FindingView> open, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_securityTeam.UserIds.Count == 0)
        {
            return (0, 0);
        }

        var cards = (await _actions.ListCardsAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(c => new FindingKey(c.GetString("Rule") ?? string.Empty, c.GetString("Subject") ?? string.Empty))
            .ToDictionary(g => g.Key, g => g.First());
        int sent = 0, failed = 0;
        foreach (var finding in open)
        {
            var actions = AuditRuleResponsibilities.For(finding.Rule).Actions;
            if (actions.Count == 0)
            {
                continue;
            }

            if (!cards.TryGetValue(finding.Key, out var card))
            {
                var taskId = "wg" + Guid.NewGuid().ToString("N");
                if (!await _actions.TryReserveCardAsync(finding.Rule, finding.Subject, taskId, actions, now, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                card = await _actions.GetCardAsync(taskId, cancellationToken).ConfigureAwait(false);
                if (card is null)
                {
                    continue;
                }
            }

            var outcome = await SendCardAsync(card, finding, cancellationToken).ConfigureAwait(false);
            sent += outcome == NotificationStatus.Sent ? 1 : 0;
            failed += outcome is NotificationStatus.Failed or NotificationStatus.Unknown ? 1 : 0;
        }

        return (sent, failed);
    }

    private async Task<string> SendCardAsync(TableEntity card, FindingView finding, CancellationToken cancellationToken)
    {
        var taskId = card.RowKey;
        var status = card.GetString("Status");
        if (status == NotificationStatus.Sending)
        {
            card["Status"] = NotificationStatus.Unknown;
            await _actions.UpdateCardAsync(card, cancellationToken).ConfigureAwait(false);
            _logger.CardFailed(taskId, finding.Rule, finding.Subject, NotificationStatus.Unknown, "in flight when the sender stopped");
            return NotificationStatus.Unknown;
        }

        if (status != NotificationStatus.Pending)
        {
            return "already";
        }

        var body = ActionCard.Build(finding, taskId, _remediation.WaiverDays, dryRun: !_remediation.Enabled);
        while (true)
        {
            var attempt = (card.GetInt32("Attempts") ?? 0) + 1;
            card["Attempts"] = attempt;
            card["Status"] = NotificationStatus.Sending;
            await _actions.UpdateCardAsync(card, cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await _client.SendTemplateCardAsync(_securityTeam.UserIds, body, cancellationToken).ConfigureAwait(false);
                card["Status"] = NotificationStatus.Sent;
                card["MsgId"] = result.MsgId;
                card["ResponseCode"] = result.ResponseCode;
                card["Recipients"] = string.Join(',', _securityTeam.UserIds);
                card["SentAt"] = _time.GetUtcNow();
                await _actions.UpdateCardAsync(card, cancellationToken).ConfigureAwait(false);
                _logger.CardSent(taskId, finding.Rule, finding.Subject, result.MsgId);
                return NotificationStatus.Sent;
            }
            catch (WeComApiException refused)
            {
                card["LastError"] = string.Create(CultureInfo.InvariantCulture, $"errcode {refused.ErrorCode}: {refused.ErrorMessage}");
                card["Status"] = attempt >= _options.MaxAttempts ? NotificationStatus.Failed : NotificationStatus.Pending;
                await _actions.UpdateCardAsync(card, cancellationToken).ConfigureAwait(false);
                if (attempt >= _options.MaxAttempts)
                {
                    _logger.CardFailed(taskId, finding.Rule, finding.Subject, NotificationStatus.Failed, card.GetString("LastError")!);
                    return NotificationStatus.Failed;
                }

                await Task.Delay(_options.RetryDelay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception lost) when (lost is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                card["Status"] = NotificationStatus.Unknown;
                card["LastError"] = lost.GetType().Name;
                await _actions.UpdateCardAsync(card, cancellationToken).ConfigureAwait(false);
                _logger.CardFailed(taskId, finding.Rule, finding.Subject, NotificationStatus.Unknown, lost.GetType().Name);
                return NotificationStatus.Unknown;
            }
        }
    }
}
