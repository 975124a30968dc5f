using Azure.Data.Tables;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Runs;
using WeComGuard.Core.Storage;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Audits;

[Trait("Needs", "Azurite")]
public sealed class PartialAuditRunTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset T = new(2026, 11, 28, 18, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_group_run_that_could_read_only_some_groups_is_partial_and_resolves_nothing()
    {
        var harness = new AuditHarness(storage.Clients, T);
        await harness.UploadRosterAsync("employee_id,name,userid,mobile,email,department,position,status,hire_date,termination_date\nE1,张三,zhangsan,,,销售部,经理,active,2020-01-01,\n");
        harness.Source.Members.Add(new AuditMember("zhangsan", "张三", "经理", null, null, 1, AvatarState.Present, [2]));
        harness.Source.Groups.AddRange(
        [
            AuditTestData.Chat("wrP1", "群聊", "zhangsan", ("zhangsan", 1)),
            AuditTestData.Chat("wrP2", "新建群聊", "zhangsan", ("zhangsan", 1)),
        ]);
        var audit = harness.Get<GroupAudit>();
        Assert.Equal(AuditRunStatus.Succeeded, (await audit.RunAuditAsync(CancellationToken.None)).Status);

        // WeCom could not return some chats (e.g. groupchat/get kept failing for one): partial.
        harness.Source.FailGroupsWith = new AuditDataIncompleteException("groupchat/get failed for 1 chat");
        harness.Time.Advance(TimeSpan.FromHours(1));
        var partial = await audit.RunAuditAsync(CancellationToken.None);

        Assert.Equal(AuditRunStatus.Partial, partial.Status);
        Assert.Contains("groupchat/get failed", partial.Error, StringComparison.Ordinal);
        Assert.Equal((1, 0, 0), (partial.FindingCount, partial.NewCount, partial.ResolvedCount));
        var table = storage.Clients.Table(StorageNames.FindingsTable);
        var unseen = (await table.GetEntityAsync<TableEntity>("group.unnamed", "wrP2")).Value;
        Assert.Equal("open", unseen.GetString("Status"));
        var run = await harness.Get<AuditRunStore>().GetAsync(AuditNames.Groups, partial.RunId, CancellationToken.None);
        Assert.Equal(AuditRunStatus.Partial, run!.Status);
        Assert.NotNull(run.ReportPath);
    }

    [Fact]
    public async Task An_account_run_without_the_login_log_is_partial()
    {
        var harness = new AuditHarness(storage.Clients, T);
        await harness.UploadRosterAsync("employee_id,name,userid,mobile,email,department,position,status,hire_date,termination_date\nE1,张三,zhangsan,,,销售部,经理,active,2020-01-01,\n");
        harness.Source.Members.Add(new AuditMember("zhangsan", "张三", "", null, null, 1, AvatarState.Present, [2]));
        var source = new LogFailingSource(harness.Source);
        var outcome = await AccountAuditEvaluator.EvaluateAsync(source, harness.Get<WeComGuard.Core.Audits.Roster.IRosterSource>(), new AuditOptions(), new AuditClock(T), CancellationToken.None);

        Assert.False(outcome.IsComplete);
        Assert.Contains(outcome.IncompleteReasons, reason => reason.Contains("operation log", StringComparison.Ordinal));
        Assert.Equal(["account.missing-position|zhangsan"], outcome.Findings.Select(finding => $"{finding.Rule}|{finding.Subject}"));
        Assert.DoesNotContain(AuditRuleCatalog.NewDeviceLogins.Id, outcome.EvaluatedRules);
        Assert.DoesNotContain(AuditRuleCatalog.LoginAfterDeparture.Id, outcome.EvaluatedRules);
        Assert.Contains(AuditRuleCatalog.NotInRoster.Id, outcome.EvaluatedRules);
    }

    [Fact]
    public async Task A_cancelled_run_is_recorded_as_failed_and_resolves_nothing()
    {
        var harness = new AuditHarness(storage.Clients, T.AddDays(1));
        using var cancellation = new CancellationTokenSource();
        var runs = harness.Get<WeComGuard.Core.Audits.Runs.AuditRunner>();
        string? runId = null;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runs.RunAsync(
            AuditNames.Accounts,
            async (clock, token) =>
            {
                runId = WeComGuard.Core.Audits.Runs.AuditRunner.NewRunId(clock.AsOf)[..16];
                await cancellation.CancelAsync();
                token.ThrowIfCancellationRequested();
                throw new InvalidOperationException("not reached");
            },
            cancellation.Token));

        var rows = new List<TableEntity>();
        await foreach (var row in storage.Clients.Table(StorageNames.AuditRunsTable).QueryAsync<TableEntity>(row => row.PartitionKey == AuditNames.Accounts))
        {
            rows.Add(row);
        }

        var cancelled = Assert.Single(rows, row => row.RowKey.StartsWith(runId!, StringComparison.Ordinal));
        Assert.Equal("failed", cancelled.GetString("Status"));
        Assert.Contains("cancelled", cancelled.GetString("Error"), StringComparison.Ordinal);
    }

    private sealed class LogFailingSource(IAuditDataSource inner) : IAuditDataSource
    {
        public ContactFingerprinter Contacts => inner.Contacts;

        public IAsyncEnumerable<AuditMember> GetMembersAsync(CancellationToken cancellationToken) => inner.GetMembersAsync(cancellationToken);

        public IAsyncEnumerable<AuditGroupChat> GetGroupChatsAsync(CancellationToken cancellationToken) => inner.GetGroupChatsAsync(cancellationToken);

        public IAsyncEnumerable<MemberOperRecord> GetMemberOperRecordsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
            throw new AuditDataIncompleteException("security/member_oper_log/list answered 48002 (the app may not call it)");

        public IAsyncEnumerable<FileOperRecord> GetFileOperRecordsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
            inner.GetFileOperRecordsAsync(since, until, cancellationToken);
    }
}
