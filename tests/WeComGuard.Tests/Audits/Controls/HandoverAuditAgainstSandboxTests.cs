using WeComGuard.Core.Audits;
using WeComGuard.Sandbox.Tenant;

namespace WeComGuard.Tests.Audits.Controls;

/// <summary>
/// handover.customers-unassigned (externalcontact/get_unassigned_list), handover.groups-pending (groupchat/list with
/// status_filter 1 and 2, then groupchat/get) and handover.departure-unrecorded (WeCom's dimission_time against the
/// roster) in the sandbox.
/// </summary>
public sealed class HandoverAuditAgainstSandboxTests
{
    private static readonly Dictionary<string, string> RuleOf = new()
    {
        [SandboxViolationKinds.CustomersUnassigned] = AuditRuleCatalog.HandoverCustomersUnassigned.Id,
        [SandboxViolationKinds.GroupsPendingHandover] = AuditRuleCatalog.HandoverGroupsPending.Id,
        [SandboxViolationKinds.DepartureUnrecorded] = AuditRuleCatalog.HandoverDepartureUnrecorded.Id,
    };

    [Fact]
    public async Task Every_planted_handover_gap_is_found_and_departures_within_the_grace_period_are_not()
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = TenantGenerator.Generate(60, 12, seed: 51, now);
        tenant.GroupChats[7].Status = 3; // inherited: done, no finding
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await HandoverAuditEvaluator.EvaluateAsync(audit.Source, SandboxAudit.RosterOf(tenant), new AuditOptions(), new AuditClock(now), CancellationToken.None);

        var expected = tenant.Planted.Where(p => RuleOf.ContainsKey(p.Kind)).Select(p => $"{RuleOf[p.Kind]}|{p.Subject}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(5, expected.Count);
        Assert.Equal(expected, outcome.Findings.Select(f => $"{f.Rule}|{f.Subject}").Order(StringComparer.Ordinal));
        Assert.True(outcome.IsComplete, string.Join("; ", outcome.IncompleteReasons));
        Assert.Equal(AuditRuleCatalog.HandoverRules.Select(r => r.Id), outcome.EvaluatedRules);
        Assert.Equal(3, outcome.Inputs["groupsAwaitingHandover"]); // chat 2 and 8 overdue, chat 9 within the grace period
        Assert.Equal("roster-active", (string)outcome.Findings.Single(f => f.Rule == AuditRuleCatalog.HandoverDepartureUnrecorded.Id).Details["reason"]!);
        Assert.Equal(1, audit.Host.State.CallCount("externalcontact/get_unassigned_list"));
        Assert.Equal(2, audit.Host.State.CallCount("externalcontact/groupchat/list")); // status_filter 1, then 2
        Assert.Equal(3, audit.Host.State.CallCount("externalcontact/groupchat/get"));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public async Task Customers_are_overdue_from_exactly_the_grace_period_after_dimission_time(long secondsLess, bool found)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var tenant = Quiet(now);
        tenant.UnassignedCustomers.Add(new SandboxUnassignedCustomer { HandoverUserId = "GoneUser000001", ExternalUserId = "wmA", DimissionTime = now.ToUnixTimeSeconds() - (3 * 86400) + secondsLess });
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await HandoverAuditEvaluator.EvaluateAsync(audit.Source, SandboxAudit.RosterOf(tenant), new AuditOptions { HandoverGraceDays = 3 }, new AuditClock(now), CancellationToken.None);

        Assert.Equal(found, outcome.Findings.Any(f => f.Rule == AuditRuleCatalog.HandoverCustomersUnassigned.Id && f.Subject == "GoneUser000001"));
        // Not in the roster at all: HR never recorded the person, whatever the grace period.
        Assert.Equal("not-in-roster", (string)outcome.Findings.Single(f => f.Rule == AuditRuleCatalog.HandoverDepartureUnrecorded.Id).Details["reason"]!);
    }

    [Fact]
    public async Task Thousands_of_unassigned_customers_are_paged_and_counted_per_departed_member()
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = Quiet(now);
        var gone = tenant.Members[30];
        gone.Status = 5;
        gone.TerminationDate = DateOnly.FromDateTime(now.AddDays(-20).UtcDateTime);
        for (var i = 0; i < 2500; i++)
        {
            tenant.UnassignedCustomers.Add(new SandboxUnassignedCustomer { HandoverUserId = gone.UserId, ExternalUserId = $"wm{i:D6}", DimissionTime = now.AddDays(-20).ToUnixTimeSeconds() + 36000 });
        }

        await using var audit = await SandboxAudit.StartAsync(tenant);
        var outcome = await HandoverAuditEvaluator.EvaluateAsync(audit.Source, SandboxAudit.RosterOf(tenant), new AuditOptions(), new AuditClock(now), CancellationToken.None);

