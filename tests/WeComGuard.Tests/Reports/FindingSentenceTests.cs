using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Reports;

namespace WeComGuard.Tests.Reports;

/// <summary>Every rule's findings read as a Chinese sentence in the reports: no JSON, nothing unmasked.</summary>
public sealed partial class FindingSentenceTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 28, 10, 30, 0, TimeSpan.Zero);

    // Details as each rule writes them (the shapes in Core/Audits/Rules), masked where the rule masks.
    private static readonly Dictionary<string, Func<JsonObject>> Samples = new(StringComparer.Ordinal)
    {
        [AuditRuleCatalog.DepartedStillEnabled.Id] = () => new() { ["employeeId"] = "E7", ["terminationDate"] = "2026-11-20", ["status"] = 1 },
        [AuditRuleCatalog.NotInRoster.Id] = () => new() { ["name"] = "王五", ["status"] = 1, ["mobile"] = "138****5678", ["email"] = "w***@example.com" },
        [AuditRuleCatalog.NameMismatch.Id] = () => new() { ["employeeId"] = "E1", ["wecomName"] = "张三", ["rosterName"] = "张叁" },
        [AuditRuleCatalog.MissingPosition.Id] = () => new() { ["name"] = "李四" },
        [AuditRuleCatalog.MissingAvatar.Id] = () => new() { ["name"] = "李四" },
        [AuditRuleCatalog.ActivationOverdue.Id] = () => new() { ["employeeId"] = "E2", ["hireDate"] = "2026-11-01", ["daysSinceHire"] = 27 },
        [AuditRuleCatalog.PositionOutdated.Id] = () => new() { ["employeeId"] = "E3", ["wecomPosition"] = "销售", ["rosterPosition"] = "销售经理" },
        [AuditRuleCatalog.NewDeviceLogins.Id] = () => new() { ["count"] = 3, ["times"] = new JsonArray(T, T.AddHours(1), T.AddHours(2)) },
        [AuditRuleCatalog.LoginAfterDeparture.Id] = () => new() { ["employeeId"] = "E4", ["terminationDate"] = "2026-11-20", ["count"] = 2, ["lastLogin"] = T, ["lastOperType"] = 4 },
        [AuditRuleCatalog.AccountLoginBanned.Id] = () => new() { ["operType"] = 9, ["count"] = 1, ["first"] = T, ["last"] = T },
        [AuditRuleCatalog.AccountInteropBanned.Id] = () => new() { ["operType"] = 20, ["count"] = 2, ["first"] = T, ["last"] = T.AddDays(1) },
        [AuditRuleCatalog.AccountWeChatRebound.Id] = () => new() { ["changed"] = T, ["operType"] = 7, ["windowDays"] = 3, ["near"] = new JsonArray(new JsonObject { ["time"] = T.AddDays(-1), ["operType"] = 5 }) },
        [AuditRuleCatalog.AccountMobileChanged.Id] = () => new() { ["changed"] = T, ["operType"] = 5, ["windowDays"] = 3, ["near"] = new JsonArray(new JsonObject { ["time"] = T.AddHours(3), ["operType"] = 4 }) },
        [AuditRuleCatalog.AccountNameChanged.Id] = () => new() { ["employeeId"] = "E5", ["wecomName"] = "赵六", ["rosterName"] = "张三", ["changed"] = T, ["count"] = 1 },
        [AuditRuleCatalog.GroupUnnamed.Id] = () => new() { ["name"] = "群聊", ["owner"] = "zhangsan" },
        [AuditRuleCatalog.GroupOwnerDeparted.Id] = () => new() { ["name"] = "华东客户群", ["owner"] = "zhangsan", ["reason"] = "roster-terminated", ["action"] = "groupchat/transfer" },
        [AuditRuleCatalog.GroupDepartedMembers.Id] = () => new() { ["name"] = "内部项目群", ["count"] = 2, ["internal"] = true, ["members"] = new JsonArray(new JsonObject { ["userid"] = "lisi", ["reason"] = "disabled" }, new JsonObject { ["userid"] = "wangwu", ["reason"] = "not-in-directory" }) },
        [AuditRuleCatalog.GroupOverlap.Id] = () => new() { ["chatIds"] = new JsonArray("wrA", "wrB"), ["similarity"] = 0.875, ["sharedMembers"] = 7, ["sizes"] = new JsonArray(8, 7) },
        [AuditRuleCatalog.GroupNoticeSensitive.Id] = () => new() { ["name"] = "客户群", ["owner"] = "zhangsan", ["category"] = "身份证号", ["confidence"] = "high", ["maskedValue"] = "110105********002X" },
        [AuditRuleCatalog.ArchiveScopeGap.Id] = () => new() { ["ownedCustomerGroups"] = 2, ["joinedCustomerGroups"] = 1, ["exampleChatId"] = "wrC", ["action"] = "add the member to 会话内容存档's 开启范围" },
        [AuditRuleCatalog.FileSensitiveSharedExternally.Id] = () => new() { ["userid"] = "zhangsan", ["externalUser"] = new JsonObject { ["type"] = 2, ["name"] = "客户甲", ["corpName"] = "某公司" }, ["fileName"] = "名单.xlsx", ["count"] = 1, ["operations"] = new JsonArray(new JsonObject { ["time"] = T, ["type"] = 134 }) },
        [AuditRuleCatalog.FileSensitiveContent.Id] = () => new() { ["sha256"] = new string('a', 64), ["md5"] = new string('b', 32), ["source"] = "incoming-files/a/名单.xlsx", ["type"] = "xlsx", ["counts"] = new JsonObject { ["id-card"] = 12 }, ["highestConfidence"] = "high", ["report"] = "scan-reports/a.json" },
        [AuditRuleCatalog.AdminAppInstalled.Id] = () => Admin("新增应用", "名称：外挂助手"),
        [AuditRuleCatalog.AdminSecretExposed.Id] = () => Admin("查看Secret", "应用：通讯录同步"),
        [AuditRuleCatalog.AdminTrustedIpChanged.Id] = () => Admin("企业可信IP", "203.0.113.7"),
        [AuditRuleCatalog.AdminDataExported.Id] = () => Admin("导出成员", "姓名：张**，手机：138****5678"),
        [AuditRuleCatalog.AdminRightsGranted.Id] = () => Admin("设置管理员", "成员：张*"),
        [AuditRuleCatalog.HandoverCustomersUnassigned.Id] = () => new() { ["dimissionTime"] = T.AddDays(-10), ["daysSinceDimission"] = 10, ["unassignedCustomers"] = 5, ["graceDays"] = 3 },
        [AuditRuleCatalog.HandoverGroupsPending.Id] = () => new() { ["status"] = "离职待继承", ["name"] = "客户群", ["owner"] = "lisi", ["ownerDepartedAt"] = T.AddDays(-5), ["departureSource"] = "wecom", ["graceDays"] = 3 },
        [AuditRuleCatalog.HandoverDepartureUnrecorded.Id] = () => new() { ["reason"] = "roster-active", ["employeeId"] = "E6", ["wecomDimissionDate"] = "2026-11-20", ["rosterTerminationDate"] = null, ["evidence"] = "customers awaiting 离职继承" },
    };

    public static TheoryData<string> Rules() => [.. AuditRuleCatalog.All.Select(rule => rule.Id)];

    [Fact]
    public void Every_rule_in_the_catalog_has_a_sentence_builder()
    {
        var catalog = AuditRuleCatalog.All.Select(rule => rule.Id).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(catalog, FindingSentences.Rules.Order(StringComparer.Ordinal));
        Assert.Equal(catalog, Samples.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_rule_s_details_read_as_a_sentence_with_no_json_and_nothing_unmasked(string rule)
    {
        var details = Samples[rule]();
        // Fields a builder does not name never reach the page, whatever a rule might add later.
        details["rawMobile"] = "13812345678";
        details["rawIdNumber"] = "110105199001011234";

        var sentence = FindingSentences.Describe(rule, "zhangsan", details);

        Assert.DoesNotMatch(JsonPattern(), sentence);
        Assert.DoesNotContain("未知", sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("110105199001011234", sentence, StringComparison.Ordinal);
        Assert.DoesNotMatch(LongDigitsPattern(), sentence);
        Assert.EndsWith("：" + AuditRuleResponsibilities.For(rule).WhatToDo, sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_departed_owner_s_group_reads_as_the_issue_asks()
    {
        var finding = AuditRuleCatalog.GroupOwnerDeparted.CreateFinding("wrOwnerGone", Samples[AuditRuleCatalog.GroupOwnerDeparted.Id]());

        Assert.Equal("客户群 wrOwnerGone「华东客户群」的群主 zhangsan 已离职（花名册记为离职）：把客户群离职继承给接替的同事", FindingSentences.Describe(finding));
    }

    [Fact]
    public void Times_are_shown_in_China_time_and_truncated_details_point_to_findings_jsonl()
    {
        var banned = FindingSentences.Describe(AuditRuleCatalog.AccountLoginBanned.Id, "lisi", Samples[AuditRuleCatalog.AccountLoginBanned.Id]());
        var truncated = FindingSentences.Describe(AuditRuleCatalog.GroupOverlap.Id, "a|b", new JsonObject { ["truncated"] = true, ["length"] = 40_000 });

        Assert.Contains("2026-11-28 18:30", banned, StringComparison.Ordinal);
        Assert.StartsWith("详情过长，见本次运行的 findings.jsonl：", truncated, StringComparison.Ordinal);
    }

    private static JsonObject Admin(string action, string detail) => new()
    {
        ["time"] = T, ["operator"] = "admin1", ["operType"] = 1, ["detailType"] = 26, ["action"] = action, ["detail"] = detail,
    };

    [GeneratedRegex("[{}\\[\\]]|\":|\\\\u")]
    private static partial Regex JsonPattern();

    [GeneratedRegex("\\d{11,}")]
    private static partial Regex LongDigitsPattern();
}
