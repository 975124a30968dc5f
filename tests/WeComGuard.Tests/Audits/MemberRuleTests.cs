using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Audits.Rules;
using static WeComGuard.Tests.Audits.AuditTestData;

namespace WeComGuard.Tests.Audits;

public sealed class MemberRuleTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    [Theory]
    [InlineData(1, -1, true)]
    [InlineData(4, -1, true)]
    [InlineData(2, -1, false)]
    [InlineData(5, -1, false)]
    [InlineData(1, 0, false)] // terminated today (China date): the last day is not over
    public void DepartedStillEnabled(int status, int terminationOffsetDays, bool expected)
    {
        var row = Row(status: RosterStatus.Terminated, terminationDate: Today.AddDays(terminationOffsetDays));

        var finding = new DepartedStillEnabledRule().Evaluate(Input(Member(status: status), row));

        Assert.Equal(expected, finding is not null);
        if (finding is not null)
        {
            Assert.Equal(("account.departed-still-enabled", "zhangsan", FindingSeverity.High), (finding.Rule, finding.Subject, finding.Severity));
            Assert.Equal("2026-11-28", finding.Details["terminationDate"]!.GetValue<string>());
            Assert.Equal("销售部", finding.Department);
        }
    }

    [Fact]
    public void DepartedStillEnabled_ignores_active_rows()
    {
        Assert.Null(new DepartedStillEnabledRule().Evaluate(Input(Member(), Row(terminationDate: Today.AddDays(-30)))));
    }

    [Theory]
    [InlineData(1, false, true)]
    [InlineData(4, false, true)]
    [InlineData(2, false, false)]
    [InlineData(5, false, false)]
    [InlineData(1, true, false)]
    public void NotInRoster(int status, bool matched, bool expected)
    {
        var finding = new NotInRosterRule().Evaluate(Input(Member(status: status, mobile: "13812345678"), matched ? Row() : null));

        Assert.Equal(expected, finding is not null);
        if (finding is not null)
        {
            Assert.Equal("138****5678", finding.Details["mobile"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("张三", "张三", RosterStatus.Active, false)]
    [InlineData(" 张三　", "张三", RosterStatus.Active, false)] // trimmed, including the ideographic space
    [InlineData("ＺＨＡＮＧ San", "ZHANG San", RosterStatus.Active, false)] // NFKC folds full-width letters
    [InlineData("张三", "张叁", RosterStatus.Active, true)]
    [InlineData("张三", "张叁", RosterStatus.Terminated, false)]
    public void NameMismatch(string wecomName, string rosterName, RosterStatus rosterStatus, bool expected)
    {
        var row = Row(name: rosterName, status: rosterStatus, terminationDate: rosterStatus == RosterStatus.Terminated ? Today : null);

        var finding = new NameMismatchRule().Evaluate(Input(Member(name: wecomName), row));

        Assert.Equal(expected, finding is not null);
        Assert.Null(new NameMismatchRule().Evaluate(Input(Member(name: wecomName), null)));
    }

    [Theory]
    [InlineData(1, "", true)]
    [InlineData(1, "  ", true)]
    [InlineData(1, null, true)]
    [InlineData(1, "经理", false)]
    [InlineData(4, "", false)]
    public void MissingPosition(int status, string? position, bool expected)
    {
        Assert.Equal(expected, new MissingPositionRule().Evaluate(Input(Member(status: status, position: position), null)) is not null);
    }

    [Theory]
    [InlineData(1, AvatarState.Empty, true)]
    [InlineData(1, AvatarState.Present, false)]
    [InlineData(1, AvatarState.NotReturned, false)]
    [InlineData(4, AvatarState.Empty, false)]
    public void MissingAvatar(int status, AvatarState avatar, bool expected)
    {
        Assert.Equal(expected, new MissingAvatarRule().Evaluate(Input(Member(status: status, avatar: avatar), null)) is not null);
    }

    [Theory]
    [InlineData(4, 7, RosterStatus.Active, true)] // exactly 7 days before T's China date
    [InlineData(4, 6, RosterStatus.Active, false)]
    [InlineData(4, 30, RosterStatus.Active, true)]
    [InlineData(1, 30, RosterStatus.Active, false)]
    [InlineData(4, 30, RosterStatus.Terminated, false)]
    public void ActivationOverdue(int status, int daysSinceHire, RosterStatus rosterStatus, bool expected)
    {
        var row = Row(status: rosterStatus, hireDate: Today.AddDays(-daysSinceHire), terminationDate: rosterStatus == RosterStatus.Terminated ? Today : null);

        var finding = new ActivationOverdueRule().Evaluate(Input(Member(status: status), row));

        Assert.Equal(expected, finding is not null);
        if (finding is not null)
        {
            Assert.Equal(daysSinceHire, finding.Details["daysSinceHire"]!.GetValue<int>());
        }
    }

    [Fact]
    public void ActivationOverdue_reads_its_threshold_from_options()
    {
        var row = Row(hireDate: Today.AddDays(-3));

        Assert.Null(new ActivationOverdueRule().Evaluate(Input(Member(status: 4), row)));
        Assert.NotNull(new ActivationOverdueRule().Evaluate(Input(Member(status: 4), row, new AuditOptions { ActivationOverdueDays = 3 })));
        Assert.Null(new ActivationOverdueRule().Evaluate(Input(Member(status: 4), null, new AuditOptions { ActivationOverdueDays = 0 })));
    }

    [Theory]
    [InlineData("销售经理", "销售总监", true)]
    [InlineData("销售经理", " 销售经理 ", false)]
    [InlineData("", "销售总监", false)]
    [InlineData("销售经理", "", false)]
    public void PositionOutdated(string wecomPosition, string rosterPosition, bool expected)
    {
        var finding = new PositionOutdatedRule().Evaluate(Input(Member(position: wecomPosition), Row(position: rosterPosition)));

        Assert.Equal(expected, finding is not null);
        Assert.Null(new PositionOutdatedRule().Evaluate(Input(Member(position: wecomPosition), null)));
    }

    [Fact]
    public void NewDeviceLogins_counts_only_new_device_logins_in_the_last_24_hours()
    {
        var rule = new NewDeviceLoginsRule();
        var inWindow = new[] { Login(AsOf.AddHours(-24)), Login(AsOf.AddHours(-5)), Login(AsOf.AddSeconds(-1)) };

        Assert.NotNull(rule.Evaluate(Input(Member(), null, null, inWindow)));
        Assert.Equal(3, rule.Evaluate(Input(Member(), null, null, inWindow))!.Details["count"]!.GetValue<int>());

        // Two in the window, one just before it, one at T (excluded), one secondary-device login: below the threshold.
        var below = new[]
        {
            Login(AsOf.AddHours(-24).AddSeconds(-1)), Login(AsOf.AddHours(-2)), Login(AsOf.AddHours(-1)), Login(AsOf),
            Login(AsOf.AddMinutes(-3), MemberOperRecord.SecondaryDeviceLogin),
        };
        Assert.Null(rule.Evaluate(Input(Member(), null, null, below)));
        Assert.NotNull(rule.Evaluate(Input(Member(), null, new AuditOptions { NewDeviceLoginThreshold = 2 }, below)));
    }

    [Fact]
    public void LoginAfterDeparture_needs_a_login_after_the_start_of_the_day_after_termination()
    {
        var rule = new LoginAfterDepartureRule();
        var terminated = Row(status: RosterStatus.Terminated, terminationDate: new DateOnly(2026, 11, 25));
        var dayAfterStart = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.FromHours(8));

        var finding = rule.Evaluate(Input(Member(), terminated, null, Login(dayAfterStart.AddMinutes(1), MemberOperRecord.SecondaryDeviceLogin)));
        Assert.NotNull(finding);
        Assert.Equal("2026-11-25", finding.Details["terminationDate"]!.GetValue<string>());

        Assert.Null(rule.Evaluate(Input(Member(), terminated, null, Login(dayAfterStart))));
        Assert.Null(rule.Evaluate(Input(Member(), terminated, null, Login(dayAfterStart.AddHours(-3)))));
        Assert.Null(rule.Evaluate(Input(Member(), terminated, null, new MemberOperRecord(dayAfterStart.AddHours(1), "zhangsan", 5))));
        Assert.Null(rule.Evaluate(Input(Member(), Row(), null, Login(dayAfterStart.AddHours(1)))));
        Assert.Null(rule.Evaluate(Input(Member(), null, null, Login(dayAfterStart.AddHours(1)))));
    }

    [Fact]
    public void LoginAfterDeparture_looks_back_only_the_configured_days()
    {
        var rule = new LoginAfterDepartureRule();
        var terminated = Row(status: RosterStatus.Terminated, terminationDate: new DateOnly(2026, 1, 1));

        Assert.NotNull(rule.Evaluate(Input(Member(), terminated, null, Login(AsOf.AddDays(-7)))));
        Assert.Null(rule.Evaluate(Input(Member(), terminated, null, Login(AsOf.AddDays(-7).AddSeconds(-1)))));
    }

    [Fact]
    public void Every_account_rule_in_the_catalog_has_a_unit()
    {
        Assert.Equal(AuditRuleCatalog.AccountRules.Select(rule => rule.Id), MemberRules.All.Select(rule => rule.Definition.Id));
    }
}
