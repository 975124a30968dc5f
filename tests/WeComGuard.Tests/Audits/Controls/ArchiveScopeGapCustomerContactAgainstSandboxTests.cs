using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Archive;
using WeComGuard.Core.WeCom;
using WeComGuard.Sandbox.Tenant;

namespace WeComGuard.Tests.Audits.Controls;

/// <summary>
/// archive.scope-gap (§4.2) for members who talk to customers outside any customer group: those configured for customer
/// contact (externalcontact/get_follow_user_list) but not in 会话内容存档's permit list, in the sandbox over HTTP.
/// </summary>
public sealed class ArchiveScopeGapCustomerContactAgainstSandboxTests
{
    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)] // in the permit list: archived, no gap
    public async Task A_member_configured_for_customer_contact_in_no_customer_group_is_a_scope_gap_unless_archived(bool archived, bool found)
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = SandboxAudit.QuietTenant(now);
        var contact = ActiveOutsideCustomerGroups(tenant);
        tenant.FollowUsers.Add(contact);
        if (!archived)
        {
            tenant.ArchivePermitUsers.Remove(contact);
        }

        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await EvaluateAsync(audit, tenant, now);

        var gaps = outcome.Findings.Where(f => f.Rule == AuditRuleCatalog.ArchiveScopeGap.Id).ToList();
        Assert.Equal(found ? [contact] : [], gaps.Select(f => f.Subject));
        Assert.True(outcome.IsComplete, string.Join("; ", outcome.IncompleteReasons));
        Assert.Contains(AuditRuleCatalog.ArchiveScopeGap.Id, outcome.EvaluatedRules);
        Assert.Equal(tenant.FollowUsers.Count, outcome.Inputs["customerContactUsers"]);
        Assert.Equal(1, audit.Host.State.CallCount("externalcontact/get_follow_user_list"));
        if (found)
        {
            Assert.True((bool)gaps[0].Details["customerContact"]!);
            Assert.Equal(0, (int)gaps[0].Details["ownedCustomerGroups"]!);
            Assert.Equal(0, (int)gaps[0].Details["joinedCustomerGroups"]!);
            Assert.Null(gaps[0].Details["exampleChatId"]);
        }
    }

    [Fact]
    public async Task An_owner_configured_for_customer_contact_is_one_finding_and_a_departed_one_is_none()
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = SandboxAudit.QuietTenant(now);
        var owner = tenant.GroupChats[0].Owner;
        var departed = tenant.Members.First(m => m.Status == 5).UserId;
        Assert.Contains(owner, tenant.FollowUsers);
        tenant.FollowUsers.Add(departed);
        tenant.ArchivePermitUsers.Remove(owner);
        tenant.ArchivePermitUsers.Remove(departed);
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await EvaluateAsync(audit, tenant, now);

        var gap = Assert.Single(outcome.Findings, f => f.Rule == AuditRuleCatalog.ArchiveScopeGap.Id);
        Assert.Equal(owner, gap.Subject);
        Assert.True((bool)gap.Details["customerContact"]!);
        Assert.True((int)gap.Details["ownedCustomerGroups"]! >= 1);
    }

    [Theory]
    [InlineData(WeComErrorCodes.OutsideVisibleRange, false)] // an error: who talks to customers is known only in part
    [InlineData(WeComErrorCodes.ApiForbidden, true)] // the app may not call it: the rule is skipped, as for the permit list
    public async Task When_the_list_cannot_be_read_the_rule_is_skipped_with_the_reason_and_not_resolved(int errcode, bool complete)
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = SandboxAudit.QuietTenant(now);
        var contact = ActiveOutsideCustomerGroups(tenant);
        tenant.FollowUsers.Add(contact);
        tenant.ArchivePermitUsers.Remove(contact);
        tenant.ArchivePermitUsers.Remove(tenant.GroupChats[0].Owner); // a gap the groups alone show: not reported from a run that cannot resolve
        await using var audit = await SandboxAudit.StartAsync(tenant);
        audit.Host.State.Faults.FailNext("externalcontact/get_follow_user_list", errcode, times: 10);

        var outcome = await EvaluateAsync(audit, tenant, now);

        Assert.Equal(complete, outcome.IsComplete);
        Assert.DoesNotContain(AuditRuleCatalog.ArchiveScopeGap.Id, outcome.EvaluatedRules);
        var skipped = Assert.Single(outcome.SkippedRules, s => s.Rule == AuditRuleCatalog.ArchiveScopeGap.Id);
        Assert.Contains("customer contact", skipped.Reason, StringComparison.Ordinal);
        Assert.Contains(errcode.ToString(System.Globalization.CultureInfo.InvariantCulture), skipped.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(outcome.Findings, f => f.Rule == AuditRuleCatalog.ArchiveScopeGap.Id);
        if (!complete)
        {
            Assert.Contains(outcome.IncompleteReasons, r => r.Contains("externalcontact/get_follow_user_list", StringComparison.Ordinal));
        }

        Assert.Contains(AuditRuleCatalog.GroupUnnamed.Id, outcome.EvaluatedRules); // the other group rules still ran
    }

    [Fact]
    public async Task The_client_reads_the_follow_user_list_as_WeCom_answers_it()
    {
        var tenant = TenantGenerator.Generate(60, 12, seed: 51, DateTimeOffset.UtcNow);
        tenant.FollowUsers.Add("NotAMember");
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var users = await audit.Host.Client.ListFollowUsersAsync();

        Assert.Equal(tenant.FollowUsers.Where(id => id != "NotAMember"), users);
        var planted = Assert.Single(tenant.Planted, p => p.Kind == SandboxViolationKinds.ArchiveScopeGapCustomerContact);
        Assert.Contains(planted.Subject, users);
        Assert.DoesNotContain(planted.Subject, tenant.ArchivePermitUsers);
        Assert.DoesNotContain(tenant.GroupChats, c => c.Members.Any(m => m.UserId == planted.Subject));
    }

    private static Task<AuditOutcome> EvaluateAsync(SandboxAudit audit, SandboxTenant tenant, DateTimeOffset now) =>
        GroupAuditEvaluator.EvaluateAsync(audit.Source, SandboxAudit.RosterOf(tenant), null, new NoRooms(), new AuditOptions(), new AuditClock(now), CancellationToken.None);

    private static string ActiveOutsideCustomerGroups(SandboxTenant tenant)
    {
        var inGroups = tenant.GroupChats.SelectMany(c => c.Members.Select(m => m.UserId).Append(c.Owner)).Concat(tenant.FollowUsers).ToHashSet(StringComparer.Ordinal);
        return tenant.Members.First(m => m.Status == 1 && m.TerminationDate is null && !inGroups.Contains(m.UserId)).UserId;
    }

    /// <summary>The exporter saw no room: the internal groups are not this test's concern.</summary>
    private sealed class NoRooms : IArchiveRoomLog
    {
        public Task<ArchiveRoomIds> ReadAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken) =>
            Task.FromResult(new ArchiveRoomIds([], 0, 0));
    }
}
