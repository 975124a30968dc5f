using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.DirectoryMirror;
using WeComGuard.Core.Events;
using WeComGuard.Core.Storage;
using WeComGuard.Sandbox.Callbacks;
using WeComGuard.Sandbox.Tenant;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.DirectoryMirror;

/// <summary>
/// Checks within minutes of a change: a callback applied to the mirror re-checks the member or group it touched (and a
/// member's groups, and a group's overlap candidates from the membership index), against Azurite and the sandbox, with
/// no nightly run in between.
/// </summary>
[Trait("Needs", "Azurite")]
public sealed class ChangeRecheckTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddMinutes(-30);

    private async Task<DirectoryTestHost> StartAsync(SandboxTenant tenant)
    {
        var host = await DirectoryTestHost.StartAsync(azurite, tenant, audits: true);
        var roster = Path.Combine(RepoPaths.CreateScratchDirectory("recheck-roster"), "roster.csv");
        RosterCsvWriter.WriteFile(tenant, roster);
        await azurite.Clients.Container(StorageNames.HrContainer).GetBlobClient("roster.csv").UploadAsync(roster, overwrite: true);
        await host.Sync.SyncAsync(CancellationToken.None);
        return host;
    }

    private static SandboxTenant Tenant(int seed) => TenantGenerator.Generate(60, 16, seed, DateTimeOffset.UtcNow);

    private async Task<Dictionary<string, TableEntity>> OpenFindingsAsync()
    {
        var open = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var finding in azurite.Clients.Table(StorageNames.FindingsTable).QueryAsync<TableEntity>(f => f.GetString("Status") == "open"))
        {
            open[$"{finding.GetString(FindingEntityColumns.Rule)}|{finding.GetString(FindingEntityColumns.Subject)}"] = finding;
        }

        return open;
    }

    private async Task<int> RowCountAsync(string table)
    {
        var count = 0;
        await foreach (var _ in azurite.Clients.Table(table).QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    /// <summary>An active member who owns a group and sits in others, with no planted violation on them.</summary>
    private static (string UserId, string OwnedChat, string[] MemberOf) QuietOwner(SandboxTenant tenant)
    {
        var planted = tenant.Planted.Select(p => p.Subject).ToHashSet(StringComparer.Ordinal);
        return tenant.Members
            .Where(m => m.Status == 1 && m.TerminationDate is null && !planted.Contains(m.UserId))
            .Select(m => (m.UserId, Owned: tenant.GroupChats.FirstOrDefault(c => c.Owner == m.UserId && !planted.Contains(c.ChatId))?.ChatId,
                MemberOf: tenant.GroupChats.Where(c => c.Owner != m.UserId && c.Members.Any(x => x.Type == 1 && x.UserId == m.UserId)).Select(c => c.ChatId).ToArray()))
            .Where(m => m.Owned is not null)
            .Select(m => (m.UserId, m.Owned!, m.MemberOf))
            .First();
    }

    [Fact]
    public async Task The_sync_and_the_group_callbacks_keep_the_membership_index()
    {
        var tenant = Tenant(seed: 61);
        await using var host = await StartAsync(tenant);
        var member = tenant.Members.First(m => tenant.GroupChats.Count(c => c.Owner != m.UserId && c.Members.Any(x => x.Type == 1 && x.UserId == m.UserId)) >= 2);
        var expected = tenant.GroupChats.Where(c => c.Members.Any(x => x.Type == 1 && x.UserId == member.UserId)).Select(c => c.ChatId).Order(StringComparer.Ordinal);

        Assert.Equal(expected, (await host.Store.Memberships.GroupsOfAsync(member.UserId).ToListAsync()).Order(StringComparer.Ordinal));

        // The member leaves one group (a callback) and another group is dismissed.
        var (left, dismissed) = host.WeCom.State.Read(t =>
        {
            var groups = t.GroupChats.Where(c => c.Owner != member.UserId && c.Members.Any(x => x.Type == 1 && x.UserId == member.UserId)).Select(c => c.ChatId).ToList();
            return (groups[0], groups[1]);
        });
        host.WeCom.State.Mutate(t => t.GroupChats.Single(c => c.ChatId == left).Members.RemoveAll(x => x.UserId == member.UserId));
        await host.DeliverAsync(CallbackEventXml.ExternalChatUpdate(host.CorpId, left, "del_member", T0.AddSeconds(1)));
        host.WeCom.State.Mutate(t => t.GroupChats.RemoveAll(c => c.ChatId == dismissed));
        await host.DeliverAsync(CallbackEventXml.ExternalChatDismiss(host.CorpId, dismissed, T0.AddSeconds(2)));

        Assert.Equal(expected.Except([left, dismissed]), (await host.Store.Memberships.GroupsOfAsync(member.UserId).ToListAsync()).Order(StringComparer.Ordinal));

        // A second sync finds nothing changed and leaves the index as it is; a sync after drift repairs it.
        host.WeCom.State.Mutate(t => t.GroupChats.Single(c => c.ChatId == left).Members.Add(new SandboxGroupChatMember { UserId = member.UserId, Type = 1 }));
        await host.Sync.SyncAsync(CancellationToken.None);
        Assert.Contains(left, await host.Store.Memberships.GroupsOfAsync(member.UserId).ToListAsync());
    }

    [Fact]
    public async Task A_departure_callback_opens_the_group_findings_without_a_nightly_run()
    {
        var tenant = Tenant(seed: 62);
        await using var host = await StartAsync(tenant);
        var (userId, owned, memberOf) = QuietOwner(tenant);
        Assert.DoesNotContain($"group.owner-departed|{owned}", (await OpenFindingsAsync()).Keys);

        host.WeCom.State.Mutate(t => t.Members.RemoveAll(m => m.UserId == userId));
        await host.DeliverAsync(CallbackEventXml.DeleteUser(host.CorpId, userId, T0.AddSeconds(1)));

        var open = await OpenFindingsAsync();
        var finding = open[$"group.owner-departed|{owned}"];
        Assert.StartsWith("recheck-", finding.GetString(FindingEntityColumns.FirstRunId), StringComparison.Ordinal);
        Assert.Contains("not-in-directory", finding.GetString(FindingEntityColumns.Details), StringComparison.Ordinal);
        foreach (var chatId in memberOf)
        {
            Assert.Contains(userId, open[$"group.departed-members|{chatId}"].GetString(FindingEntityColumns.Details), StringComparison.Ordinal);
        }

        Assert.Equal(0, await RowCountAsync(StorageNames.AuditRunsTable)); // no audit ran
        Assert.Equal(1, host.WeCom.State.CallCount("user/get")); // the re-check read the mirror, not WeCom
    }

    [Fact]
    public async Task A_member_callback_opens_and_resolves_that_members_findings_and_never_another_subjects()
    {
        var tenant = Tenant(seed: 63);
        var quiet = QuietOwner(tenant).UserId;
        var planted = tenant.Planted.Select(p => p.Subject).ToHashSet(StringComparer.Ordinal);
        var (fixedByCallback, fixedSilently) = tenant.Members.Where(m => m.Status == 1 && !planted.Contains(m.UserId) && m.UserId != quiet).Take(2).Select(m => m.UserId).ToArray() switch
        {
            [var a, var b] => (a, b),
            _ => throw new InvalidOperationException("the tenant has too few members"),
        };
        foreach (var member in tenant.Members.Where(m => m.UserId == fixedByCallback || m.UserId == fixedSilently))
        {
            member.Position = string.Empty;
        }

        await using var host = await StartAsync(tenant);
        var nightly = host.WeCom.Services.GetRequiredService<NightlyDirectoryAudit>();
        await nightly.RunChainAsync(CancellationToken.None);
        var before = await OpenFindingsAsync();
        Assert.Contains($"account.missing-position|{fixedSilently}", before.Keys);
        Assert.Contains($"account.missing-position|{fixedByCallback}", before.Keys);

        // Both are fixed in WeCom; the mirror learns of the second without a callback (as a sync half-way would write it).
        host.WeCom.State.Mutate(t =>
        {
            t.Members.Single(m => m.UserId == fixedByCallback).Position = "工程师";
            t.Members.Single(m => m.UserId == fixedSilently).Position = "工程师";
            t.Members.Single(m => m.UserId == quiet).Position = string.Empty;
        });
        await host.Store.UpsertMemberAsync(await host.WeCom.Client.GetMemberAsync(fixedSilently));
        await host.DeliverAsync(CallbackEventXml.UpdateUser(host.CorpId, fixedByCallback, T0.AddSeconds(1)));
        await host.DeliverAsync(CallbackEventXml.UpdateUser(host.CorpId, quiet, T0.AddSeconds(2)));

        var after = await OpenFindingsAsync();
        Assert.DoesNotContain($"account.missing-position|{fixedByCallback}", after.Keys);
        Assert.Contains($"account.missing-position|{fixedSilently}", after.Keys); // only its own re-check or a complete run resolves it
        Assert.StartsWith("recheck-", after[$"account.missing-position|{quiet}"].GetString(FindingEntityColumns.FirstRunId), StringComparison.Ordinal);
        static IEnumerable<string> Others(IEnumerable<string> keys, params string[] subjects) =>
            keys.Where(key => !subjects.Any(subject => key.EndsWith("|" + subject, StringComparison.Ordinal))).Order(StringComparer.Ordinal);
        Assert.Equal(Others(before.Keys, fixedByCallback, quiet), Others(after.Keys, fixedByCallback, quiet));

        // The next complete run resolves the silent fix.
        await nightly.RunChainAsync(CancellationToken.None);
        Assert.DoesNotContain($"account.missing-position|{fixedSilently}", (await OpenFindingsAsync()).Keys);
    }

    [Fact]
    public async Task A_new_group_copying_another_is_an_overlap_found_through_the_index()
    {
        var tenant = Tenant(seed: 64);
        await using var host = await StartAsync(tenant);
        var original = tenant.GroupChats.Where(c => c.Members.Count >= 5).OrderByDescending(c => c.Members.Count).First();
        var copy = new SandboxGroupChat
        {
            ChatId = "wrCopyOfGroup0001", Name = original.Name + " (2)", Owner = original.Owner, CreateTime = original.CreateTime,
            Members = [.. original.Members.Select(m => new SandboxGroupChatMember { UserId = m.UserId, Type = m.Type, JoinTime = m.JoinTime })],
            MemberVersion = "v1",
        };
        host.WeCom.State.Mutate(t => t.GroupChats.Add(copy));
        var getsBefore = host.WeCom.State.CallCount("externalcontact/groupchat/get");

        await host.DeliverAsync(CallbackEventXml.ExternalChatCreate(host.CorpId, copy.ChatId, T0.AddSeconds(1)));

        var subject = string.CompareOrdinal(original.ChatId, copy.ChatId) <= 0 ? $"{original.ChatId}|{copy.ChatId}" : $"{copy.ChatId}|{original.ChatId}";
        var open = await OpenFindingsAsync();
        Assert.StartsWith("recheck-", open[$"group.overlap|{subject}"].GetString(FindingEntityColumns.FirstRunId), StringComparison.Ordinal);
        Assert.Equal(1, host.WeCom.State.CallCount("externalcontact/groupchat/get") - getsBefore);

        // The copy is dismissed: its re-check resolves the overlap, and only that.
        host.WeCom.State.Mutate(t => t.GroupChats.RemoveAll(c => c.ChatId == copy.ChatId));
        await host.DeliverAsync(CallbackEventXml.ExternalChatDismiss(host.CorpId, copy.ChatId, T0.AddSeconds(2)));
        var afterDismiss = await OpenFindingsAsync();
        Assert.DoesNotContain($"group.overlap|{subject}", afterDismiss.Keys);
        Assert.Equal(open.Keys.Where(key => !key.Contains(copy.ChatId, StringComparison.Ordinal)).Order(StringComparer.Ordinal), afterDismiss.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_retried_event_writes_the_same_rows_and_doubles_nothing()
    {
        var tenant = Tenant(seed: 65);
        await using var host = await StartAsync(tenant);
        var (userId, owned, _) = QuietOwner(tenant);
        host.WeCom.State.Mutate(t => t.Members.RemoveAll(m => m.UserId == userId));
        var weComEvent = WeComEventParser.Parse(System.Text.Encoding.UTF8.GetBytes(CallbackEventXml.DeleteUser(host.CorpId, userId, T0.AddSeconds(1))));
        var context = new WeComEventContext("contacts", "record-0001", weComEvent) { ReceivedAt = DateTimeOffset.UtcNow };

        await host.Applier.ApplyAsync(context, CancellationToken.None);
        var first = await OpenFindingsAsync();
        var memberships = await RowCountAsync(StorageNames.GroupMembershipsTable);
        await host.Applier.ApplyAsync(context, CancellationToken.None); // the processor's retry after a crash
        var second = await OpenFindingsAsync();

        Assert.Equal(first.Keys.Order(StringComparer.Ordinal), second.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            first[$"group.owner-departed|{owned}"].GetDateTimeOffset(FindingEntityColumns.FirstSeen),
            second[$"group.owner-departed|{owned}"].GetDateTimeOffset(FindingEntityColumns.FirstSeen));
        Assert.Equal(ChangeRecheck.RunIdOf(context), second[$"group.owner-departed|{owned}"].GetString(FindingEntityColumns.FirstRunId));
        Assert.Equal(memberships, await RowCountAsync(StorageNames.GroupMembershipsTable));
    }
}
