using System.Diagnostics;
using System.Text.Json.Nodes;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Notifications;
using WeComGuard.Core.Remediation;
using WeComGuard.Core.Storage;
using Xunit.Abstractions;

namespace WeComGuard.Tests.Remediation;

/// <summary>
/// The whole loop over real HTTP and Azurite: a planted departed-but-enabled account is found by the nightly audit,
/// IT is nudged, the security team gets an action card, a security team member clicks "停用账号" (a signed
/// template_card_event through the callback endpoint and the wecom-events queue), WeCom Guard disables the account
/// with user/update, updates the card, and the next audit run resolves the finding.
/// </summary>
[Trait("Needs", "Azurite")]
public sealed class LoopEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Planted_violation_to_nudge_click_action_updated_card_and_resolved_on_the_next_run()
    {
        await using var loop = await LoopHarness.StartAsync();
        var subject = loop.DepartedEnabledSubject();
        var rule = AuditRuleCatalog.DepartedStillEnabled.Id;

        await loop.RunAsync("SyncDirectory");
        Assert.Equal("open", (await loop.FindingAsync(rule, subject)).GetString("Status"));

        var nudges = await loop.Get<NudgeDispatcher>().DispatchAsync(CancellationToken.None);
        var toIt = Assert.Single(loop.Sandbox.State.SentMessages, m => m.ToUser == loop.ItUser && m.MsgType == "markdown");
        Assert.Contains("离职员工账号仍可用", toIt.Content, StringComparison.Ordinal);
        Assert.Contains(subject, toIt.Content, StringComparison.Ordinal);
        Assert.Contains("§2.3.1", toIt.Content, StringComparison.Ordinal);
        Assert.Contains("期限", toIt.Content, StringComparison.Ordinal);
        var messages = await loop.Get<NotificationStore>().ListMessagesAsync(CancellationToken.None);
        Assert.All(messages, m => Assert.Equal(NotificationStatus.Sent, m.GetString("Status")));
        Assert.All(messages, m => Assert.StartsWith("sbxmsg", m.GetString("MsgId"), StringComparison.Ordinal));
        Assert.Equal(nudges.Sent, messages.Count);

        var taskId = await loop.CardTaskIdAsync(rule, subject);
        var card = Assert.Single(loop.Sandbox.State.Cards.Sent, c => c.TaskId == taskId);
        Assert.Equal([loop.SecurityUser, loop.SecondSecurityUser], card.ToUsers);
        Assert.Contains(card.Card["button_list"]!.AsArray(), b => (string?)b!["key"] == RemediationActionNames.Disable);

        var clicked = Stopwatch.StartNew();
        var delivery = await loop.Sandbox.State.Cards.ClickAsync(loop.Sender(), loop.CorpId, loop.SecurityUser, taskId, RemediationActionNames.Disable);
        Assert.True(delivery.Delivered);
        var action = await loop.WaitForActionAsync(ActionStore.TaskActionId(taskId));
        clicked.Stop();

        Assert.Equal(ActionStatus.Succeeded, action.Status);
        Assert.Equal(loop.SecurityUser, action.Approver);
        Assert.Equal(0, (int)JsonNode.Parse(action.Request)!["body"]!["enable"]!);
        Assert.Equal(2, loop.Sandbox.State.Read(t => t.Members.Single(m => m.UserId == subject).Status));
        Assert.Equal(1, loop.Sandbox.State.CallCount("user/update"));
        var update = await loop.WaitForCardUpdateAsync(taskId);
        Assert.Single(loop.Sandbox.State.Cards.Updates);
        Assert.Contains(loop.SecurityUser, (string?)update.Card["replace_text"], StringComparison.Ordinal);
        Assert.Contains("已完成", (string?)update.Card["replace_text"], StringComparison.Ordinal);
        var log = await loop.Storage.Container(StorageNames.AuditReportsContainer).GetBlobClient(action.LogBlob).DownloadContentAsync();
        Assert.Equal(loop.SecurityUser, (string?)JsonNode.Parse(log.Value.Content.ToString())!["approver"]);

        await loop.RunAsync("SyncDirectory");
        Assert.Equal("resolved", (await loop.FindingAsync(rule, subject)).GetString("Status"));

        output.WriteLine($"nudges sent {nudges.Sent} (escalated {nudges.Escalated}), cards {nudges.CardsSent}, " +
            $"message/send calls {loop.Sandbox.State.CallCount("message/send")}, click to action recorded {clicked.ElapsedMilliseconds} ms, " +
            $"user/update {loop.Sandbox.State.CallCount("user/update")}, update_template_card {loop.Sandbox.State.CallCount("message/update_template_card")}");
    }

    [Fact]
    public async Task A_click_by_someone_outside_the_security_team_is_refused_recorded_and_changes_nothing()
    {
        await using var loop = await LoopHarness.StartAsync();
        var subject = loop.DepartedEnabledSubject();
        await loop.RunAsync("SyncDirectory");
        await loop.Get<NudgeDispatcher>().DispatchAsync(CancellationToken.None);
        var taskId = await loop.CardTaskIdAsync(AuditRuleCatalog.DepartedStillEnabled.Id, subject);

        Assert.True((await loop.Sandbox.State.Cards.ClickAsync(loop.Sender(), loop.CorpId, loop.ItUser, taskId, RemediationActionNames.Disable)).Delivered);
        await loop.WaitForEventsAsync(1);

        var refused = Assert.Single(await loop.Get<ActionStore>().ListAsync(CancellationToken.None));
        Assert.Equal(ActionStatus.Refused, refused.Status);
        Assert.Equal(loop.ItUser, refused.Approver);
        Assert.StartsWith("refused-", refused.ActionId, StringComparison.Ordinal);
        Assert.Equal(0, loop.Sandbox.State.CallCount("user/update"));
        Assert.Equal(1, loop.Sandbox.State.Read(t => t.Members.Single(m => m.UserId == subject).Status));

        // The refusal did not use up the card: the security team can still act on it.
        await loop.Sandbox.State.Cards.ClickAsync(loop.Sender(), loop.CorpId, loop.SecurityUser, taskId, RemediationActionNames.Disable);
        Assert.Equal(ActionStatus.Succeeded, (await loop.WaitForActionAsync(ActionStore.TaskActionId(taskId))).Status);
    }

    [Fact]
    public async Task A_click_WeCom_delivers_three_times_and_a_second_click_act_once()
    {
        await using var loop = await LoopHarness.StartAsync();
        var subject = loop.DepartedEnabledSubject();
        await loop.RunAsync("SyncDirectory");
        await loop.Get<NudgeDispatcher>().DispatchAsync(CancellationToken.None);
        var taskId = await loop.CardTaskIdAsync(AuditRuleCatalog.DepartedStillEnabled.Id, subject);

        var sender = loop.Sender();
        var xml = Sandbox.Callbacks.TemplateCardEventXml.Click(loop.CorpId, loop.SecurityUser, taskId, RemediationActionNames.Disable, "rc-1", "1000002", DateTimeOffset.UtcNow);
        await Task.WhenAll(sender.SendAsync(xml), sender.SendAsync(xml), sender.SendAsync(xml));
        await loop.WaitForActionAsync(ActionStore.TaskActionId(taskId));
        await loop.Sandbox.State.Cards.ClickAsync(sender, loop.CorpId, loop.SecondSecurityUser, taskId, RemediationActionNames.Disable);
        await loop.WaitForEventsAsync(2);

        Assert.Equal(1, loop.Sandbox.State.CallCount("user/update"));
        var action = Assert.Single(await loop.Get<ActionStore>().ListAsync(CancellationToken.None));
        Assert.Equal(loop.SecurityUser, action.Approver);
        Assert.Equal(2, (await loop.RowsAsync(StorageNames.WeComEventsTable)).Count); // the three deliveries are one event
    }

    [Fact]
    public async Task Dry_run_records_the_approved_action_updates_the_card_and_leaves_WeCom_unchanged()
    {
        await using var loop = await LoopHarness.StartAsync(settings: new Dictionary<string, string?> { ["Remediation:Enabled"] = "false" });
        var subject = loop.DepartedEnabledSubject();
        await loop.RunAsync("SyncDirectory");
        await loop.Get<NudgeDispatcher>().DispatchAsync(CancellationToken.None);
        var taskId = await loop.CardTaskIdAsync(AuditRuleCatalog.DepartedStillEnabled.Id, subject);
        Assert.Contains("演练", (string?)loop.Sandbox.State.Cards.Sent.Single(c => c.TaskId == taskId).Card["sub_title_text"], StringComparison.Ordinal);

        await loop.Sandbox.State.Cards.ClickAsync(loop.Sender(), loop.CorpId, loop.SecurityUser, taskId, RemediationActionNames.Disable);
        var action = await loop.WaitForActionAsync(ActionStore.TaskActionId(taskId));

        Assert.Equal(ActionStatus.DryRun, action.Status);
        Assert.Contains("user/update", action.Request, StringComparison.Ordinal);
        Assert.Equal(0, loop.Sandbox.State.CallCount("user/update"));
        Assert.Equal(1, loop.Sandbox.State.Read(t => t.Members.Single(m => m.UserId == subject).Status));
        Assert.Contains("演练", (string?)(await loop.WaitForCardUpdateAsync(taskId)).Card["replace_text"], StringComparison.Ordinal);
        await loop.RunAsync("SyncDirectory");
        Assert.Equal("open", (await loop.FindingAsync(AuditRuleCatalog.DepartedStillEnabled.Id, subject)).GetString("Status"));
    }
}
