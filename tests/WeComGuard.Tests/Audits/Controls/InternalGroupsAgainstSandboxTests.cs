using System.Text;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Archive;
using WeComGuard.Core.WeCom;
using WeComGuard.Sandbox.Tenant;
using WeComGuard.Tests.WeCom;

namespace WeComGuard.Tests.Audits.Controls;

/// <summary>
/// §4.2 internal groups through 会话内容存档: room ids from the chat-archive exporter's files, msgaudit/groupchat/get
/// for each, the group rules over internal and customer groups together, and archive.scope-gap against
/// msgaudit/get_permit_user_list, in the sandbox over HTTP.
/// </summary>
public sealed class InternalGroupsAgainstSandboxTests
{
    private static readonly Dictionary<string, string> RuleOf = new()
    {
        [SandboxViolationKinds.UnnamedInternalGroup] = AuditRuleCatalog.GroupUnnamed.Id,
        [SandboxViolationKinds.InternalGroupOwnerDeparted] = AuditRuleCatalog.GroupOwnerDeparted.Id,
        [SandboxViolationKinds.InternalGroupWithDepartedMember] = AuditRuleCatalog.GroupDepartedMembers.Id,
        [SandboxViolationKinds.OverlappingInternalGroups] = AuditRuleCatalog.GroupOverlap.Id,
        [SandboxViolationKinds.ArchiveScopeGap] = AuditRuleCatalog.ArchiveScopeGap.Id,
        [SandboxViolationKinds.ArchiveScopeGapCustomerContact] = AuditRuleCatalog.ArchiveScopeGap.Id,
    };

    private static readonly string[] InternalGroupRules =
        [AuditRuleCatalog.GroupUnnamed.Id, AuditRuleCatalog.GroupOwnerDeparted.Id, AuditRuleCatalog.GroupDepartedMembers.Id, AuditRuleCatalog.GroupOverlap.Id];

    [Fact]
    public async Task Every_planted_internal_group_violation_and_the_scope_gap_are_found_and_internal_groups_are_marked()
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = TenantGenerator.Generate(60, 12, seed: 51, now);
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await EvaluateAsync(audit, tenant, new RoomLog(tenant, now), now);

