using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Core.DirectoryMirror;
using WeComGuard.Core.Storage;
using WeComGuard.Core.WeCom;
using WeComGuard.Sandbox.Callbacks;
using WeComGuard.Sandbox.Tenant;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.DirectoryMirror;

/// <summary>The directory mirror kept current by signed, encrypted callbacks from the sandbox, and the nightly full sync.</summary>
[Trait("Needs", "Azurite")]
public sealed class DirectoryMirrorTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddMinutes(-30);

    [Fact]
    public async Task Callback_sender_retries_until_accepted_like_wecom()
    {
        await using var host = await DirectoryTestHost.StartAsync(azurite);
        var userId = host.WeCom.State.Read(t => t.Members[0].UserId);

        host.Receiver.RefuseNext(2);
        var delivered = await host.Sender.SendAsync(CallbackEventXml.UpdateUser(host.CorpId, userId, T0));
        host.Receiver.RefuseNext(10);
        var abandoned = await host.Sender.SendAsync(CallbackEventXml.UpdateUser(host.CorpId, userId, T0));

        Assert.Equal(new CallbackDelivery(true, 3, 200), delivered);
        Assert.Equal(new CallbackDelivery(false, 4, 500), abandoned);
        Assert.Empty(host.Receiver.Rejections);
        Assert.Equal(userId, (await host.Store.GetMemberAsync(userId))!.UserId);
    }

    [Fact]
    public async Task Contact_callbacks_with_only_userids_are_applied_by_re_reading_wecom()
    {
        await using var host = await DirectoryTestHost.StartAsync(azurite);
        await host.Sync.SyncAsync(CancellationToken.None);
        var state = host.WeCom.State;
        var (updated, deleted) = state.Read(t => (t.Members[10].UserId, t.Members[11].UserId));

        state.Mutate(t =>
        {
            t.Members.Add(new SandboxMember { UserId = "NewHire01", Name = "新同事", Departments = [2], MainDepartment = 2, Position = "专员", Mobile = "13700001111", Email = "newhire01@example.com", Status = 4 });
            t.Members.Single(m => m.UserId == updated).Position = "总监";
            t.Members.RemoveAll(m => m.UserId == deleted);
        });
        await host.DeliverAsync(CallbackEventXml.CreateUser(host.CorpId, "NewHire01", T0.AddSeconds(1), "2"));
        await host.DeliverAsync(CallbackEventXml.UpdateUser(host.CorpId, updated, T0.AddSeconds(2)));
        await host.DeliverAsync(CallbackEventXml.UpdateUser(host.CorpId, updated, T0.AddSeconds(2))); // WeCom's retry of the same event
        await host.DeliverAsync(CallbackEventXml.DeleteUser(host.CorpId, deleted, T0.AddSeconds(3)));
        await host.DeliverAsync(CallbackEventXml.UpdateUser(host.CorpId, deleted, T0.AddSeconds(1))); // an older event arriving late

        var hire = await host.Store.GetMemberAsync("NewHire01");
        Assert.NotNull(hire);
        Assert.Equal("新同事", hire.Name);
        Assert.Equal(4, hire.Status);
        Assert.Equal("137****1111", hire.Mobile!.Masked);
        Assert.Equal("n***@example.com", hire.Email!.Masked);
        Assert.Equal(host.Store.Contacts.MobileFingerprint("+86 137 0000 1111"), hire.Mobile.Fingerprint);
        Assert.Equal(host.Store.Contacts.EmailFingerprint("NewHire01@Example.com"), hire.Email.Fingerprint);
        Assert.Equal("总监", (await host.Store.GetMemberAsync(updated))!.Position);
        var gone = await host.Store.GetMemberAsync(deleted);
        Assert.True(gone!.Removed);
        Assert.Equal(T0.AddSeconds(3).ToUnixTimeSeconds(), gone.RemovedAt!.Value.ToUnixTimeSeconds());
        Assert.False(string.IsNullOrEmpty(gone.Name)); // marked, not erased
    }

    [Fact]
    public async Task A_delete_that_arrives_before_the_create_leaves_the_member_removed_and_a_stale_delete_removes_nothing()
    {
        await using var host = await DirectoryTestHost.StartAsync(azurite);
        var kept = host.WeCom.State.Read(t => t.Members[12].UserId);

        // Created and deleted in WeCom; the deletion is delivered first.
        await host.DeliverAsync(CallbackEventXml.DeleteUser(host.CorpId, "ShortStay01", T0.AddSeconds(5)));
        await host.DeliverAsync(CallbackEventXml.CreateUser(host.CorpId, "ShortStay01", T0.AddSeconds(4)));

        // A delete for a member WeCom still has (e.g. deleted and re-created) is checked against WeCom first.
        await host.DeliverAsync(CallbackEventXml.DeleteUser(host.CorpId, kept, T0.AddSeconds(6)));

        Assert.True((await host.Store.GetMemberAsync("ShortStay01"))!.Removed);
        var member = await host.Store.GetMemberAsync(kept);
        Assert.False(member!.Removed);
    }

    [Fact]
    public async Task Renamed_userid_moves_the_member_to_the_new_key()
    {
        await using var host = await DirectoryTestHost.StartAsync(azurite);
        await host.Sync.SyncAsync(CancellationToken.None);
        var old = host.WeCom.State.Read(t => t.Members[13].UserId);
        host.WeCom.State.Mutate(t => t.Members.Single(m => m.UserId == old).UserId = "Renamed13");

        await host.DeliverAsync(CallbackEventXml.UpdateUser(host.CorpId, old, T0, newUserId: "Renamed13"));

        Assert.True((await host.Store.GetMemberAsync(old))!.Removed);
        Assert.False((await host.Store.GetMemberAsync("Renamed13"))!.Removed);
    }

    [Fact]
    public async Task Department_callbacks_are_applied()
    {
        await using var host = await DirectoryTestHost.StartAsync(azurite);
        host.WeCom.State.Mutate(t => t.Departments.Add(new SandboxDepartment { Id = 900, Name = "合规部", ParentId = 1, Order = 5 }));

        await host.DeliverAsync(CallbackEventXml.CreateParty(host.CorpId, 900, 1, T0));
        var created = await host.Store.GetDepartmentAsync(900);
        host.WeCom.State.Mutate(t => t.Departments.RemoveAll(d => d.Id == 900));
        await host.DeliverAsync(CallbackEventXml.DeleteParty(host.CorpId, 900, T0.AddSeconds(1)));
        await host.DeliverAsync(CallbackEventXml.UpdateTag(host.CorpId, 3, ["a"], [], T0.AddSeconds(2)));

        Assert.Equal("合规部", created!.Name);
        Assert.True((await host.Store.GetDepartmentAsync(900))!.Removed);
    }

    [Fact]
    public async Task Group_callbacks_notice_a_missed_event_from_member_versions_and_mark_dismissals()
    {
        await using var host = await DirectoryTestHost.StartAsync(azurite);
        await host.Sync.SyncAsync(CancellationToken.None);
        var state = host.WeCom.State;
        var (chatId, dismissedId) = state.Read(t => (t.GroupChats[8].ChatId, t.GroupChats[9].ChatId));
        var v0 = state.Read(t => t.GroupChats[8].MemberVersion);

        // Change 1 (v0 → v1): its event is lost. Change 2 (v1 → v2): delivered, twice.
        string v1 = string.Empty, v2 = string.Empty;
        state.Mutate(t =>
        {
            var chat = t.GroupChats.Single(g => g.ChatId == chatId);
            chat.Members.Add(new SandboxGroupChatMember { UserId = "wmLostEvent001", Type = 2, JoinTime = 1, JoinScene = 3 });
            v1 = chat.MemberVersion = SandboxTenant.NextMemberVersion(chatId, chat.MemberVersion);
            chat.Members.Add(new SandboxGroupChatMember { UserId = t.Members[14].UserId, Type = 1, JoinTime = 2, JoinScene = 1 });
            v2 = chat.MemberVersion = SandboxTenant.NextMemberVersion(chatId, chat.MemberVersion);
        });
        var change2 = CallbackEventXml.ExternalChatUpdate(host.CorpId, chatId, "add_member", T0.AddSeconds(2), v1, v2, [state.Read(t => t.Members[14].UserId)], scene: 0);
        await host.DeliverAsync(change2);
        await host.DeliverAsync(change2);

        var mirrored = await host.Store.GetGroupChatAsync(chatId);
        var expected = state.Read(t => t.GroupChats.Single(g => g.ChatId == chatId));
        Assert.NotEqual(v0, v2);
        Assert.Equal(v2, mirrored!.MemberVersion);
        Assert.Equal(1, mirrored.MemberVersionGaps);
        Assert.Equal(expected.Members.Where(m => m.Type == 1).Select(m => m.UserId), mirrored.InternalMembers);
        Assert.Equal(expected.Members.Count(m => m.Type == 2), mirrored.ExternalMemberFingerprints.Count);
        Assert.DoesNotContain("wmLostEvent001", mirrored.ExternalMemberFingerprints);

        // The lost event turns up late: it is older than what the mirror holds, so it is no new gap.
        await host.DeliverAsync(CallbackEventXml.ExternalChatUpdate(host.CorpId, chatId, "add_member", T0.AddSeconds(1), v0, v1, ["wmLostEvent001"], scene: 3));
        Assert.Equal(1, (await host.Store.GetGroupChatAsync(chatId))!.MemberVersionGaps);

        state.Mutate(t => t.GroupChats.RemoveAll(g => g.ChatId == dismissedId));
        await host.DeliverAsync(CallbackEventXml.ExternalChatDismiss(host.CorpId, dismissedId, T0.AddSeconds(3)));
        await host.DeliverAsync(CallbackEventXml.ExternalChatUpdate(host.CorpId, dismissedId, "change_name", T0.AddSeconds(2)));
        var dismissed = await host.Store.GetGroupChatAsync(dismissedId);
        Assert.True(dismissed!.Dismissed);
        Assert.Equal(T0.AddSeconds(3).ToUnixTimeSeconds(), dismissed.DismissedAt!.Value.ToUnixTimeSeconds());
        Assert.False(dismissed.Removed);
    }

    [Fact]
    public async Task New_group_callback_adds_the_group()
    {
        await using var host = await DirectoryTestHost.StartAsync(azurite);
        var owner = host.WeCom.State.Read(t => t.Members[15].UserId);
        host.WeCom.State.Mutate(t => t.GroupChats.Add(new SandboxGroupChat { ChatId = "wrBrandNew", Name = string.Empty, Owner = owner, CreateTime = T0.ToUnixTimeSeconds(), Members = [new SandboxGroupChatMember { UserId = owner, Type = 1 }], MemberVersion = "v1" }));

        await host.DeliverAsync(CallbackEventXml.ExternalChatCreate(host.CorpId, "wrBrandNew", T0));

        var chat = await host.Store.GetGroupChatAsync("wrBrandNew");
        Assert.Equal(owner, chat!.Owner);
        Assert.Equal(string.Empty, chat.Name);
        Assert.Equal(0, chat.MemberVersionGaps);
    }

    [Fact]
    public async Task Full_sync_mirrors_the_tenant_and_stores_no_raw_contact_details()
    {
        var tenant = WeCom.WeComClientHost.SmallTenant();
        await using var host = await DirectoryTestHost.StartAsync(azurite, tenant);

        var run = await host.Sync.SyncAsync(CancellationToken.None);

        Assert.Equal(DirectorySyncStatus.Succeeded, run.Status);
        Assert.Equal(tenant.Members.Count, run.Members);
        Assert.Equal(tenant.Departments.Count, run.Departments);
        Assert.Equal(tenant.GroupChats.Count, run.GroupChats);
        Assert.Equal(0, run.MarkedRemoved);
        var members = await host.Store.ListMembersAsync().ToListAsync();
        Assert.Equal(tenant.Members.Select(m => m.UserId).Order(), members.Select(m => m.UserId).Order());
        var planted = tenant.Members[2];
        Assert.Equal(planted.Position, members.Single(m => m.UserId == planted.UserId).Position);
        Assert.Equal(Core.Audits.AvatarState.Empty, members.Single(m => m.UserId == tenant.Members[3].UserId).Avatar);
        var noticeGroup = (await host.Store.GetGroupChatAsync(tenant.GroupChats[7].ChatId))!;
        Assert.True(noticeGroup.HasNotice);
        Assert.True(noticeGroup.NoticeVerdict.Inspected);
        Assert.NotNull(noticeGroup.NoticeVerdict.Detection); // the verdict is kept, the notice text is not
        Assert.Equal(1, (await host.Store.GetGroupChatAsync(tenant.GroupChats[2].ChatId))!.Status);

        var raw = new List<string>();
        foreach (var table in new[] { StorageNames.MembersTable, StorageNames.GroupChatsTable })
        {
            await foreach (var e in azurite.Clients.Table(table).QueryAsync<TableEntity>())
            {
                raw.AddRange(e.Select(p => p.Value).Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
            }
        }

        var all = string.Join('\n', raw);
        Assert.DoesNotContain(tenant.Members[20].Mobile, all, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.Members[20].Email, all, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", all, StringComparison.Ordinal); // the sensitive notice
        Assert.DoesNotContain("11010519491231002X", all, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.GroupChats[0].Members.First(m => m.Type == 2).UserId, all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_after_drift_fixes_changes_and_marks_what_wecom_no_longer_has()
    {
        await using var host = await DirectoryTestHost.StartAsync(azurite);
        await host.Sync.SyncAsync(CancellationToken.None);
        var state = host.WeCom.State;
        var (renamed, left, droppedGroup) = state.Read(t => (t.Members[16].UserId, t.Members[17].UserId, t.GroupChats[10].ChatId));

        // Changes whose callbacks never arrived.
        state.Mutate(t =>
        {
            t.Members.Single(m => m.UserId == renamed).Name = "改名了";
            t.Members.RemoveAll(m => m.UserId == left);
            t.GroupChats.RemoveAll(g => g.ChatId == droppedGroup);
            t.Members.Add(new SandboxMember { UserId = "Drifted01", Name = "漂移", Departments = [2], MainDepartment = 2, Status = 1 });
        });
        var run = await host.Sync.SyncAsync(CancellationToken.None);
        var again = await host.Sync.SyncAsync(CancellationToken.None);

        Assert.Equal(DirectorySyncStatus.Succeeded, run.Status);
        Assert.Equal(2, run.MarkedRemoved);
        Assert.Equal("改名了", (await host.Store.GetMemberAsync(renamed))!.Name);
        Assert.True((await host.Store.GetMemberAsync(left))!.Removed);
        Assert.True((await host.Store.GetGroupChatAsync(droppedGroup))!.Removed);
        Assert.False((await host.Store.GetMemberAsync("Drifted01"))!.Removed);
        Assert.Equal(0, again.Written);
        Assert.Equal(0, again.MarkedRemoved);
        var runs = await host.SyncRuns.ListAsync().ToListAsync();
        Assert.Equal(3, runs.Count);
        Assert.Equal(again.RunId, runs[0].RunId); // newest first
    }

    [Theory]
    [InlineData("externalcontact/groupchat/get")]
    [InlineData("user/list")]
    public async Task A_sync_that_fails_part_way_is_recorded_failed_and_marks_nothing_removed(string failingApi)
    {
        await using var host = await DirectoryTestHost.StartAsync(azurite);
        await host.Sync.SyncAsync(CancellationToken.None);
        var state = host.WeCom.State;
        var (left, droppedGroup) = state.Read(t => (t.Members[18].UserId, t.GroupChats[11].ChatId));
        state.Mutate(t =>
        {
            t.Members.RemoveAll(m => m.UserId == left);
            t.GroupChats.RemoveAll(g => g.ChatId == droppedGroup);
        });
        state.Faults.FailNext(failingApi, 60011);

        var error = await Assert.ThrowsAsync<WeComApiException>(() => host.Sync.SyncAsync(CancellationToken.None));

        Assert.Equal(60011, error.ErrorCode);
        var failed = (await host.SyncRuns.ListAsync().ToListAsync())[0];
        Assert.Equal(DirectorySyncStatus.Failed, failed.Status);
        Assert.Contains("60011", failed.Error, StringComparison.Ordinal);
        Assert.NotNull(failed.FinishedAt);
        Assert.Equal(0, failed.MarkedRemoved);
        Assert.False((await host.Store.GetMemberAsync(left))!.Removed);
        Assert.DoesNotContain(await host.Store.ListGroupChatsAsync().ToListAsync(), g => g.Removed);

        var recovered = await host.Sync.SyncAsync(CancellationToken.None);
        Assert.Equal(2, recovered.MarkedRemoved);
        Assert.True((await host.Store.GetMemberAsync(left))!.Removed);
        Assert.True((await host.Store.GetGroupChatAsync(droppedGroup))!.Removed);
    }

    [Fact]
    public void WeCom_guard_registers_the_mirror_applier_and_the_sync_job()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageNames.ConnectionSetting] = azurite.ConnectionString })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        Core.Hosting.WeComGuardServiceCollectionExtensions.AddWeComGuard(services, configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Contains(provider.GetServices<Core.Events.IWeComEventApplier>(), a => a is DirectoryMirrorApplier);
        var job = Assert.Single(provider.GetServices<Core.Hosting.IScheduledJob>(), j => j.Name == "SyncDirectory");
        Assert.Equal(Core.Hosting.SettingNames.DirectorySyncSchedule, job.ScheduleSetting);
        Assert.Single(services, d => d.ServiceType == typeof(WeComApiClient));
        Assert.IsType<Core.Notifications.WeComSecurityTeamNotifier>(provider.GetRequiredService<Core.Notifications.ISecurityTeamNotifier>());
    }

    [Fact]
    public void Row_keys_escape_characters_azure_tables_forbids()
    {
        Assert.Equal("a%2Fb%23c%3F%5C%25", DirectoryKeys.RowKey("a/b#c?\\%"));
        Assert.Equal("ZhangWei000001", DirectoryKeys.RowKey("ZhangWei000001"));
    }
}