        var finding = Assert.Single(outcome.Findings, f => f.Rule == AuditRuleCatalog.HandoverCustomersUnassigned.Id);
        Assert.Equal(2500, (int)finding.Details["unassignedCustomers"]!);
        Assert.Equal(3, audit.Host.State.CallCount("externalcontact/get_unassigned_list")); // 1,000 a page, is_last on the third
        Assert.DoesNotContain(outcome.Findings, f => f.Rule == AuditRuleCatalog.HandoverDepartureUnrecorded.Id && f.Subject == gone.UserId);
    }

    [Fact]
    public async Task A_pending_group_without_dimission_time_uses_the_roster_date_and_without_either_has_no_grace()
    {
        var now = DateTimeOffset.UtcNow;
        var today = ChinaTime.DateOf(now);
        var tenant = Quiet(now);
        var (recorded, recent, unknown) = (tenant.Members[31], tenant.Members[32], tenant.Members[33]);
        recorded.TerminationDate = today.AddDays(-4); // left at the start of today-3: three days ago or more
        recent.TerminationDate = today.AddDays(-1);
        unknown.Status = 5; // HR shows them active, WeCom has no dimission_time (no customers left)
        foreach (var (chat, owner) in new[] { (tenant.GroupChats[3], recorded), (tenant.GroupChats[4], recent), (tenant.GroupChats[5], unknown) })
        {
            owner.Status = 5;
            chat.Owner = owner.UserId;
            chat.Status = 1;
        }

        await using var audit = await SandboxAudit.StartAsync(tenant);
        var outcome = await HandoverAuditEvaluator.EvaluateAsync(audit.Source, SandboxAudit.RosterOf(tenant), new AuditOptions(), new AuditClock(now), CancellationToken.None);

        var pending = outcome.Findings.Where(f => f.Rule == AuditRuleCatalog.HandoverGroupsPending.Id).ToDictionary(f => f.Subject, f => (string)f.Details["departureSource"]!);
        Assert.Equal("roster-termination-date", pending[tenant.GroupChats[3].ChatId]);
        Assert.Equal("unknown", pending[tenant.GroupChats[5].ChatId]);
        Assert.False(pending.ContainsKey(tenant.GroupChats[4].ChatId));
        Assert.Contains(outcome.Findings, f => f.Rule == AuditRuleCatalog.HandoverDepartureUnrecorded.Id && f.Subject == unknown.UserId);
    }

    [Theory]
    [InlineData(-3, false)]
    [InlineData(3, false)]
    [InlineData(-4, true)]
    [InlineData(4, true)]
    public async Task Roster_and_WeCom_departure_dates_may_differ_by_the_grace_period_and_no_more(int rosterDaysFromDimission, bool found)
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = Quiet(now);
        var gone = tenant.Members[34];
        var dimission = new DateTimeOffset(ChinaTime.DateOf(now).AddDays(-20).ToDateTime(new TimeOnly(12, 0)), ChinaTime.Offset);
        gone.Status = 5;
        gone.TerminationDate = ChinaTime.DateOf(dimission).AddDays(rosterDaysFromDimission);
        tenant.UnassignedCustomers.Add(new SandboxUnassignedCustomer { HandoverUserId = gone.UserId, ExternalUserId = "wmB", DimissionTime = dimission.ToUnixTimeSeconds() });
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await HandoverAuditEvaluator.EvaluateAsync(audit.Source, SandboxAudit.RosterOf(tenant), new AuditOptions { HandoverGraceDays = 3 }, new AuditClock(now), CancellationToken.None);

        var unrecorded = outcome.Findings.Where(f => f.Rule == AuditRuleCatalog.HandoverDepartureUnrecorded.Id && f.Subject == gone.UserId).ToList();
        Assert.Equal(found, unrecorded.Count == 1);
        Assert.All(unrecorded, f => Assert.Equal("dates-differ", (string)f.Details["reason"]!));
    }

    [Fact]
    public async Task Without_a_roster_departure_unrecorded_is_skipped_and_the_other_rules_still_run()
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = TenantGenerator.Generate(60, 12, seed: 51, now);
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await HandoverAuditEvaluator.EvaluateAsync(audit.Source, null, new AuditOptions(), new AuditClock(now), CancellationToken.None);

        Assert.Equal([AuditRuleCatalog.HandoverDepartureUnrecorded.Id], outcome.SkippedRules.Select(s => s.Rule));
        Assert.Contains(outcome.Findings, f => f.Rule == AuditRuleCatalog.HandoverCustomersUnassigned.Id);
        Assert.Contains(outcome.Findings, f => f.Rule == AuditRuleCatalog.HandoverGroupsPending.Id);
        Assert.False(outcome.IsComplete); // no roster: the run resolves nothing
    }

    // The quiet tenant, with the generator's two departed group owners' groups back to normal.
    private static SandboxTenant Quiet(DateTimeOffset now)
    {
        var tenant = SandboxAudit.QuietTenant(now);
        foreach (var chat in tenant.GroupChats)
        {
            chat.Status = 0;
        }

        return tenant;
    }
}
