using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Notifications;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Core.Remediation;

/// <summary>
/// Runs one approved action on a finding, for a card click and for <c>wecomguard findings act|waive</c> alike:
/// checks that the action applies to the rule and the finding is open, then (only when <c>Remediation__Enabled</c>)
/// calls WeCom, and records the approver, the request and WeCom's answer in <c>Actions</c> and the write-once log.
/// Waivers change only WeCom Guard, so they apply in a dry run too.
/// </summary>
public sealed class RemediationService
{
    private readonly FindingQueries _findings;
    private readonly WaiverStore _waivers;
    private readonly ActionStore _actions;
    private readonly WeComApiClient _client;
    private readonly IOptions<RemediationOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RemediationService> _logger;

    public RemediationService(
        FindingQueries findings, WaiverStore waivers, ActionStore actions, WeComApiClient client, IOptions<RemediationOptions> options,
        TimeProvider time, ILogger<RemediationService> logger)
    {
        _findings = findings;
        _waivers = waivers;
        _actions = actions;
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public bool Enabled => _options.Value.Enabled;

    /// <summary>Claims <see cref="ActionRequest.ActionId"/>, runs the action and records it; a claimed id returns the earlier record without acting again.</summary>
    public async Task<(ActionRecord Record, bool Acted)> ExecuteAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var record = new ActionRecord
        {
            ActionId = request.ActionId, Rule = request.Rule, Subject = request.Subject, Action = request.Action, Approver = request.Approver,
            Source = request.Source, TaskId = request.TaskId, EventRecordId = request.EventRecordId, RequestedAt = _time.GetUtcNow(),
        };
        var (claimed, existing) = await _actions.TryClaimAsync(record, cancellationToken).ConfigureAwait(false);
        if (!claimed)
        {
            // The same event retried after a crash resumes its own claim; anything else is a second click.
            if (existing is null || existing.Status != ActionStatus.Running || existing.EventRecordId is null || existing.EventRecordId != request.EventRecordId)
            {
                return (existing ?? record, false);
            }
        }

        try
        {
            await RunAsync(request, record, cancellationToken).ConfigureAwait(false);
        }
        catch (WeComApiException refused)
        {
            Finish(record, ActionStatus.Failed, WeComAnswer(refused), $"企业微信拒绝：errcode {refused.ErrorCode}");
        }

        await _actions.CompleteAsync(record, cancellationToken).ConfigureAwait(false);
        _logger.ActionCompleted(record.ActionId, record.Action, record.Rule, record.Subject, record.Approver, record.Status);
        return (record, true);
    }

    /// <summary>Records a refusal (e.g. a click by someone outside the security team) without acting.</summary>
    public async Task<ActionRecord> RecordRefusalAsync(ActionRequest request, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var record = new ActionRecord
        {
            ActionId = request.ActionId, Rule = request.Rule, Subject = request.Subject, Action = request.Action, Approver = request.Approver,
            Source = request.Source, TaskId = request.TaskId, EventRecordId = request.EventRecordId, RequestedAt = _time.GetUtcNow(),
        };
        Finish(record, ActionStatus.Refused, new JsonObject { ["refused"] = reason }, "已拒绝：" + reason);
        var (claimed, _) = await _actions.TryClaimAsync(record, cancellationToken).ConfigureAwait(false);
        if (claimed)
        {
            await _actions.CompleteAsync(record, cancellationToken).ConfigureAwait(false);
        }

        return record;
    }