        var expected = tenant.Planted.Where(p => RuleOf.ContainsKey(p.Kind)).Select(p => $"{RuleOf[p.Kind]}|{p.Subject}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(6, expected.Count);
        var internalFindings = outcome.Findings.Where(f => f.Details["internal"] is not null || f.Details["internalChatIds"] is not null || f.Rule == AuditRuleCatalog.ArchiveScopeGap.Id);
        Assert.Equal(expected, internalFindings.Select(f => $"{f.Rule}|{f.Subject}").Order(StringComparer.Ordinal));
        Assert.All(outcome.Findings.Where(f => f.Subject.StartsWith("wrSandbox", StringComparison.Ordinal)), f => Assert.Null(f.Details["internal"]));
        Assert.Contains(outcome.Findings, f => f.Rule == AuditRuleCatalog.GroupUnnamed.Id && f.Subject == tenant.GroupChats[0].ChatId); // customer groups still checked
        Assert.True(outcome.IsComplete, string.Join("; ", outcome.IncompleteReasons));
        Assert.Contains(AuditRuleCatalog.ArchiveScopeGap.Id, outcome.EvaluatedRules);
        Assert.DoesNotContain(outcome.SkippedRules, s => InternalGroupRules.Contains(s.Rule));
        Assert.Equal(5, outcome.Inputs["internalGroups"]);
        Assert.Equal(12, outcome.Inputs["groups"]);
        Assert.Equal(2, outcome.Inputs["archiveRoomLinesBroken"]);
        Assert.Equal(5, audit.Host.State.CallCount("msgaudit/groupchat/get"));
        Assert.Equal(1, audit.Host.State.CallCount("msgaudit/get_permit_user_list"));
        var gap = Assert.Single(outcome.Findings, f => f.Rule == AuditRuleCatalog.ArchiveScopeGap.Id && f.Subject == tenant.GroupChats[5].Owner);
        Assert.True((int)gap.Details["ownedCustomerGroups"]! >= 1);
        Assert.DoesNotContain(audit.Host.Logs.Messages, m => m.Contains(WeComClientHost.ArchiveSecret, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public async Task A_member_of_a_customer_group_talks_to_customers_from_its_first_external_member(int externals, bool found)
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = SandboxAudit.QuietTenant(now);
        var talker = TalksToNoCustomer(tenant);
        var chat = tenant.GroupChats[0];
        chat.Members.RemoveAll(m => m.Type == 2);
        chat.Members.Add(new SandboxGroupChatMember { UserId = talker, Type = 1, JoinTime = chat.CreateTime });
        for (var i = 0; i < externals; i++)
        {
            chat.Members.Add(new SandboxGroupChatMember { UserId = $"wmBoundary{i}", Type = 2, JoinTime = chat.CreateTime });
        }

        tenant.ArchivePermitUsers.Remove(talker);
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await EvaluateAsync(audit, tenant, new RoomLog(tenant, now), now);

        var gaps = outcome.Findings.Where(f => f.Rule == AuditRuleCatalog.ArchiveScopeGap.Id).ToList();
        Assert.Equal(found, gaps.Any(f => f.Subject == talker));
        Assert.Equal(found ? 1 : 0, gaps.Count);
        if (found)
        {
            Assert.Equal(1, (int)gaps[0].Details["joinedCustomerGroups"]!);
            Assert.Equal(0, (int)gaps[0].Details["ownedCustomerGroups"]!);
        }
    }

    [Fact]
    public async Task Members_in_the_permit_list_departed_members_and_members_without_customers_are_no_scope_gap()
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = SandboxAudit.QuietTenant(now);
        var departedOwner = tenant.GroupChats[2].Owner; // the generator's exited member owns it
        Assert.Equal(5, tenant.Members.Single(m => m.UserId == departedOwner).Status);
        tenant.ArchivePermitUsers.Remove(departedOwner);
        tenant.ArchivePermitUsers.Remove(TalksToNoCustomer(tenant));
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await EvaluateAsync(audit, tenant, new RoomLog(tenant, now), now);

        Assert.DoesNotContain(outcome.Findings, f => f.Rule == AuditRuleCatalog.ArchiveScopeGap.Id);
        Assert.Contains(AuditRuleCatalog.ArchiveScopeGap.Id, outcome.EvaluatedRules);
    }

    [Theory]
    [InlineData(true)] // {owner, a, b, c} against {owner, a, b, c, customer}: Jaccard 4/5 = 0.8, the threshold
    [InlineData(false)] // {owner, a, b, d}: 3/6
    public async Task An_internal_group_overlaps_a_customer_group_from_the_threshold(bool sameMembers)
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = SandboxAudit.QuietTenant(now);
        var m = tenant.Members;
        var chat = tenant.GroupChats[0];
        chat.Owner = m[26].UserId;
        chat.Members =
        [
            .. new[] { m[26], m[27], m[28], m[29] }.Select(x => new SandboxGroupChatMember { UserId = x.UserId, Type = 1, JoinTime = chat.CreateTime }),
            new SandboxGroupChatMember { UserId = "wmOverlap", Type = 2, JoinTime = chat.CreateTime },
        ];
        tenant.ArchiveRooms.Add(new SandboxArchiveRoom
        {
            RoomId = "wrInternalOverlap",
            RoomName = "周会",
            Creator = m[26].UserId,
            Members = [.. new[] { m[26], m[27], m[28], sameMembers ? m[29] : m[30] }.Select(x => new SandboxArchiveRoomMember { MemberId = x.UserId })],
        });
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await EvaluateAsync(audit, tenant, new RoomLog(tenant, now), now, new AuditOptions { OverlapJaccardThreshold = 0.8 });

        var overlap = outcome.Findings.Where(f => f.Rule == AuditRuleCatalog.GroupOverlap.Id && f.Subject.Contains("wrInternalOverlap", StringComparison.Ordinal)).ToList();
        Assert.Equal(sameMembers ? 1 : 0, overlap.Count);
        if (sameMembers)
        {
            Assert.Equal(string.Join('|', new[] { chat.ChatId, "wrInternalOverlap" }.Order(StringComparer.Ordinal)), overlap[0].Subject);
            Assert.Equal("wrInternalOverlap", (string)overlap[0].Details["internalChatIds"]![0]!);
        }
    }

    [Fact]
    public async Task Archiving_lapsed_skips_and_names_the_internal_groups_and_the_scope_gap_and_the_run_is_partial_not_failed()
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = TenantGenerator.Generate(60, 12, seed: 51, now);
        tenant.ArchiveLapsed = true;
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await EvaluateAsync(audit, tenant, new RoomLog(tenant, now), now);

