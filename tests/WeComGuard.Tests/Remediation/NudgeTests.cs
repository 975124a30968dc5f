using System.Globalization;
using Azure.Data.Tables;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Notifications;
using WeComGuard.Core.Remediation;
using WeComGuard.Core.Storage;
using WeComGuard.Sandbox.Tenant;

namespace WeComGuard.Tests.Remediation;

/// <summary>Nudges against the sandbox: one message a day per person, quiet hours, escalation, refusals retried then failed, waivers.</summary>
[Trait("Needs", "Azurite")]
public sealed class NudgeTests
{
    [Fact]
    public async Task Each_person_gets_one_message_with_all_their_findings_and_no_second_one_the_same_day()
    {
        await using var loop = await LoopHarness.StartAsync();
        await loop.RunAsync("SyncDirectory");

        var runMessages = loop.Sandbox.State.SentMessages.Count; // the audit runs' messages to the security team
        var first = await loop.Get<NudgeDispatcher>().DispatchAsync(CancellationToken.None);
        var markdown = loop.Sandbox.State.SentMessages.Skip(runMessages).Where(m => m.MsgType == "markdown").ToList();
        Assert.True(first.Sent >= 3, $"sent {first.Sent}");
        Assert.Equal(first.Sent, markdown.Count);
        Assert.Equal(markdown.Count, markdown.Select(m => m.ToUser).Distinct().Count());
        var rows = await loop.RowsAsync(StorageNames.NotificationsTable);
        var itFindings = rows.Where(r => r.RowKey.Contains('|', StringComparison.Ordinal) && r.GetString("Recipient") == loop.ItUser).ToList();
        Assert.True(itFindings.Count >= 2);
        var toIt = markdown.Single(m => m.ToUser == loop.ItUser).Content;
        Assert.All(itFindings, f => Assert.Contains(f.GetString("Subject")!, toIt, StringComparison.Ordinal));
        Assert.All(itFindings, f => Assert.Equal(NotificationStatus.Sent, f.GetString("Status")));
        Assert.Contains("WeCom Guard：您有", toIt, StringComparison.Ordinal);

        var second = await loop.Get<NudgeDispatcher>().DispatchAsync(CancellationToken.None);
        Assert.Equal(0, second.Sent);
        Assert.Equal(first.Sent, second.AlreadyToday);
        Assert.Equal(runMessages + markdown.Count, loop.Sandbox.State.SentMessages.Count(m => m.MsgType == "markdown"));
        Assert.Equal(first.CardsSent, loop.Sandbox.State.Cards.Sent.Count); // cards go once per finding
    }

    [Fact]
    public async Task Nothing_is_sent_in_quiet_hours()
    {
        var china = DateTimeOffset.UtcNow.ToOffset(ChinaTime.Offset);
        var window = string.Create(CultureInfo.InvariantCulture, $"{china.AddHours(-1):HH:mm}-{china.AddHours(1):HH:mm}");
        await using var loop = await LoopHarness.StartAsync(settings: new Dictionary<string, string?> { ["Notifications:QuietHours"] = window });
        await loop.RunAsync("SyncDirectory");
        var runMessages = loop.Sandbox.State.SentMessages.Count;

        var result = await loop.Get<NudgeDispatcher>().DispatchAsync(CancellationToken.None);

        Assert.True(result.QuietHours);
        Assert.Equal(runMessages, loop.Sandbox.State.SentMessages.Count);
        Assert.Empty(await loop.RowsAsync(StorageNames.NotificationsTable));
    }

    [Fact]
    public async Task A_finding_open_longer_than_the_escalation_days_also_goes_to_the_direct_leader()
    {
        await using var loop = await LoopHarness.StartAsync();
        await loop.RunAsync("SyncDirectory");
        var member = loop.Tenant.Planted.First(p => p.Kind == SandboxViolationKinds.MissingPosition).Subject;
        var leader = loop.Tenant.Members.Single(m => m.UserId == member).DirectLeader.Single();
        var finding = await loop.FindingAsync(AuditRuleCatalog.MissingPosition.Id, member);
        finding["FirstSeen"] = DateTimeOffset.UtcNow.AddDays(-4);
        await loop.Storage.Table(StorageNames.FindingsTable).UpdateEntityAsync(finding, finding.ETag, TableUpdateMode.Merge);

        var result = await loop.Get<NudgeDispatcher>().DispatchAsync(CancellationToken.None);

        Assert.True(result.Escalated >= 1);
        Assert.Contains(loop.Sandbox.State.SentMessages, m => m.ToUser == member && m.Content.Contains("未填写职务", StringComparison.Ordinal));
        var toLeader = Assert.Single(loop.Sandbox.State.SentMessages, m => m.ToUser == leader && m.MsgType == "markdown").Content;
        Assert.Contains("已超过 3 天未处理", toLeader, StringComparison.Ordinal);
        Assert.Contains($"负责人 {member}", toLeader, StringComparison.Ordinal);
        var row = (await loop.RowsAsync(StorageNames.NotificationsTable)).Single(r => r.GetString("Recipient") == leader && r.GetString("Subject") == member);
        Assert.Equal(NudgeItem.RoleEscalation, row.GetString("Role"));
    }

