using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using WeComGuard.Core.Scanning;
using WeComGuard.Core.Storage;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Scanning;

/// <summary>What the Verdict column and the file.sensitive-content finding say when a file was not read in full.</summary>
[Trait("Needs", "Azurite")]
public sealed class PartialVerdictStoreTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));

    private static FileScanResult Sensitive(string sha) => new()
    {
        Source = "r/ids.zip", Sha256 = sha, Md5 = new string('d', 32), Size = 1, Type = "zip", Status = FileScanStatus.Scanned,
        Findings = [new SensitiveFinding("r/ids.zip!ids.txt", DetectorIds.ClassificationMark, FindingConfidence.High, "机密★", new string('e', 64), "line 1")],
    };

    private async Task<TableEntity> FindingAsync(string sha) =>
        (await storage.Clients.Table(StorageNames.FindingsTable).GetEntityAsync<TableEntity>(ScanResultStore.SensitiveContentRule, sha)).Value;

    [Theory]
    [InlineData("member-not-read")]
    [InlineData("time-limit")]
    public async Task A_scan_that_did_not_read_everything_does_not_resolve_an_open_finding(string how)
    {
        var store = new ScanResultStore(storage.Clients, _time);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(how)));
        var subject = new ScanSubject("incoming-files", "r/ids.zip");
        await store.RecordAsync(Sensitive(sha), subject, "run-1", CancellationToken.None);

        var unread = how == "time-limit"
            ? Sensitive(sha) with { Findings = [], Status = FileScanStatus.Failed, Reason = "scan exceeded the 120-second time limit" }
            : Sensitive(sha) with
            {
                Findings = [],
                Members = [new FileScanResult { Source = "r/ids.zip!deep.zip", Sha256 = "", Md5 = "", Size = 1, Type = "zip", Status = FileScanStatus.Unsupported, Reason = "archive nested deeper than 2 levels is not scanned" }],
            };
        await store.RecordAsync(unread, subject, "run-2", CancellationToken.None);

        Assert.Equal("open", (await FindingAsync(sha)).GetString("Status"));
        var row = (await storage.Clients.Table(StorageNames.FileScansTable).GetEntityAsync<TableEntity>(sha, ScanResultStore.FileRowKey)).Value;
        Assert.Equal(how == "time-limit" ? "not-scanned" : "partial", row.GetString(ScanResultStore.VerdictColumn));
    }
}