        Assert.False(outcome.IsComplete);
        Assert.Contains(outcome.IncompleteReasons, r => r.Contains("301052", StringComparison.Ordinal));
        Assert.Equal([.. InternalGroupRules, AuditRuleCatalog.ArchiveScopeGap.Id], outcome.SkippedRules.Where(s => s.Rule != AuditRuleCatalog.GroupNoticeSensitive.Id).Select(s => s.Rule));
        Assert.All(outcome.SkippedRules.Where(s => s.Rule != AuditRuleCatalog.GroupNoticeSensitive.Id), s => Assert.Contains("301052", s.Reason, StringComparison.Ordinal));
        Assert.DoesNotContain(outcome.Findings, f => f.Details["internal"] is not null || f.Rule == AuditRuleCatalog.ArchiveScopeGap.Id);
        Assert.Contains(outcome.Findings, f => f.Rule == AuditRuleCatalog.GroupUnnamed.Id && f.Subject == tenant.GroupChats[0].ChatId);
        Assert.True(audit.Host.State.AnsweredCount(WeComErrorCodes.ArchiveLapsed) >= 2); // the rooms and the permit list
    }

    [Fact]
    public async Task Without_room_ids_internal_groups_are_named_as_not_checked_WeCom_is_not_asked_and_the_run_stays_complete()
    {
        var now = DateTimeOffset.UtcNow;
        var tenant = TenantGenerator.Generate(60, 12, seed: 51, now);
        tenant.BrokenArchiveRoomLines.Clear();
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var outcome = await EvaluateAsync(audit, tenant, new RoomLog(new SandboxTenant(), now), now);

        Assert.True(outcome.IsComplete, string.Join("; ", outcome.IncompleteReasons));
        Assert.Equal(0, audit.Host.State.CallCount("msgaudit/groupchat/get"));
        Assert.All(InternalGroupRules, rule => Assert.Contains(outcome.SkippedRules, s => s.Rule == rule && s.Reason.Contains("no room ids", StringComparison.Ordinal)));
        Assert.Equal(2, outcome.Findings.Count(f => f.Rule == AuditRuleCatalog.ArchiveScopeGap.Id)); // the permit list is still read
    }

    [Fact]
    public async Task The_client_reads_rooms_and_the_permit_list_and_rejects_an_unknown_permit_type()
    {
        var tenant = TenantGenerator.Generate(60, 12, seed: 51, DateTimeOffset.UtcNow);
        await using var audit = await SandboxAudit.StartAsync(tenant);

        var room = await audit.Host.Client.GetArchiveRoomAsync("wrInternal00000004");
        Assert.Equal("采购协调", room.RoomName);
        Assert.Equal(tenant.Members[34].UserId, room.Creator);
        Assert.Equal(3, room.Members.Count);
        Assert.All(room.Members, member => Assert.True(member.JoinTime >= room.RoomCreateTime));
        Assert.Equal(tenant.ArchivePermitUsers, await audit.Host.Client.ListArchivePermitUsersAsync(type: 1));
        var error = await Assert.ThrowsAsync<WeComApiException>(() => audit.Host.Client.ListArchivePermitUsersAsync(type: 4));
        Assert.Equal(WeComErrorCodes.InvalidParameter, error.ErrorCode);
        Assert.Equal(2000, WeComApiLimits.DocumentedPerMinute("msgaudit/groupchat/get"));
    }

    private static Task<AuditOutcome> EvaluateAsync(SandboxAudit audit, SandboxTenant tenant, IArchiveRoomLog roomLog, DateTimeOffset now, AuditOptions? options = null) =>
        GroupAuditEvaluator.EvaluateAsync(audit.Source, SandboxAudit.RosterOf(tenant), null, roomLog, options ?? new AuditOptions(), new AuditClock(now), CancellationToken.None);

    // An active member who owns no customer group, is in none and is not configured for customer contact.
    private static string TalksToNoCustomer(SandboxTenant tenant)
    {
        var inGroups = tenant.GroupChats.SelectMany(c => c.Members.Select(m => m.UserId).Append(c.Owner)).Concat(tenant.FollowUsers).ToHashSet(StringComparer.Ordinal);
        return tenant.Members.First(m => m.Status == 1 && m.TerminationDate is null && !inGroups.Contains(m.UserId)).UserId;
    }

    /// <summary>The exporter's file for today, as <see cref="ArchiveRoomLogWriter"/> writes it, read by the production parser.</summary>
    private sealed class RoomLog(SandboxTenant tenant, DateTimeOffset now) : IArchiveRoomLog
    {
        public async Task<ArchiveRoomIds> ReadAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(ArchiveRoomLogWriter.Content(tenant, now.ToUnixTimeSeconds())));
            var broken = await ArchiveRoomLogParser.ReadAsync(stream, ids, cancellationToken);
            return new ArchiveRoomIds([.. ids.Order(StringComparer.Ordinal)], 1, broken);
        }
    }
}
