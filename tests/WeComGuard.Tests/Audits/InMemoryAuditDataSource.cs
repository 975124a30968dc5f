using System.Runtime.CompilerServices;
using WeComGuard.Core.Audits;

namespace WeComGuard.Tests.Audits;

/// <summary>
/// The audits' input held in memory, for tests of the audit runs themselves (the WeCom-backed source belongs to the
/// WeCom API client). <see cref="FailMembersWith"/> and friends make a read fail part-way.
/// </summary>
internal sealed class InMemoryAuditDataSource : IAuditDataSource
{
    public ContactFingerprinter Contacts => AuditTestData.Contacts;

    public List<AuditMember> Members { get; } = [];

    public List<AuditGroupChat> Groups { get; } = [];

    public List<MemberOperRecord> OperRecords { get; } = [];

    public List<FileOperRecord> FileRecords { get; } = [];

    public Exception? FailMembersWith { get; set; }

    public Exception? FailGroupsWith { get; set; }

    public List<(DateTimeOffset Since, DateTimeOffset Until)> OperLogWindows { get; } = [];

    public async IAsyncEnumerable<AuditMember> GetMembersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i < Members.Count; i++)
        {
            if (FailMembersWith is not null && i == Members.Count / 2)
            {
                throw FailMembersWith;
            }

            await Task.Yield();
            yield return Members[i];
        }
    }

    public async IAsyncEnumerable<AuditGroupChat> GetGroupChatsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i < Groups.Count; i++)
        {
            if (FailGroupsWith is not null && i == Groups.Count / 2)
            {
                throw FailGroupsWith;
            }

            await Task.Yield();
            yield return Groups[i];
        }
    }

    public async IAsyncEnumerable<MemberOperRecord> GetMemberOperRecordsAsync(
        DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        OperLogWindows.Add((since, until));
        foreach (var record in OperRecords.Where(record => record.Time >= since && record.Time < until))
        {
            await Task.Yield();
            yield return record;
        }
    }

    public async IAsyncEnumerable<FileOperRecord> GetFileOperRecordsAsync(
        DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var record in FileRecords.Where(record => record.Time >= since && record.Time < until))
        {
            await Task.Yield();
            yield return record;
        }
    }
}
