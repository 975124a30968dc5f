using WeComGuard.Core.Audits;
using WeComGuard.Sandbox.Tenant;
using WeComGuard.Tests.WeCom;

namespace WeComGuard.Tests.Audits.Controls;

/// <summary>
/// account.login-banned, account.interop-banned, account.wechat-rebound, account.mobile-changed and account.name-changed
/// from the member operation log the account audit already reads (security/member_oper_log/list in the sandbox).
/// </summary>
public sealed class AccountSignalsAgainstSandboxTests
{
    private static readonly string[] SignalRules =
    [
        AuditRuleCatalog.AccountLoginBanned.Id, AuditRuleCatalog.AccountInteropBanned.Id, AuditRuleCatalog.AccountWeChatRebound.Id,
        AuditRuleCatalog.AccountMobileChanged.Id, AuditRuleCatalog.AccountNameChanged.Id,
    ];

    private static readonly Dictionary<string, string> RuleOf = new()
    {
        [SandboxViolationKinds.LoginBanned] = AuditRuleCatalog.AccountLoginBanned.Id,
        [SandboxViolationKinds.InteropBanned] = AuditRuleCatalog.AccountInteropBanned.Id,
        [SandboxViolationKinds.WeChatRebound] = AuditRuleCatalog.AccountWeChatRebound.Id,
        [SandboxViolationKinds.MobileChanged] = AuditRuleCatalog.AccountMobileChanged.Id,
        [SandboxViolationKinds.NameChanged] = AuditRuleCatalog.AccountNameChanged.Id,
    };

    [Fact]
    public async Task Every_planted_signal_is_found_and_lone_or_distant_changes_are_not()
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = TenantGenerator.Generate(60, 12, seed: 41, now);
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await AccountAuditEvaluator.EvaluateAsync(audit.Source, SandboxAudit.RosterOf(tenant), new AuditOptions(), new AuditClock(now), CancellationToken.None);

        var expected = tenant.Planted.Where(p => RuleOf.ContainsKey(p.Kind)).Select(p => $"{RuleOf[p.Kind]}|{p.Subject}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(6, expected.Count);
        Assert.Equal(expected, outcome.Findings.Where(f => SignalRules.Contains(f.Rule)).Select(f => $"{f.Rule}|{f.Subject}").Order(StringComparer.Ordinal));
        Assert.Contains(outcome.Findings, f => f.Rule == AuditRuleCatalog.NameMismatch.Id && f.Subject == tenant.Members[22].UserId);
        Assert.All(SignalRules, rule => Assert.Contains(rule, outcome.EvaluatedRules));
        Assert.True(outcome.IsComplete, string.Join("; ", outcome.IncompleteReasons));
    }

    [Theory]
    [InlineData(3 * 86400, true)]
    [InlineData((3 * 86400) + 1, false)]
    public async Task A_rebind_and_a_mobile_change_count_together_up_to_the_window_inclusive(long apartSeconds, bool found)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var tenant = SandboxAudit.QuietTenant(now);
        var member = tenant.Members[6].UserId;
        tenant.MemberOperLogs.Add(new SandboxMemberOperLog { Time = now.ToUnixTimeSeconds() - 86400 - apartSeconds, UserId = member, OperType = 5 });
        tenant.MemberOperLogs.Add(new SandboxMemberOperLog { Time = now.ToUnixTimeSeconds() - 86400, UserId = member, OperType = 7 });
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await AccountAuditEvaluator.EvaluateAsync(audit.Source, SandboxAudit.RosterOf(tenant), new AuditOptions { AccountSignalWindowDays = 3 }, new AuditClock(now), CancellationToken.None);

        var signals = outcome.Findings.Where(f => SignalRules.Contains(f.Rule)).Select(f => $"{f.Rule}|{f.Subject}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(found ? [$"{AuditRuleCatalog.AccountMobileChanged.Id}|{member}", $"{AuditRuleCatalog.AccountWeChatRebound.Id}|{member}"] : [], signals);
    }

    [Theory]
    [InlineData(7 * 86400, true)]
    [InlineData((7 * 86400) + 1, false)]
    [InlineData(0, false)]
    public async Task A_ban_counts_for_seven_days_back_from_T_exclusive_of_T(long agoSeconds, bool found)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60);
        var tenant = SandboxAudit.QuietTenant(now);
        var member = tenant.Members[7].UserId;
        tenant.MemberOperLogs.Add(new SandboxMemberOperLog { Time = now.ToUnixTimeSeconds() - agoSeconds, UserId = member, OperType = 9 });
        tenant.MemberOperLogs.Add(new SandboxMemberOperLog { Time = now.ToUnixTimeSeconds() - agoSeconds, UserId = member, OperType = 20 });
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await AccountAuditEvaluator.EvaluateAsync(audit.Source, SandboxAudit.RosterOf(tenant), new AuditOptions(), new AuditClock(now), CancellationToken.None);

        var bans = outcome.Findings.Where(f => f.Rule is "account.login-banned" or "account.interop-banned").Select(f => f.Subject).ToList();
        Assert.Equal(found ? [member, member] : [], bans);
    }

    [Fact]
    public async Task A_rename_to_the_roster_name_is_no_finding_and_without_a_roster_the_rule_is_skipped()
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = SandboxAudit.QuietTenant(now);
        tenant.MemberOperLogs.Add(new SandboxMemberOperLog { Time = now.ToUnixTimeSeconds() - 3600, UserId = tenant.Members[8].UserId, OperType = 12 });
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var withRoster = await AccountAuditEvaluator.EvaluateAsync(audit.Source, SandboxAudit.RosterOf(tenant), new AuditOptions(), new AuditClock(now), CancellationToken.None);
        var withoutRoster = await AccountAuditEvaluator.EvaluateAsync(audit.Source, null, new AuditOptions(), new AuditClock(now), CancellationToken.None);

        Assert.DoesNotContain(withRoster.Findings, f => f.Rule == AuditRuleCatalog.AccountNameChanged.Id);
        Assert.Contains(AuditRuleCatalog.AccountNameChanged.Id, withRoster.EvaluatedRules);
        Assert.Contains(withoutRoster.SkippedRules, s => s.Rule == AuditRuleCatalog.AccountNameChanged.Id);
        Assert.Contains(AuditRuleCatalog.AccountLoginBanned.Id, withoutRoster.EvaluatedRules);
    }

    [Fact]
    public async Task Without_security_access_the_signal_rules_are_skipped_and_named()
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = TenantGenerator.Generate(60, 12, seed: 41, now);
        await using var audit = await SandboxAudit.StartAsync(tenant, s => s.SecretsWithoutSecurityAccess.Add(WeComClientHost.SecuritySecret));

        var outcome = await AccountAuditEvaluator.EvaluateAsync(audit.Source, SandboxAudit.RosterOf(tenant), new AuditOptions(), new AuditClock(now), CancellationToken.None);

        Assert.DoesNotContain(outcome.Findings, f => SignalRules.Contains(f.Rule));
        Assert.All(SignalRules, rule => Assert.Contains(outcome.SkippedRules, s => s.Rule == rule && s.Reason.Contains("48002", StringComparison.Ordinal)));
    }
}
