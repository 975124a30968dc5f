using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Events;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Notifications;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Core.Remediation;

/// <summary>
/// A click on a security team card (event <c>template_card_event</c>: <c>EventKey</c> the button's action,
/// <c>TaskId</c> the card, <c>FromUserName</c> who clicked, <c>ResponseCode</c> for the card update), arriving through
/// the callback endpoint and <c>ProcessWeComEvent</c>. Only userids in <c>Notifications__SecurityTeamUserIds</c> may
/// act (anyone else is refused, logged and recorded); each TaskId acts at most once however often WeCom retries or
/// people click; the card is then updated to show who did what and the result.
/// </summary>
public sealed class CardClickApplier : IWeComEventApplier
{
    public const string EventName = "template_card_event";

    private readonly ActionStore _actions;
    private readonly RemediationService _remediation;
    private readonly FindingQueries _findings;
    private readonly WeComApiClient _client;
    private readonly SecurityTeamRecipients _securityTeam;
    private readonly TimeProvider _time;
    private readonly ILogger<CardClickApplier> _logger;

    public CardClickApplier(
        ActionStore actions, RemediationService remediation, FindingQueries findings, WeComApiClient client, SecurityTeamRecipients securityTeam,
        TimeProvider time, ILogger<CardClickApplier> logger)
    {
        _actions = actions;
        _remediation = remediation;
        _findings = findings;
        _client = client;
        _securityTeam = securityTeam;
        _time = time;
        _logger = logger;
    }

    public async Task ApplyAsync(WeComEventContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var click = context.Event;
        if (click.Event != EventName)
        {
            return;
        }

        var taskId = click.Field("TaskId") ?? string.Empty;
        var action = click.Field("EventKey") ?? string.Empty;
        var clicker = click.FromUserName ?? string.Empty;
        var card = taskId.Length == 0 ? null : await _actions.GetCardAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (card is null)
        {
            _logger.CardClickUnknownTask(taskId);
            return;
        }

        var rule = card.GetString("Rule") ?? string.Empty;
        var subject = card.GetString("Subject") ?? string.Empty;
        if (!_securityTeam.UserIds.Contains(clicker, StringComparer.Ordinal))
        {
            _logger.CardClickRefused(clicker, action, taskId, SettingNames.SecurityTeamUserIds);
            await _remediation.RecordRefusalAsync(
                new ActionRequest("refused-" + context.RecordId, rule, subject, action, clicker, "card", TaskId: taskId, EventRecordId: context.RecordId),
                "not in the security team", cancellationToken).ConfigureAwait(false);
            return;
        }

        var (record, acted) = await _remediation.ExecuteAsync(
            new ActionRequest(ActionStore.TaskActionId(taskId), rule, subject, action, clicker, "card", TaskId: taskId, EventRecordId: context.RecordId),
            cancellationToken).ConfigureAwait(false);
        if (!acted)
        {
            _logger.CardClickDuplicate(taskId, record.Status, clicker);
            return;
        }

        await UpdateCardAsync(card, click.Field("ResponseCode"), record, cancellationToken).ConfigureAwait(false);
    }

    private async Task UpdateCardAsync(Azure.Data.Tables.TableEntity card, string? clickResponseCode, ActionRecord record, CancellationToken cancellationToken)
    {
        // The click's ResponseCode updates the card after the click; the send's is the fallback (each works once).
        var code = string.IsNullOrEmpty(clickResponseCode) ? card.GetString("ResponseCode") : clickResponseCode;
        var finding = await _findings.GetAsync(record.Rule, record.Subject, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(code) || finding is null)
        {
            return;
        }

        var recipients = (card.GetString("Recipients") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            await _client.UpdateTemplateCardAsync(recipients.Length > 0 ? recipients : _securityTeam.UserIds, code, ActionCard.Done(finding, card.RowKey, record), cancellationToken).ConfigureAwait(false);
        }
        catch (WeComApiException error)
        {
            _logger.CardUpdateFailed(card.RowKey, error.ErrorCode);
        }
    }
}
