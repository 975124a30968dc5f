using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Core.Notifications;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Rules;
using WeComGuard.Core.Audits.Runs;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Storage;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Audits;

[Trait("Needs", "Azurite")]
public sealed class GroupAndFileAuditRunTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset T = new(2026, 11, 28, 18, 30, 0, TimeSpan.Zero);

    private const string Roster = """
        employee_id,name,userid,mobile,email,department,position,status,hire_date,termination_date
        E1,张三,zhangsan,,,销售部,经理,active,2020-01-01,
        E2,李四,lisi,,,研发部,工程师,terminated,2019-05-01,2026-11-20
        E3,王五,wangwu,,,研发部,工程师,active,2020-01-01,
        """;

    [Fact]
    public async Task Group_audit_finds_exactly_the_planted_violations()
    {
        var notices = new RecordingNoticeInspector();
        var messages = new RecordingNotifier();
        var harness = new AuditHarness(
            storage.Clients, T, new Dictionary<string, string?> { ["Notifications:SecurityTeamUserIds"] = "sec1, sec2" },
            services => services.AddSingleton<IGroupNoticeInspector>(notices).AddSingleton<ISecurityTeamNotifier>(messages));
        await harness.UploadRosterAsync(Roster);
        harness.Source.Members.AddRange(
        [
            new AuditMember("zhangsan", "张三", "经理", null, null, 1, AvatarState.Present, [2]),
            new AuditMember("lisi", "李四", "工程师", null, null, 1, AvatarState.Present, [3]),
            new AuditMember("wangwu", "王五", "工程师", null, null, 1, AvatarState.Present, [3]),
            new AuditMember("zhaoliu", "赵六", "工程师", null, null, 5, AvatarState.Present, [3]),
        ]);
        harness.Source.Groups.AddRange(
        [
            AuditTestData.Chat("wrGood", "华东客户群", "zhangsan", ("zhangsan", 1), ("wmA", 2), ("wmB", 2)),
            AuditTestData.Chat("wrUnnamed", "群聊", "zhangsan", ("zhangsan", 1), ("wmC", 2)),
            AuditTestData.Chat("wrOrphan", "老客户群", "lisi", ("lisi", 1), ("zhaoliu", 1), ("wangwu", 1), ("wmD", 2)),
            AuditTestData.Chat("wrCopy1", "项目群一", "wangwu", ("wangwu", 1), ("wmE", 2), ("wmF", 2), ("wmG", 2), ("wmH", 2)),
            AuditTestData.Chat("wrCopy2", "项目群二", "wangwu", ("wangwu", 1), ("wmE", 2), ("wmF", 2), ("wmG", 2)),
            AuditTestData.Chat("wrNotice", "通知群", "wangwu", ("wangwu", 1), ("wmZ", 2)) with { Notice = "请把身份证号 110101199003071234 发给我" },
        ]);

        var result = await harness.Get<GroupAudit>().RunAuditAsync(CancellationToken.None);

        Assert.True(result.Status == AuditRunStatus.Succeeded, result.Error);
        Assert.Equal(
        [
            "group.departed-members|wrOrphan", "group.notice-sensitive|wrNotice", "group.overlap|wrCopy1|wrCopy2",
            "group.owner-departed|wrOrphan", "group.unnamed|wrUnnamed",
        ], await OpenFindingsAsync("group."));
        var orphan = await storage.Clients.Table(StorageNames.FindingsTable).GetEntityAsync<TableEntity>("group.owner-departed", "wrOrphan");
        Assert.Equal("roster-terminated", JsonNode.Parse(orphan.Value.GetString("Details"))!["reason"]!.GetValue<string>());
        Assert.Equal("研发部", orphan.Value.GetString("Department"));
        var members = await storage.Clients.Table(StorageNames.FindingsTable).GetEntityAsync<TableEntity>("group.departed-members", "wrOrphan");
        Assert.Equal("zhaoliu", JsonNode.Parse(members.Value.GetString("Details"))!["members"]![0]!["userid"]!.GetValue<string>());
        Assert.Equal(["请把身份证号 110101199003071234 发给我"], notices.Inspected);

        var message = Assert.Single(messages.Sent);
        Assert.Equal(["sec1", "sec2"], message.UserIds);
        Assert.Contains(result.RunId, message.Markdown, StringComparison.Ordinal);
        Assert.Contains("summary.html", message.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_transfer_audit_matches_external_shares_against_files_the_scanner_judged_sensitive()
    {
        const string sensitive = "0123456789abcdef0123456789abcdef";
        const string clean = "fedcba9876543210fedcba9876543210";
        var scans = storage.Clients.Table(StorageNames.FileScansTable);
        await scans.UpsertEntityAsync(new TableEntity("sha-1", "sha-1") { ["Md5"] = sensitive, ["Verdict"] = "sensitive" });
        await scans.UpsertEntityAsync(new TableEntity("sha-2", "sha-2") { ["Md5"] = clean, ["Verdict"] = "clean" });
        var messages = new RecordingNotifier();
        var harness = new AuditHarness(storage.Clients, T, configure: services => services.AddSingleton<ISecurityTeamNotifier>(messages));
        harness.Source.FileRecords.AddRange(
        [
            new FileOperRecord(T.AddDays(-1), "zhangsan", null, 134, sensitive, "客户名单.xlsx"),
            new FileOperRecord(T.AddDays(-1), "zhangsan", null, 134, clean, "菜单.pdf"),
            new FileOperRecord(T.AddDays(-1), "lisi", null, 103, sensitive, "客户名单.xlsx"),
            new FileOperRecord(T.AddDays(-2), null, new FileOperExternalUser(2, "王经理", "合作方"), 103, sensitive, null),
            new FileOperRecord(T.AddDays(-15), "wangwu", null, 140, sensitive, null),
        ]);

        var result = await harness.Get<FileTransferAudit>().RunAuditAsync(CancellationToken.None);

        Assert.True(result.Status == AuditRunStatus.Succeeded, result.Error);
        Assert.Equal(
            [$"file.sensitive-shared-externally|external:合作方:王经理|{sensitive}", $"file.sensitive-shared-externally|zhangsan|{sensitive}"],
            await OpenFindingsAsync("file."));
        Assert.Empty(messages.Sent); // Notifications__SecurityTeamUserIds is empty: no message
    }

    [Fact]
    public void The_function_app_schedules_the_nightly_chain_the_log_audits_the_nudges_and_the_event_sweeper_and_nothing_else()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storage.ConnectionString }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddWeComGuard(configuration).BuildServiceProvider();

        var jobs = provider.GetServices<IScheduledJob>().ToDictionary(job => job.Name);

        // The account and group audits run only after the sync, inside SyncDirectory: never on a half-synced mirror.
        Assert.Equal(["AuditAdminActions", "AuditFileTransfers", "AuditHandover", "SendNudges", "SweepWeComEvents", "SyncDirectory"], jobs.Keys.Order(StringComparer.Ordinal));
        Assert.IsType<NightlyDirectoryAudit>(jobs["SyncDirectory"]);
        Assert.Equal("DirectorySyncSchedule", jobs["SyncDirectory"].ScheduleSetting);
        Assert.Equal("FileTransferAuditSchedule", jobs["AuditFileTransfers"].ScheduleSetting);
        Assert.Equal("AdminAuditSchedule", jobs["AuditAdminActions"].ScheduleSetting);
        Assert.Equal("HandoverAuditSchedule", jobs["AuditHandover"].ScheduleSetting);
        Assert.IsType<MirrorAuditDataSource>(provider.GetRequiredService<IAuditDataSource>());
    }

    private async Task<string[]> OpenFindingsAsync(string rulePrefix)
    {
        var open = new List<string>();
        await foreach (var row in storage.Clients.Table(StorageNames.FindingsTable).QueryAsync<TableEntity>(row => row.GetString("Status") == "open"))
        {
            if (row.PartitionKey.StartsWith(rulePrefix, StringComparison.Ordinal))
            {
                open.Add($"{row.PartitionKey}|{row.GetString("Subject")}");
            }
        }

        return [.. open.Order(StringComparer.Ordinal)];
    }

    private sealed class RecordingNoticeInspector : IGroupNoticeInspector
    {
        public List<string> Inspected { get; } = [];

        public Task<NoticeDetection?> InspectAsync(string notice, CancellationToken cancellationToken)
        {
            Inspected.Add(notice);
            return Task.FromResult<NoticeDetection?>(notice.Contains("110101", StringComparison.Ordinal)
                ? new NoticeDetection("cn-id-card", DetectionConfidence.High, "110101********1234")
                : null);
        }
    }

    private sealed class RecordingNotifier : ISecurityTeamNotifier
    {
        public List<(IReadOnlyList<string> UserIds, string Markdown)> Sent { get; } = [];

        public Task SendMarkdownAsync(IReadOnlyList<string> userIds, string markdown, CancellationToken cancellationToken)
        {
            Sent.Add((userIds, markdown));
            return Task.CompletedTask;
        }
    }
}
