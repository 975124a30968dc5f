using System.Text.Json.Nodes;
using Azure.Data.Tables;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Runs;
using WeComGuard.Core.Reports;
using WeComGuard.Core.Storage;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Audits;

[Trait("Needs", "Azurite")]
public sealed class AccountAuditRunTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    // 2026-11-28 18:00 UTC = 2026-11-29 02:00 in China.
    private static readonly DateTimeOffset T = new(2026, 11, 28, 18, 0, 0, TimeSpan.Zero);

    private const string Roster = """
        employee_id,name,userid,mobile,email,department,position,status,hire_date,termination_date
        E1,张三,zhangsan,13800000001,zhangsan@example.com,销售部,销售经理,active,2020-01-01,
        E2,李四,lisi,13800000002,,研发部,工程师,terminated,2019-05-01,2026-11-20
        E3,王五,,13800000003,,研发部,工程师,active,2026-11-01,
        E4,赵六,zhaoliu,13912345678,,研发部,工程师,fired,2026-11-01,
        """;

    [Fact]
    public async Task Runs_record_findings_and_only_a_complete_run_resolves_them()
    {
        var harness = new AuditHarness(storage.Clients, T);
        await harness.UploadRosterAsync(Roster);
        var source = harness.Source;
        source.Members.AddRange(
        [
            new AuditMember("zhangsan", "张三", "销售总监", null, null, 1, AvatarState.Present, [2]),
            new AuditMember("lisi", "李四", "工程师", null, null, 1, AvatarState.Present, [3]),
            new AuditMember("wangwu", "王五", "工程师", AuditTestData.Contacts.Mobile("+86 13800000003"), null, 4, AvatarState.Empty, [3]),
            new AuditMember("stranger", "陌生人", "", null, null, 1, AvatarState.Empty, [9]),
            new AuditMember("gone", "已退出", "", null, null, 5, AvatarState.Empty, [9]),
        ]);
        source.OperRecords.AddRange(
        [
            new MemberOperRecord(T.AddHours(-23), "zhangsan", 4),
            new MemberOperRecord(T.AddHours(-2), "zhangsan", 4),
            new MemberOperRecord(T.AddMinutes(-5), "zhangsan", 4),
            new MemberOperRecord(T.AddDays(-1), "lisi", 13),
            new MemberOperRecord(T.AddDays(-9), "lisi", 13),
        ]);
        var audit = harness.Get<AccountAudit>();

        // Run 1: everything is new.
        var first = await audit.RunAuditAsync(CancellationToken.None);

        Assert.Equal(AuditRunStatus.Succeeded, first.Status);
        string[] expected =
        [
            "account.activation-overdue|wangwu", "account.departed-still-enabled|lisi", "account.login-after-departure|lisi",
            "account.missing-avatar|stranger", "account.missing-position|stranger", "account.new-device-logins|zhangsan",
            "account.not-in-roster|stranger", "account.position-outdated|zhangsan",
        ];
        Assert.Equal(expected, await OpenFindingsAsync());
        Assert.Equal((8, 8, 0), (first.FindingCount, first.NewCount, first.ResolvedCount));
        Assert.Equal((T.AddDays(-7), T), Assert.Single(source.OperLogWindows));
        var run = await harness.Get<AuditRunStore>().GetAsync(AuditNames.Accounts, first.RunId, CancellationToken.None);
        Assert.NotNull(run);
        Assert.Equal((AuditRunStatus.Succeeded, T, 8, 8), (run.Status, run.Started, run.FindingCount, run.NewCount));
        Assert.Equal($"audit-reports/accounts/2026/11/29/{first.RunId}/", first.ReportPath);
        var summary = await ReadSummaryAsync(first.ReportPath!);
        Assert.Equal(8, summary["totals"]!["new"]!.GetValue<int>());
        var problem = Assert.Single(summary["rosterProblems"]!.AsArray());
        Assert.Equal((5, "139****5678"), (problem!["row"]!.GetValue<int>(), problem["mobile"]!.GetValue<string>()));

        // Run 2: WeCom fails mid-run. The run is failed and nothing is resolved.
        source.FailMembersWith = new HttpRequestException("WeCom answered -1 (system busy) three times");
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var failed = await audit.RunAuditAsync(CancellationToken.None);

        Assert.Equal(AuditRunStatus.Failed, failed.Status);
        Assert.Contains("system busy", failed.Error, StringComparison.Ordinal);
        Assert.Null(failed.ReportPath);
        Assert.Equal(expected, await OpenFindingsAsync());
        Assert.Equal(AuditRunStatus.Failed, (await harness.Get<AuditRunStore>().GetAsync(AuditNames.Accounts, failed.RunId, CancellationToken.None))!.Status);

        // Run 3: wangwu activated, the stranger left, but the roster is missing: partial, nothing resolved.
        source.FailMembersWith = null;
        source.Members.RemoveAll(member => member.UserId is "stranger" or "wangwu");
        source.Members.Add(new AuditMember("wangwu", "王五", "工程师", AuditTestData.Contacts.Mobile("13800000003"), null, 1, AvatarState.Present, [3]));
        await harness.DeleteRosterAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var partial = await audit.RunAuditAsync(CancellationToken.None);

        Assert.Equal(AuditRunStatus.Partial, partial.Status);
        Assert.Contains("roster", partial.Error, StringComparison.Ordinal);
        Assert.Equal(0, partial.ResolvedCount);
        Assert.Equal(expected, await OpenFindingsAsync());

        // Run 4: complete again: the fixed findings are resolved, the rest stay open.
        await harness.UploadRosterAsync(Roster);
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var complete = await audit.RunAuditAsync(CancellationToken.None);

        Assert.Equal(AuditRunStatus.Succeeded, complete.Status);
        Assert.Equal((0, 4), (complete.NewCount, complete.ResolvedCount));
        Assert.Equal(
            ["account.departed-still-enabled|lisi", "account.login-after-departure|lisi", "account.new-device-logins|zhangsan", "account.position-outdated|zhangsan"],
            await OpenFindingsAsync());
        var resolved = await storage.Clients.Table(StorageNames.FindingsTable).GetEntityAsync<TableEntity>("account.not-in-roster", "stranger");
        Assert.Equal(("resolved", T.AddMinutes(3)), (resolved.Value.GetString("Status"), resolved.Value.GetDateTimeOffset("ResolvedAt")));
        var lastSummary = await ReadSummaryAsync(complete.ReportPath!);
        Assert.Equal(4, lastSummary["resolved"]!.AsArray().Count);
    }

    private async Task<string[]> OpenFindingsAsync()
    {
        var open = new List<string>();
        await foreach (var row in storage.Clients.Table(StorageNames.FindingsTable).QueryAsync<TableEntity>(row => row.GetString("Status") == "open"))
        {
            open.Add($"{row.PartitionKey}|{row.GetString("Subject")}");
        }

        return [.. open.Order(StringComparer.Ordinal)];
    }

    private async Task<JsonNode> ReadSummaryAsync(string reportPath)
    {
        var prefix = reportPath[(StorageNames.AuditReportsContainer.Length + 1)..];
        var blob = storage.Clients.Container(StorageNames.AuditReportsContainer).GetBlobClient(prefix + ReportPaths.SummaryJson);
        return JsonNode.Parse((await blob.DownloadContentAsync()).Value.Content.ToString())!;
    }
}
