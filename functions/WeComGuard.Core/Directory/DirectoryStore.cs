using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Rules;
using WeComGuard.Core.Storage;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Core.DirectoryMirror;

/// <summary>
/// The directory mirror in Table Storage: <c>Members</c>, <c>Departments</c> and <c>GroupChats</c> (sync runs are in
/// <see cref="DirectorySyncRunStore"/>). Writes merge, so a row marked removed keeps its last known content. Members'
/// contacts are stored masked and fingerprinted; a group's members also go into <see cref="GroupMembershipIndex"/>, and
/// its notice is inspected as the group is written (only the verdict is kept).
/// </summary>
public sealed class DirectoryStore
{
    private readonly StorageClients _storage;
    private readonly TimeProvider _timeProvider;
    private readonly IGroupNoticeInspector _noticeInspector;

    public DirectoryStore(
        StorageClients storage, TimeProvider timeProvider, ContactFingerprinter contacts, IGroupNoticeInspector noticeInspector, GroupMembershipIndex memberships)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(contacts);
        ArgumentNullException.ThrowIfNull(noticeInspector);
        ArgumentNullException.ThrowIfNull(memberships);
        _storage = storage;
        _timeProvider = timeProvider;
        Contacts = contacts;
        _noticeInspector = noticeInspector;
        Memberships = memberships;
    }

    /// <summary>Which groups each member is in, written with every group write.</summary>
    public GroupMembershipIndex Memberships { get; }

    /// <summary>The key the stored contact fingerprints are made with.</summary>
    public ContactFingerprinter Contacts { get; }

    internal TableClient Members => _storage.Table(StorageNames.MembersTable);

    internal TableClient Departments => _storage.Table(StorageNames.DepartmentsTable);

    internal TableClient GroupChats => _storage.Table(StorageNames.GroupChatsTable);

    /// <summary>
    /// The same table for bulk work off the callback path, with the bulk timeouts (<see cref="StorageClients.BulkTables"/>):
    /// the sync's batch writes and the audits' reads of whole partitions.
    /// </summary>
    internal TableClient ForBulkWrites(TableClient table) => _storage.BulkTable(table.Name);

    internal DateTimeOffset Now => _timeProvider.GetUtcNow();

    public Task UpsertMemberAsync(WeComMember member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        return Members.UpsertEntityAsync(MemberEntity(member), TableUpdateMode.Merge, cancellationToken);
    }

    public Task MarkMemberRemovedAsync(string userId, DateTimeOffset removedAt, CancellationToken cancellationToken = default)
    {
        var marker = DirectoryEntities.RemovedMarker(DirectoryKeys.MemberPartition, DirectoryKeys.RowKey(userId), removedAt, Now);
        marker["UserId"] = userId;
        return Members.UpsertEntityAsync(marker, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<MirroredMember?> GetMemberAsync(string userId, CancellationToken cancellationToken = default)
    {
        var found = await Members.GetEntityIfExistsAsync<TableEntity>(DirectoryKeys.MemberPartition, DirectoryKeys.RowKey(userId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? DirectoryEntities.ToMember(found.Value!) : null;
    }

    public IAsyncEnumerable<MirroredMember> ListMembersAsync(CancellationToken cancellationToken = default) =>
        ListAsync(ForBulkWrites(Members), DirectoryKeys.MemberPartition, DirectoryEntities.ToMember, cancellationToken);

    public Task UpsertDepartmentAsync(WeComDepartment department, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(department);
        return Departments.UpsertEntityAsync(DirectoryEntities.Department(department, Now), TableUpdateMode.Merge, cancellationToken);
    }

    public Task MarkDepartmentRemovedAsync(int id, DateTimeOffset removedAt, CancellationToken cancellationToken = default)
    {
        var marker = DirectoryEntities.RemovedMarker(DirectoryKeys.DepartmentPartition, DirectoryKeys.RowKey(id), removedAt, Now);
        marker["DepartmentId"] = id;
        return Departments.UpsertEntityAsync(marker, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<MirroredDepartment?> GetDepartmentAsync(int id, CancellationToken cancellationToken = default)
    {
        var found = await Departments.GetEntityIfExistsAsync<TableEntity>(DirectoryKeys.DepartmentPartition, DirectoryKeys.RowKey(id), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? DirectoryEntities.ToDepartment(found.Value!) : null;
    }

    public IAsyncEnumerable<MirroredDepartment> ListDepartmentsAsync(CancellationToken cancellationToken = default) =>
        ListAsync(ForBulkWrites(Departments), DirectoryKeys.DepartmentPartition, DirectoryEntities.ToDepartment, cancellationToken);

    /// <summary>
    /// Stores a group as WeCom returned it, and its members in the membership index (<paramref name="previous"/> is the
    /// group's row before, to drop the members who left); <paramref name="status"/> (from groupchat/list) and the gap
    /// count are kept when null.
    /// </summary>
    public async Task UpsertGroupChatAsync(
        WeComGroupChat chat, int? status, int? memberVersionGaps, MirroredGroupChat? previous, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var entity = await GroupChatEntityAsync(chat, status, memberVersionGaps, cancellationToken).ConfigureAwait(false);
        var (internalMembers, externalMembers) = DirectoryEntities.MemberKeys(chat, Contacts);
        await Memberships.UpdateAsync(chat.ChatId, previous?.MemberKeys ?? [], internalMembers.Concat(externalMembers), cancellationToken).ConfigureAwait(false);
        await GroupChats.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    internal TableEntity MemberEntity(WeComMember member) => DirectoryEntities.Member(member, Contacts, Now);

    internal async Task<TableEntity> GroupChatEntityAsync(WeComGroupChat chat, int? status, int? memberVersionGaps, CancellationToken cancellationToken)
    {
        var notice = string.IsNullOrWhiteSpace(chat.Notice)
            ? GroupNoticeVerdict.Clean
            : new GroupNoticeVerdict(true, await _noticeInspector.InspectAsync(chat.Notice, cancellationToken).ConfigureAwait(false));
        return DirectoryEntities.GroupChat(chat, notice, Contacts, status, memberVersionGaps, Now);
    }

    public async Task MarkGroupChatDismissedAsync(string chatId, DateTimeOffset dismissedAt, CancellationToken cancellationToken = default)
    {
        await LeaveIndexAsync(chatId, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(DirectoryKeys.GroupChatPartition, DirectoryKeys.RowKey(chatId))
        {
            ["ChatId"] = chatId,
            ["Dismissed"] = true,
            ["DismissedAt"] = dismissedAt,
            [DirectoryEntities.UpdatedAt] = Now,
            [DirectoryEntities.ContentHash] = "dismissed",
        };
        await GroupChats.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    public async Task MarkGroupChatRemovedAsync(string chatId, DateTimeOffset removedAt, CancellationToken cancellationToken = default)
    {
        await LeaveIndexAsync(chatId, cancellationToken).ConfigureAwait(false);
        var marker = DirectoryEntities.RemovedMarker(DirectoryKeys.GroupChatPartition, DirectoryKeys.RowKey(chatId), removedAt, Now);
        marker["ChatId"] = chatId;
        await GroupChats.UpsertEntityAsync(marker, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    // A dismissed or removed group's row keeps its last members; the index stops listing it under them.
    private async Task LeaveIndexAsync(string chatId, CancellationToken cancellationToken)
    {
        if (await GetGroupChatAsync(chatId, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            await Memberships.UpdateAsync(chatId, stored.MemberKeys, [], cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<MirroredGroupChat?> GetGroupChatAsync(string chatId, CancellationToken cancellationToken = default)
    {
        var found = await GroupChats.GetEntityIfExistsAsync<TableEntity>(DirectoryKeys.GroupChatPartition, DirectoryKeys.RowKey(chatId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? DirectoryEntities.ToGroupChat(found.Value!) : null;
    }

    public IAsyncEnumerable<MirroredGroupChat> ListGroupChatsAsync(CancellationToken cancellationToken = default) =>
        ListAsync(ForBulkWrites(GroupChats), DirectoryKeys.GroupChatPartition, DirectoryEntities.ToGroupChat, cancellationToken);

    /// <summary>Row key → (content hash, removed) for every row of a directory table, for the sync's comparison.</summary>
    internal static async Task<Dictionary<string, (string? Hash, bool Removed)>> LoadIndexAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var index = new Dictionary<string, (string?, bool)>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey", DirectoryEntities.ContentHash, DirectoryEntities.Removed], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            index[e.RowKey] = (e.GetString(DirectoryEntities.ContentHash), e.GetBoolean(DirectoryEntities.Removed) ?? false);
        }

        return index;
    }

    private static async IAsyncEnumerable<T> ListAsync<T>(TableClient table, string partition, Func<TableEntity, T> map, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return map(e);
        }
    }
}
