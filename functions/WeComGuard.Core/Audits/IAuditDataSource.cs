namespace WeComGuard.Core.Audits;

/// <summary>
/// Where the audits read WeCom's data. The function app reads the directory mirror (<see cref="MirrorAuditDataSource"/>:
/// members and customer groups from the tables the sync and the callbacks keep current, the security logs live, since
/// they have no callback); <c>wecomguard audit --wecom-api</c> reads WeCom directly (<see cref="WeComAuditDataSource"/>).
/// Both build members and groups with <see cref="AuditFacts"/>, so they give the same findings on the same tenant.
/// </summary>
/// <remarks>
/// Implementations page through WeCom themselves, retry what WeCom asks to retry (-1, 45009, 45033, token expiry), and
/// throw when they cannot deliver everything: an audit that got only part of the data must not resolve findings.
/// Throwing <see cref="AuditDataIncompleteException"/> marks the run partial; any other exception fails it.
/// </remarks>
public interface IAuditDataSource
{
    /// <summary>The key the members' contact fingerprints were made with; the roster is fingerprinted with it to be matched.</summary>
    ContactFingerprinter Contacts { get; }

    /// <summary>Every member in the app's visible range, with status, position, contact fields, avatar and departments.</summary>
    IAsyncEnumerable<AuditMember> GetMembersAsync(CancellationToken cancellationToken);

    /// <summary>Every customer group chat (all statuses), with its notice (or the verdict on it) and members.</summary>
    IAsyncEnumerable<AuditGroupChat> GetGroupChatsAsync(CancellationToken cancellationToken);

    /// <summary>Member operation log records with <paramref name="since"/> &lt;= time &lt; <paramref name="until"/> (at most 7 days).</summary>
    IAsyncEnumerable<MemberOperRecord> GetMemberOperRecordsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>File operation records with <paramref name="since"/> &lt;= time &lt; <paramref name="until"/> (at most 14 days).</summary>
    IAsyncEnumerable<FileOperRecord> GetFileOperRecordsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);

    // The members below were added with the admin and handover audits. Their default answer is "not available", so a
    // source that does not read them still compiles, and the rules that need them are reported as skipped (with why).

    /// <summary>Admin operation log records with <paramref name="since"/> &lt;= time &lt; <paramref name="until"/> (any span in WeCom's last 180 days).</summary>
    IAsyncEnumerable<AdminOperRecord> GetAdminOperRecordsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
        AuditInputs.Unavailable<AdminOperRecord>("this audit data source does not read security/admin_oper_log/list");

    /// <summary>Every customer of a departed member not yet handed over (externalcontact/get_unassigned_list).</summary>
    IAsyncEnumerable<HandoverCustomer> GetHandoverCustomersAsync(CancellationToken cancellationToken) =>
        AuditInputs.Unavailable<HandoverCustomer>("this audit data source does not read externalcontact/get_unassigned_list");

    /// <summary>The members configured for customer contact (externalcontact/get_follow_user_list): they can have external contacts.</summary>
    IAsyncEnumerable<string> GetCustomerContactUserIdsAsync(CancellationToken cancellationToken) =>
        AuditInputs.Unavailable<string>("this audit data source does not read externalcontact/get_follow_user_list");

    /// <summary>Every customer group in 离职待继承 or 离职继承中 (groupchat/list status_filter 1 and 2), with owner and name.</summary>
    IAsyncEnumerable<HandoverGroupChat> GetHandoverGroupChatsAsync(CancellationToken cancellationToken) =>
        AuditInputs.Unavailable<HandoverGroupChat>("this audit data source does not read groupchat/list with status_filter 1 and 2");

    // 会话内容存档 (§4.2): internal groups and the archive's permit list. Default "not available", as above.

    /// <summary>
    /// The internal group chats among <paramref name="roomIds"/> (msgaudit/groupchat/get), as <see cref="AuditGroupChat"/>
    /// with <see cref="AuditGroupChat.IsInternal"/> set. Archiving lapsed (301052) is <see cref="AuditInputUnavailableException"/>.
    /// </summary>
    IAsyncEnumerable<AuditGroupChat> GetInternalGroupChatsAsync(IReadOnlyCollection<string> roomIds, CancellationToken cancellationToken) =>
        AuditInputs.Unavailable<AuditGroupChat>("this audit data source does not read msgaudit/groupchat/get");

    /// <summary>The userids whose chats 会话内容存档 archives (msgaudit/get_permit_user_list, every type).</summary>
    IAsyncEnumerable<string> GetArchivePermitUserIdsAsync(CancellationToken cancellationToken) =>
        AuditInputs.Unavailable<string>("this audit data source does not read msgaudit/get_permit_user_list");
}
