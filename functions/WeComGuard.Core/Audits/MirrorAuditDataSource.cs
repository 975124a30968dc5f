using System.Runtime.CompilerServices;
using WeComGuard.Core.DirectoryMirror;

namespace WeComGuard.Core.Audits;

/// <summary>
/// The function app's audit input: members and customer groups from the directory mirror (tables <c>Members</c> and
/// <c>GroupChats</c>, kept current by callbacks and reconciled by <c>SyncDirectory</c> before the nightly audits run),
/// and what has no callback read live from WeCom: the security logs and the handover lists. Removed members and removed
/// or dismissed groups are not part of the directory any more.
/// </summary>
public sealed class MirrorAuditDataSource : IAuditDataSource
{
    private readonly DirectoryStore _store;
    private readonly WeComAuditDataSource _live;

    public MirrorAuditDataSource(DirectoryStore store, WeComAuditDataSource live)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(live);
        _store = store;
        _live = live;
    }

    public ContactFingerprinter Contacts => _store.Contacts;

    public async IAsyncEnumerable<AuditMember> GetMembersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var member in _store.ListMembersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!member.Removed)
            {
                yield return member.ToAuditMember();
            }
        }
    }

    public async IAsyncEnumerable<AuditGroupChat> GetGroupChatsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var chat in _store.ListGroupChatsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!chat.Removed && !chat.Dismissed)
            {
                yield return chat.ToAuditGroupChat();
            }
        }
    }

    public IAsyncEnumerable<MemberOperRecord> GetMemberOperRecordsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
        _live.GetMemberOperRecordsAsync(since, until, cancellationToken);

    public IAsyncEnumerable<FileOperRecord> GetFileOperRecordsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
        _live.GetFileOperRecordsAsync(since, until, cancellationToken);

    public IAsyncEnumerable<AdminOperRecord> GetAdminOperRecordsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
        _live.GetAdminOperRecordsAsync(since, until, cancellationToken);

    public IAsyncEnumerable<HandoverCustomer> GetHandoverCustomersAsync(CancellationToken cancellationToken) =>
        _live.GetHandoverCustomersAsync(cancellationToken);

    // Being configured for customer contact has no callback: read live, as the permit list is.
    public IAsyncEnumerable<string> GetCustomerContactUserIdsAsync(CancellationToken cancellationToken) =>
        _live.GetCustomerContactUserIdsAsync(cancellationToken);

    public IAsyncEnumerable<HandoverGroupChat> GetHandoverGroupChatsAsync(CancellationToken cancellationToken) =>
        _live.GetHandoverGroupChatsAsync(cancellationToken);

    // Internal groups have no callbacks and are not mirrored: read through 会话内容存档 at audit time.
    public IAsyncEnumerable<AuditGroupChat> GetInternalGroupChatsAsync(IReadOnlyCollection<string> roomIds, CancellationToken cancellationToken) =>
        _live.GetInternalGroupChatsAsync(roomIds, cancellationToken);

    public IAsyncEnumerable<string> GetArchivePermitUserIdsAsync(CancellationToken cancellationToken) =>
        _live.GetArchivePermitUserIdsAsync(cancellationToken);
}