    [Fact]
    public async Task A_message_WeCom_refuses_once_is_retried_and_sent_exactly_once()
    {
        // No security team: no cards, so the faults hit the nudges.
        await using var loop = await LoopHarness.StartAsync(settings: new Dictionary<string, string?> { ["Notifications:SecurityTeamUserIds"] = string.Empty });
        await loop.RunAsync("SyncDirectory");
        loop.Sandbox.State.Faults.FailNext("message/send", 48002, times: 1);

        var once = await loop.Get<NudgeDispatcher>().DispatchAsync(CancellationToken.None);

        var messages = await loop.Get<NotificationStore>().ListMessagesAsync(CancellationToken.None);
        Assert.Equal(0, once.Failed);
        Assert.All(messages, m => Assert.Equal(NotificationStatus.Sent, m.GetString("Status")));
        Assert.Single(messages, m => m.GetInt32("Attempts") == 2);
        Assert.Equal(messages.Count, loop.Sandbox.State.SentMessages.Count);
        Assert.Equal(messages.Count, loop.Sandbox.State.SentMessages.Select(m => m.ToUser).Distinct().Count());
    }

    [Fact]
    public async Task A_message_refused_on_every_attempt_is_recorded_failed_and_not_sent_again()
    {
        await using var loop = await LoopHarness.StartAsync(settings: new Dictionary<string, string?> { ["Notifications:SecurityTeamUserIds"] = string.Empty });
        await loop.RunAsync("SyncDirectory");
        loop.Sandbox.State.Faults.FailNext("message/send", 48002, times: 1000);

        var result = await loop.Get<NudgeDispatcher>().DispatchAsync(CancellationToken.None);
        var again = await loop.Get<NudgeDispatcher>().DispatchAsync(CancellationToken.None);

        var messages = await loop.Get<NotificationStore>().ListMessagesAsync(CancellationToken.None);
        Assert.True(result.Failed >= 1);
        Assert.Equal(0, again.Failed + again.Sent);
        Assert.All(messages, m => Assert.Equal(NotificationStatus.Failed, m.GetString("Status")));
        Assert.All(messages, m => Assert.Equal(3, m.GetInt32("Attempts")));
        Assert.All(messages, m => Assert.Contains("48002", m.GetString("LastError"), StringComparison.Ordinal));
        Assert.Equal(3 * messages.Count, loop.Sandbox.State.CallCount("message/send"));
        Assert.Empty(loop.Sandbox.State.SentMessages);
    }

    [Fact]
    public async Task A_waived_finding_sends_no_nudge_and_opens_again_when_the_waiver_expires()
    {
        await using var loop = await LoopHarness.StartAsync();
        await loop.RunAsync("SyncDirectory");
        var member = loop.Tenant.Planted.First(p => p.Kind == SandboxViolationKinds.MissingAvatar).Subject;
        var rule = AuditRuleCatalog.MissingAvatar.Id;
        var (waiver, _) = await loop.Get<RemediationService>().ExecuteAsync(
            new ActionRequest("cli-waive-1", rule, member, RemediationActionNames.Waive, "security-lead", "cli", Days: 7, Reason: "共享服务账号"), CancellationToken.None);
        Assert.Equal(ActionStatus.Succeeded, waiver.Status);

        await loop.Get<NudgeDispatcher>().DispatchAsync(CancellationToken.None);
        var rows = await loop.RowsAsync(StorageNames.NotificationsTable);
        Assert.DoesNotContain(rows, r => r.GetString("Rule") == rule && r.GetString("Subject") == member);
        Assert.Equal("waived", (await loop.Get<Core.Audits.Findings.FindingQueries>().GetAsync(rule, member, DateTimeOffset.UtcNow, CancellationToken.None))!.Status);

        // The waiver runs out: the finding is open again and nudged (today's message for that person had not been sent).
        var row = (await loop.Storage.Table(StorageNames.WaiversTable).GetEntityAsync<TableEntity>(rule, member)).Value;
        row["ExpiresAt"] = DateTimeOffset.UtcNow.AddMinutes(-1);
        await loop.Storage.Table(StorageNames.WaiversTable).UpdateEntityAsync(row, row.ETag);
        Assert.Equal("open", (await loop.Get<Core.Audits.Findings.FindingQueries>().GetAsync(rule, member, DateTimeOffset.UtcNow, CancellationToken.None))!.Status);
        var sentBefore = loop.Sandbox.State.SentMessages.Count(m => m.ToUser == member);
        await loop.Get<NudgeDispatcher>().DispatchAsync(CancellationToken.None);
        if (sentBefore == 0)
        {
            Assert.Contains(loop.Sandbox.State.SentMessages, m => m.ToUser == member && m.Content.Contains("未设置头像", StringComparison.Ordinal));
        }

        Assert.Contains(await loop.RowsAsync(StorageNames.NotificationsTable), r => r.GetString("Rule") == rule && r.GetString("Subject") == member);
    }
}
