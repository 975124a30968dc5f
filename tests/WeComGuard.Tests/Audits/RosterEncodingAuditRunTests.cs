using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Roster;
using WeComGuard.Core.Audits.Runs;
using WeComGuard.Core.Storage;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Audits;

/// <summary>
/// The account audit over a roster "CSV" as Chinese Excel saves it (GB18030): the names read as written, so no member's
/// name differs from the roster; a file that is not text in any encoding is a partial run, never names full of U+FFFD.
/// </summary>
[Trait("Needs", "Azurite")]
public sealed class RosterEncodingAuditRunTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset T = new(2026, 11, 28, 18, 0, 0, TimeSpan.Zero);

    private static readonly string[] Names =
    [
        "张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄晓明", "周杰", "吴秀英", "徐丽", "孙强", "马超", "朱婷", "胡军", "郭靖", "欧阳娜娜",
    ];

    private static string Roster()
    {
        var csv = new StringBuilder("employee_id,name,userid,mobile,email,department,position,status,hire_date,termination_date\r\n");
        for (var i = 0; i < Names.Length; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"E{i},{Names[i]},user{i},,,销售部,销售经理,active,2020-01-01,\r\n");
        }

        return csv.ToString();
    }

    private AuditHarness HarnessWithMembers()
    {
        var harness = new AuditHarness(storage.Clients, T);
        for (var i = 0; i < Names.Length; i++)
        {
            harness.Source.Members.Add(new AuditMember($"user{i}", Names[i], "销售经理", null, null, AuditMember.StatusActivated, AvatarState.Present, [2]));
        }

        return harness;
    }

    [Fact]
    public async Task A_gb18030_roster_gives_a_complete_account_run_with_no_name_mismatch()
    {
        var harness = HarnessWithMembers();
        var bytes = RosterFileFormatTests.Encode(Roster(), "gb18030");
        Assert.False(IsValidUtf8(bytes), "the roster must be one that UTF-8 cannot read");
        await harness.UploadRosterFileAsync(BlobRosterSource.CsvBlobName, bytes);

        var run = await harness.Get<AccountAudit>().RunAuditAsync(CancellationToken.None);

        Assert.Equal(AuditRunStatus.Succeeded, run.Status);
        Assert.Null(run.Error);
        Assert.Empty(await SubjectsAsync("account.name-mismatch"));
        Assert.Empty(await SubjectsAsync("account.not-in-roster"));
        var stored = await harness.Get<AuditRunStore>().GetAsync(AuditNames.Accounts, run.RunId, CancellationToken.None);
        Assert.Equal(AuditRunStatus.Succeeded, stored!.Status);
    }

    [Fact]
    public async Task A_gb18030_roster_with_a_broken_character_gives_a_partial_run_with_the_reason()
    {
        var harness = HarnessWithMembers();

        // A GB18030 lead byte followed by a comma (a file cut or edited byte-wise): invalid in UTF-8 and in GB18030.
        var bytes = RosterFileFormatTests.Encode(Roster().Replace("郭靖", "郭\u0001", StringComparison.Ordinal), "gb18030").Select(b => b == 1 ? (byte)0x81 : b).ToArray();
        await harness.UploadRosterFileAsync(BlobRosterSource.CsvBlobName, bytes);

        var run = await harness.Get<AccountAudit>().RunAuditAsync(CancellationToken.None);

        Assert.Equal(AuditRunStatus.Partial, run.Status);
        Assert.Contains("the HR roster is unusable", run.Error, StringComparison.Ordinal);
        Assert.Contains("not valid text in UTF-8, UTF-16 or GB18030", run.Error, StringComparison.Ordinal);
        Assert.Empty(await SubjectsAsync("account.name-mismatch"));
    }

    private static bool IsValidUtf8(byte[] bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    private async Task<List<string>> SubjectsAsync(string rule)
    {
        var subjects = new List<string>();
        await foreach (var row in storage.Clients.Table(StorageNames.FindingsTable).QueryAsync<TableEntity>(row => row.PartitionKey == rule))
        {
            if (row.GetString("Status") == "open")
            {
                subjects.Add(row.GetString("Subject"));
            }
        }

        return subjects;
    }
}
