using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Audits.Rules;
using static WeComGuard.Tests.Audits.AuditTestData;

namespace WeComGuard.Tests.Audits;

public sealed class GroupRuleTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static GroupDirectory Directory(params RosterRow[] rows) => new(
        [
            Member("active"), Member("disabled", status: 2), Member("exited", status: 5),
            Member("left", status: 1), Member("leaving", status: 1),
        ],
        new RosterMatcher(rows.Length > 0 ? rows :
        [
            Row("left", status: RosterStatus.Terminated, terminationDate: Today.AddDays(-1), department: "财务部"),
            Row("leaving", status: RosterStatus.Terminated, terminationDate: Today),
            Row("active", department: "销售部"),
        ], AuditTestData.Contacts),
        Today);

    private static GroupAuditInput Input(AuditGroupChat chat, AuditOptions? options = null) => new(chat, Directory(), options ?? new AuditOptions());

    [Theory]
    [InlineData("", true)]
    [InlineData(null, true)]
    [InlineData("群聊", true)]
    [InlineData(" 新建群聊 ", true)]
    [InlineData("未命名群聊", true)]
    [InlineData("华东客户群", false)]
    [InlineData("群聊 2", false)]
    public void GroupUnnamed(string? name, bool expected)
    {
        var finding = new GroupUnnamedRule().Evaluate(Input(Chat("wr1", name, "active")));

        Assert.Equal(expected, finding is not null);
        if (finding is not null)
        {
            Assert.Equal(("group.unnamed", "wr1", "销售部"), (finding.Rule, finding.Subject, finding.Department));
        }
    }

    [Fact]
    public void GroupUnnamed_reads_default_names_from_options()
    {
        var options = new AuditOptions { DefaultGroupNames = ["Group chat"] };

        Assert.NotNull(new GroupUnnamedRule().Evaluate(Input(Chat("wr1", "Group chat", "active"), options)));
        Assert.Null(new GroupUnnamedRule().Evaluate(Input(Chat("wr1", "群聊", "active"), options)));
    }

    [Theory]
    [InlineData("active", null)]
    [InlineData("leaving", null)] // terminated today: not departed yet
    [InlineData("left", "roster-terminated")]
    [InlineData("disabled", "disabled")]
    [InlineData("exited", "exited")]
    [InlineData("stranger", "not-in-directory")]
    public void GroupOwnerDeparted(string owner, string? reason)
    {
        var finding = new GroupOwnerDepartedRule().Evaluate(Input(Chat("wr1", "客户群", owner)));

        Assert.Equal(reason, finding?.Details["reason"]!.GetValue<string>());
    }

    [Fact]
    public void GroupDepartedMembers_lists_departed_internal_members_other_than_the_owner()
    {
        var chat = Chat("wr1", "客户群", "left",
            ("left", 1), ("active", 1), ("exited", 1), ("disabled", 1), ("ghost", 1), ("wmExternal", 2), ("leaving", 1));

        var finding = new GroupDepartedMembersRule().Evaluate(Input(chat));

        Assert.NotNull(finding);
        Assert.Equal(3, finding.Details["count"]!.GetValue<int>());
        Assert.Equal(
            ["disabled:disabled", "exited:exited", "ghost:not-in-directory"],
            finding.Details["members"]!.AsArray().Select(node => $"{node!["userid"]}:{node["reason"]}").ToArray());
    }

    [Fact]
    public void GroupDepartedMembers_ignores_external_members_and_a_departed_owner()
    {
        var chat = Chat("wr1", "客户群", "exited", ("exited", 1), ("active", 1), ("wmStranger", 2));

        Assert.Null(new GroupDepartedMembersRule().Evaluate(Input(chat)));
    }

    [Fact]
    public void GroupDirectory_without_a_roster_still_knows_statuses()
    {
        var directory = new GroupDirectory([Member("left"), Member("exited", status: 5)], null, Today);

        Assert.False(directory.HasRoster);
        Assert.Null(directory.DepartureReason("left"));
        Assert.Equal("exited", directory.DepartureReason("exited"));
    }

    [Theory]
    [InlineData(DetectionConfidence.High, true)]
    [InlineData(DetectionConfidence.Medium, true)]
    [InlineData(DetectionConfidence.Low, false)]
    public async Task GroupNoticeSensitive_fires_at_medium_confidence_or_more(DetectionConfidence confidence, bool expected)
    {
        var rule = new GroupNoticeSensitiveRule(new FixedNoticeInspector(new NoticeDetection("cn-id-card", confidence, "1101**********1234")));
        var chat = Chat("wr1", "客户群", "active") with { Notice = "身份证 110101199003071234" };

        var finding = await rule.EvaluateAsync(Input(chat), CancellationToken.None);

        Assert.Equal(expected, finding is not null);
        Assert.Null(await rule.EvaluateAsync(Input(chat with { Notice = " " }), CancellationToken.None));
        Assert.Null(await new GroupNoticeSensitiveRule(new FixedNoticeInspector(null)).EvaluateAsync(Input(chat), CancellationToken.None));
    }

    private sealed class FixedNoticeInspector(NoticeDetection? detection) : IGroupNoticeInspector
    {
        public Task<NoticeDetection?> InspectAsync(string notice, CancellationToken cancellationToken) => Task.FromResult(detection);
    }
}