    private async Task RunAsync(ActionRequest request, ActionRecord record, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var offered = AuditRuleResponsibilities.For(request.Rule).Actions;
        if (request.Action != RemediationActionNames.Waive && !offered.Contains(request.Action, StringComparer.Ordinal))
        {
            Finish(record, ActionStatus.Refused, new JsonObject { ["refused"] = $"{request.Action} does not apply to {request.Rule}" }, $"已拒绝：{request.Rule} 不支持该操作");
            return;
        }

        var finding = await _findings.GetAsync(request.Rule, request.Subject, now, cancellationToken).ConfigureAwait(false);
        if (finding is null || finding.Status == FindingEntityColumns.StatusResolved)
        {
            Finish(record, ActionStatus.Refused, new JsonObject { ["refused"] = "the finding is not open" }, "已拒绝：问题已不存在或已解决");
            return;
        }

        switch (request.Action)
        {
            case RemediationActionNames.Waive:
                var days = request.Days ?? _options.Value.WaiverDays;
                var reason = string.IsNullOrWhiteSpace(request.Reason) ? "通过企业微信卡片批准" : request.Reason;
                var waiver = await _waivers.WaiveAsync(request.Rule, request.Subject, days, reason, request.Approver, now, cancellationToken).ConfigureAwait(false);
                record.Request = new JsonObject { ["waive"] = new JsonObject { ["days"] = days, ["reason"] = reason } }.ToJsonString();
                Finish(record, ActionStatus.Succeeded, new JsonObject { ["expiresAt"] = waiver.ExpiresAt },
                    string.Create(CultureInfo.InvariantCulture, $"已豁免至 {ChinaTime.DateOf(waiver.ExpiresAt):yyyy-MM-dd}"));
                return;
            case RemediationActionNames.Disable:
                await DisableAsync(record, UserIdOf(request.Subject), cancellationToken).ConfigureAwait(false);
                return;
            case RemediationActionNames.Reinvite:
                await ReinviteAsync(record, UserIdOf(request.Subject), cancellationToken).ConfigureAwait(false);
                return;
            default:
                await TransferAsync(record, finding, now, cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    private async Task DisableAsync(ActionRecord record, string userId, CancellationToken cancellationToken)
    {
        record.Request = new JsonObject { ["api"] = "user/update", ["body"] = new JsonObject { ["userid"] = userId, ["enable"] = 0 } }.ToJsonString();
        if (!Enabled)
        {
            Finish(record, ActionStatus.DryRun, DryRunAnswer(), $"演练：未停用 {userId}（Remediation__Enabled 未开启）");
            return;
        }

        await _client.SetMemberEnabledAsync(userId, enabled: false, cancellationToken).ConfigureAwait(false);
        Finish(record, ActionStatus.Succeeded, new JsonObject { ["errcode"] = 0 }, $"已停用 {userId}");
    }

    private async Task ReinviteAsync(ActionRecord record, string userId, CancellationToken cancellationToken)
    {
        record.Request = new JsonObject { ["api"] = "batch/invite", ["body"] = new JsonObject { ["user"] = new JsonArray(userId) } }.ToJsonString();
        if (!Enabled)
        {
            Finish(record, ActionStatus.DryRun, DryRunAnswer(), $"演练：未重新邀请 {userId}");
            return;
        }

        var invalid = await _client.InviteMembersAsync([userId], cancellationToken).ConfigureAwait(false);
        Finish(record, invalid.Count == 0 ? ActionStatus.Succeeded : ActionStatus.Failed,
            new JsonObject { ["errcode"] = 0, ["invaliduser"] = new JsonArray([.. invalid.Select(u => (JsonNode)u)]) },
            invalid.Count == 0 ? $"已重新邀请 {userId}" : $"企业微信未邀请 {userId}（invaliduser）");
    }

    // A departed owner's groups go together, to the owner's direct leader (or Remediation__DefaultTakeoverUserId),
    // 100 a call and at most 300 a day per owner; chats over the day's limit are deferred, refusals reported per chat.
    private async Task TransferAsync(ActionRecord record, FindingView finding, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var owner = JsonNode.Parse(finding.Details)?["owner"]?.GetValue<string>();
        if (string.IsNullOrEmpty(owner))
        {
            Finish(record, ActionStatus.Refused, new JsonObject { ["refused"] = "the finding names no owner" }, "已拒绝：找不到群主");
            return;
        }

        var chats = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var rule in new[] { AuditRuleCatalog.GroupOwnerDeparted.Id, AuditRuleCatalog.HandoverGroupsPending.Id })
        {
            foreach (var other in await _findings.ListAsync(rule, FindingEntityColumns.StatusOpen, now, cancellationToken).ConfigureAwait(false))
            {
                if (JsonNode.Parse(other.Details)?["owner"]?.GetValue<string>() == owner)
                {
                    chats.Add(other.Subject);
                }
            }
        }

        chats.Add(finding.Subject);
        var newOwner = await SuccessorAsync(owner, cancellationToken).ConfigureAwait(false);
        if (newOwner.Refusal is not null)
        {
            record.Request = new JsonObject { ["api"] = "externalcontact/groupchat/transfer", ["owner"] = owner, ["chats"] = chats.Count }.ToJsonString();
            Finish(record, ActionStatus.Refused, new JsonObject { ["refused"] = newOwner.Refusal }, "已拒绝：" + newOwner.Refusal);
            return;
        }

        var today = ChinaTime.DateOf(now);
        var room = Math.Max(0, WeComApiClient.MaxChatsPerOwnerPerDay - await _actions.TransferredTodayAsync(owner, today, cancellationToken).ConfigureAwait(false));
        var todays = chats.Take(room).ToList();
        var deferred = chats.Skip(room).ToList();
        var batches = todays.Chunk(WeComApiClient.MaxChatsPerTransfer).ToList();
        record.Request = new JsonObject
        {
            ["api"] = "externalcontact/groupchat/transfer",
            ["owner"] = owner,
            ["new_owner"] = newOwner.UserId,
            ["calls"] = new JsonArray([.. batches.Select(b => (JsonNode)new JsonObject { ["chat_id_list"] = new JsonArray([.. b.Select(c => (JsonNode)c)]) })]),
            ["deferred"] = new JsonArray([.. deferred.Select(c => (JsonNode)c)]),
        }.ToJsonString();
        if (!Enabled)
        {
            Finish(record, ActionStatus.DryRun, DryRunAnswer(), $"演练：未把 {chats.Count} 个客户群转给 {newOwner.UserId}");
            return;
        }

        var failed = new JsonArray();
        var transferred = 0;
        foreach (var batch in batches)
        {
            try
            {
                var refused = await _client.TransferGroupChatsAsync(batch, newOwner.UserId!, cancellationToken).ConfigureAwait(false);
                foreach (var chat in refused)
                {
                    failed.Add(new JsonObject { ["chat_id"] = chat.ChatId, ["errcode"] = chat.ErrCode, ["errmsg"] = chat.ErrMsg });
                }

                transferred += batch.Length - refused.Count;
                await _actions.AddTransferredAsync(owner, today, batch.Length - refused.Count, cancellationToken).ConfigureAwait(false);
            }
            catch (WeComApiException error)
            {
                foreach (var chat in batch)
                {
                    failed.Add(new JsonObject { ["chat_id"] = chat, ["errcode"] = error.ErrorCode, ["errmsg"] = error.ErrorMessage });
                }
            }
        }

        // Deferred chats are not a failure: they go on another day's action.
        var status = transferred == chats.Count ? ActionStatus.Succeeded : transferred > 0 || failed.Count == 0 ? ActionStatus.Partial : ActionStatus.Failed;
        Finish(record, status,
            new JsonObject { ["transferred"] = transferred, ["failed_chat_list"] = failed, ["deferred"] = deferred.Count },
            string.Create(CultureInfo.InvariantCulture, $"已转给 {newOwner.UserId}：{transferred} 个群，失败 {failed.Count}，顺延 {deferred.Count}（每天每位离职成员最多 {WeComApiClient.MaxChatsPerOwnerPerDay} 个）"));
    }

    // WeCom takes over only to an activated member; the owner's direct leader first, then the configured default.
    private async Task<(string? UserId, string? Refusal)> SuccessorAsync(string owner, CancellationToken cancellationToken)
    {
        var candidates = new List<string>();
        try
        {
            candidates.AddRange((await _client.GetMemberAsync(owner, cancellationToken).ConfigureAwait(false)).DirectLeader);
        }
        catch (WeComApiException)
        {
            // A member who left may be gone from the directory: fall back to the default.
        }

        if (!string.IsNullOrWhiteSpace(_options.Value.DefaultTakeoverUserId))
        {
            candidates.Add(_options.Value.DefaultTakeoverUserId.Trim());
        }

        foreach (var candidate in candidates.Where(c => c != owner))
        {
            try
            {
                if ((await _client.GetMemberAsync(candidate, cancellationToken).ConfigureAwait(false)).Status == 1)
                {
                    return (candidate, null);
                }
            }
            catch (WeComApiException)
            {
                // Not in the directory: not eligible.
            }
        }

        return (null, candidates.Count == 0
            ? $"no successor for {owner}: WeCom names no direct leader and Remediation__DefaultTakeoverUserId is empty"
            : $"no eligible successor for {owner} (the new owner must be an activated member): {string.Join(", ", candidates)}");
    }

    private static string UserIdOf(string subject) => subject.Split('|')[0];

    private static JsonObject DryRunAnswer() => new() { ["dryRun"] = true, ["setting"] = "Remediation__Enabled" };

    private static JsonObject WeComAnswer(WeComApiException error) => new() { ["api"] = error.ApiPath, ["errcode"] = error.ErrorCode, ["errmsg"] = error.ErrorMessage };

    private void Finish(ActionRecord record, string status, JsonObject response, string summary)
    {
        record.Status = status;
        record.Response = response.ToJsonString();
        record.Summary = summary;
        record.CompletedAt = _time.GetUtcNow();
    }
}
