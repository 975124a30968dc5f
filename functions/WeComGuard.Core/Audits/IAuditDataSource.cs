namespace WeComGuard.Core.Audits;

/// <summary>
/// Where the audits read WeCom's data. The WeCom API client supplies the production implementation (members from
/// user/list_id + user/get, groups from groupchat/list with status_filter 0 + groupchat/get, security/member_oper_log/list,
/// security/get_file_oper_record); the audits depend on nothing else of it.
/// </summary>
/// <remarks>
/// Implementations page through WeCom themselves, retry what WeCom asks to retry (-1, 45009, 45033, token expiry), and
/// throw when they cannot deliver everything: an audit that got only part of the data must not resolve findings.
/// Throwing <see cref="AuditDataIncompleteException"/> marks the run partial; any other exception fails it.
/// </remarks>
public interface IAuditDataSource
{
    /// <summary>Every member in the app's visible range, with status, position, contact fields, avatar and departments.</summary>
    IAsyncEnumerable<AuditMember> GetMembersAsync(CancellationToken cancellationToken);

    /// <summary>Every customer group chat (all statuses), with its notice and members.</summary>
    IAsyncEnumerable<AuditGroupChat> GetGroupChatsAsync(CancellationToken cancellationToken);

    /// <summary>Member operation log records with <paramref name="since"/> &lt;= time &lt; <paramref name="until"/> (at most 7 days).</summary>
    IAsyncEnumerable<MemberOperRecord> GetMemberOperRecordsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>File operation records with <paramref name="since"/> &lt;= time &lt; <paramref name="until"/> (at most 14 days).</summary>
    IAsyncEnumerable<FileOperRecord> GetFileOperRecordsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);
}
