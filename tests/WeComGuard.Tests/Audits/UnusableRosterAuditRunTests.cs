using System.Text;
using Azure.Data.Tables;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Audits.Runs;
using WeComGuard.Core.Storage;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Audits;

/// <summary>An account audit over a roster file that cannot be trusted: a partial run that names the reason and resolves nothing.</summary>
[Trait("Needs", "Azurite")]
public sealed class UnusableRosterAuditRunTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset T = new(2026, 11, 28, 18, 0, 0, TimeSpan.Zero);

    private const string Roster = """
        employee_id,name,userid,mobile,email,department,position,status,hire_date,termination_date
        E1,张三,zhangsan,13800000001,,销售部,销售经理,active,2020-01-01,
        """;

    public static TheoryData<string, string> UnusableFiles()
    {
        var data = new TheoryData<string, string>
        {
            { "invalid text", "not valid text in UTF-8, UTF-16 or GB18030" },
        };
        foreach (var damage in HandMadeXlsx.Damaged.Keys)
        {
            data.Add("xlsx: " + damage, "not a readable XLSX workbook");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UnusableFiles))]
    public async Task An_unusable_roster_makes_the_account_run_partial_with_the_reason_and_resolves_nothing(string file, string reason)
    {
        var harness = new AuditHarness(storage.Clients, T);
        await harness.UploadRosterFileAsync(BlobRosterSource.CsvBlobName, Encoding.UTF8.GetBytes(Roster));
        harness.Source.Members.Add(new AuditMember("zhangsan", "张三", "销售经理", null, null, 1, AvatarState.Present, [2]));
        harness.Source.Members.Add(new AuditMember("stranger", "陌生人", "工程师", null, null, 1, AvatarState.Present, [2]));
        var audit = harness.Get<AccountAudit>();
        var first = await audit.RunAuditAsync(CancellationToken.None);
        Assert.Equal(AuditRunStatus.Succeeded, first.Status);
        Assert.Equal("open", await StatusAsync("account.not-in-roster", "stranger"));

        // The stranger left, but the roster can no longer be read: the not-in-roster finding must stay open.
        harness.Source.Members.RemoveAll(member => member.UserId == "stranger");
        if (file == "invalid text")
        {
            await harness.UploadRosterFileAsync(BlobRosterSource.CsvBlobName, [.. Encoding.ASCII.GetBytes(Roster.Replace("张三", "\u0001", StringComparison.Ordinal)).Select(b => b == 1 ? (byte)0x80 : b), 0xFF]);
        }
        else
        {
            await harness.UploadRosterFileAsync(BlobRosterSource.XlsxBlobName, HandMadeXlsx.Damaged[file["xlsx: ".Length..]]());
        }

        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var partial = await audit.RunAuditAsync(CancellationToken.None);

        Assert.Equal(AuditRunStatus.Partial, partial.Status);
        Assert.Contains("the HR roster is unusable", partial.Error, StringComparison.Ordinal);
        Assert.Contains(reason, partial.Error, StringComparison.Ordinal);
        Assert.Equal(0, partial.ResolvedCount);
        Assert.Equal("open", await StatusAsync("account.not-in-roster", "stranger"));
        var run = await harness.Get<AuditRunStore>().GetAsync(AuditNames.Accounts, partial.RunId, CancellationToken.None);
        Assert.Equal(AuditRunStatus.Partial, run!.Status);
    }

    private async Task<string?> StatusAsync(string rule, string subject)
    {
        await foreach (var row in storage.Clients.Table(StorageNames.FindingsTable).QueryAsync<TableEntity>(row => row.PartitionKey == rule))
        {
            if (row.GetString("Subject") == subject)
            {
                return row.GetString("Status");
            }
        }

        return null;
    }
}
