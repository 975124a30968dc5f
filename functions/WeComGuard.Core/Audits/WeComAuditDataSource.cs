using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Core.Audits;

/// <summary>
/// The audits' view of WeCom, read live through the WeCom API client: members per department (department/simplelist +
/// user/list, which needs far fewer calls than user/get per member), customer groups (groupchat/list with every status +
/// groupchat/get), and the security logs. The client retries what WeCom asks to retry; a listing that stops making
/// progress (<see cref="WeComPagingException"/>) makes the run partial, and anything else it cannot deliver fails the
/// run; either way the run resolves nothing. The app lacking 安全管理 access (48002) is reported as
/// <see cref="AuditInputUnavailableException"/>, so that the rules needing the security logs are named as skipped.
/// </summary>
public sealed class WeComAuditDataSource : IAuditDataSource
{
    private const int Parallelism = 16;
    private readonly WeComApiClient _client;

    /// <param name="client">The WeCom API client.</param>
    /// <param name="contacts">The fingerprint key for members' contacts; a live audit stores none, so any key will do.</param>
    public WeComAuditDataSource(WeComApiClient client, ContactFingerprinter contacts)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(contacts);
        _client = client;
        Contacts = contacts;
    }

    public ContactFingerprinter Contacts { get; }

    public async IAsyncEnumerable<AuditMember> GetMembersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var departments = await _client.ListDepartmentIdsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var members = new ConcurrentDictionary<string, (WeComMember Member, ConcurrentBag<long> Departments)>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(departments, Options(cancellationToken), async (department, ct) =>
        {
            foreach (var member in await _client.ListMembersAsync(department.Id, ct).ConfigureAwait(false))
            {
                var entry = members.GetOrAdd(member.UserId, _ => (member, []));
                entry.Departments.Add(department.Id);
            }
        }).ConfigureAwait(false);

        foreach (var (member, seenIn) in members.Values.OrderBy(m => m.Member.UserId, StringComparer.Ordinal))
        {
            var departmentIds = member.Department.Count > 0 ? member.Department.Select(d => (long)d).ToArray() : seenIn.Distinct().Order().ToArray();
            yield return AuditFacts.Member(member, departmentIds, Contacts);
        }
    }

    public async IAsyncEnumerable<AuditGroupChat> GetGroupChatsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var refs = new List<WeComGroupChatRef>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        WeComPagingException? stopped = null;
        try
        {
            await foreach (var chat in _client.ListGroupChatsAsync(WeComGroupChatStatusFilter.All, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (seen.Add(chat.ChatId))
                {
                    refs.Add(chat);
                }
            }
        }
        catch (WeComPagingException error)
        {
            // The groups listed so far are still checked; the run is partial and resolves nothing.
            stopped = error;
        }

        var chats = new ConcurrentBag<AuditGroupChat>();
        await Parallel.ForEachAsync(refs, Options(cancellationToken), async (chatRef, ct) =>
        {
            var chat = await _client.GetGroupChatAsync(chatRef.ChatId, cancellationToken: ct).ConfigureAwait(false);
            chats.Add(AuditFacts.GroupChat(chat));
        }).ConfigureAwait(false);

        foreach (var chat in chats.OrderBy(c => c.ChatId, StringComparer.Ordinal))
        {
            yield return chat;
        }

        if (stopped is not null)
        {
            throw new AuditDataIncompleteException($"only {refs.Count} group chat(s) were listed: {stopped.Message}", stopped);
        }
    }

    public async IAsyncEnumerable<MemberOperRecord> GetMemberOperRecordsAsync(DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in Guard(_client.ListMemberOperLogsAsync(since, until, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            yield return new MemberOperRecord(DateTimeOffset.FromUnixTimeSeconds(record.Time), record.UserId, record.OperType);
        }
    }

    public async IAsyncEnumerable<FileOperRecord> GetFileOperRecordsAsync(DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in Guard(_client.ListFileOperRecordsAsync(since, until, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            yield return new FileOperRecord(
                DateTimeOffset.FromUnixTimeSeconds(record.Time),
                AuditFacts.EmptyAsNull(record.UserId),
                record.ExternalUser is { } external ? new FileOperExternalUser(external.Type, external.Name ?? string.Empty, external.CorpName) : null,
                record.Operation.Type,
                (record.FileMd5 ?? string.Empty).ToLowerInvariant(),
                record.FileInfo);
        }
    }

    public async IAsyncEnumerable<AdminOperRecord> GetAdminOperRecordsAsync(DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in Guard(_client.ListAdminOperLogsAsync(since, until, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            var time = DateTimeOffset.FromUnixTimeSeconds(record.Time);
            if (time >= since && time < until)
            {
                yield return new AdminOperRecord(time, record.UserId, record.OperType, record.DetailType, record.DetailInfo ?? string.Empty);
            }
        }
    }

    public async IAsyncEnumerable<HandoverCustomer> GetHandoverCustomersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var customer in Guard(_client.ListUnassignedCustomersAsync(cancellationToken: cancellationToken), cancellationToken, CustomerContactForbidden).ConfigureAwait(false))
        {
            yield return new HandoverCustomer(customer.HandoverUserId, customer.ExternalUserId, DateTimeOffset.FromUnixTimeSeconds(customer.DimissionTime));
        }
    }

    public async IAsyncEnumerable<string> GetCustomerContactUserIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IReadOnlyList<string> ids;
        try
        {
            ids = await _client.ListFollowUsersAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (WeComApiException error) when (error.ErrorCode == WeComErrorCodes.ApiForbidden)
        {
            throw new AuditInputUnavailableException(CustomerContactForbidden(error), error);
        }
        catch (WeComApiException error)
        {
            // The client has retried what can be retried: the list is not known in full this run.
            throw new AuditDataIncompleteException($"WeCom answered {error.ApiPath} with errcode {error.ErrorCode}.", error);
        }

        foreach (var id in ids)
        {
            yield return id;
        }
    }

    public async IAsyncEnumerable<HandoverGroupChat> GetHandoverGroupChatsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var refs = new List<WeComGroupChatRef>();
        foreach (var status in new[] { WeComGroupChatStatusFilter.OwnerResigned, WeComGroupChatStatusFilter.Inheriting })
        {
            await foreach (var chat in Guard(_client.ListGroupChatsAsync(status, cancellationToken: cancellationToken), cancellationToken, CustomerContactForbidden).ConfigureAwait(false))
            {
                refs.Add(chat);
            }
        }

        var chats = new ConcurrentBag<HandoverGroupChat>();
        await Parallel.ForEachAsync(refs.DistinctBy(chat => chat.ChatId), Options(cancellationToken), async (chatRef, ct) =>
        {
            var chat = await _client.GetGroupChatAsync(chatRef.ChatId, cancellationToken: ct).ConfigureAwait(false);
            chats.Add(new HandoverGroupChat(chat.ChatId, chatRef.Status, chat.Owner, AuditFacts.EmptyAsNull(chat.Name)));
        }).ConfigureAwait(false);
        foreach (var chat in chats.OrderBy(c => c.ChatId, StringComparer.Ordinal))
        {
            yield return chat;
        }
    }

    public async IAsyncEnumerable<AuditGroupChat> GetInternalGroupChatsAsync(
        IReadOnlyCollection<string> roomIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roomIds);
        var rooms = new ConcurrentBag<AuditGroupChat>();
        try
        {
            await Parallel.ForEachAsync(roomIds.Distinct(StringComparer.Ordinal), Options(cancellationToken), async (roomId, ct) =>
            {
                var room = await _client.GetArchiveRoomAsync(roomId, ct).ConfigureAwait(false);
                rooms.Add(new AuditGroupChat(
                    room.RoomId,
                    AuditFacts.EmptyAsNull(room.RoomName),
                    room.Creator,
                    AuditFacts.EmptyAsNull(room.Notice),
                    room.Members.Select(m => new AuditGroupMember(m.MemberId, AuditGroupMember.TypeInternal)).ToArray(),
                    IsInternal: true));
            }).ConfigureAwait(false);
        }
        catch (WeComApiException error) when (error.ErrorCode is WeComErrorCodes.ArchiveLapsed or WeComErrorCodes.ApiForbidden)
        {
            throw new AuditInputUnavailableException(ArchiveRefused(error), error);
        }

        foreach (var room in rooms.OrderBy(r => r.ChatId, StringComparer.Ordinal))
        {
            yield return room;
        }
    }

    public async IAsyncEnumerable<string> GetArchivePermitUserIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IReadOnlyList<string> ids;
        try
        {
            ids = await _client.ListArchivePermitUsersAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (WeComApiException error) when (error.ErrorCode is WeComErrorCodes.ArchiveLapsed or WeComErrorCodes.ApiForbidden)
        {
            throw new AuditInputUnavailableException(ArchiveRefused(error), error);
        }

        foreach (var id in ids)
        {
            yield return id;
        }
    }

    private static string ArchiveRefused(WeComApiException error) => error.ErrorCode == WeComErrorCodes.ArchiveLapsed
        ? $"WeCom answered {error.ApiPath} with errcode 301052: 会话内容存档 has lapsed, so internal groups and the permit list cannot be read."
        : $"WeCom refused {error.ApiPath} with errcode 48002: set WeCom__ArchiveSecret to the 会话内容存档 secret.";

    private static string CustomerContactForbidden(WeComApiException error) =>
        $"WeCom refused {error.ApiPath} with errcode 48002: the app is not in 客户联系's 可调用接口的应用 (or set WeCom__CustomerContactSecret to the secret of one that is).";

    // A listing that stops making progress is incomplete data; a security API the app may not call is a missing input.
    private static async IAsyncEnumerable<T> Guard<T>(
        IAsyncEnumerable<T> records, [EnumeratorCancellation] CancellationToken cancellationToken, Func<WeComApiException, string>? forbidden = null)
    {
        var enumerator = records.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (WeComPagingException error)
                {
                    throw new AuditDataIncompleteException(error.Message, error);
                }
                catch (WeComApiException error) when (error.ErrorCode == WeComErrorCodes.ApiForbidden)
                {
                    throw new AuditInputUnavailableException(
                        forbidden?.Invoke(error)
                            ?? $"WeCom refused {error.ApiPath} with errcode 48002: the app is not in 安全管理's 可调用接口的应用 (or set WeCom__SecuritySecret to the secret of one that is).",
                        error);
                }

                yield return enumerator.Current;
            }
        }
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
}
