using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using WeComGuard.Core.Scanning;
using WeComGuard.Core.Storage;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Scanning;

/// <summary>What the security team reads for a file with findings past Scanning__MaxFindingsPerFile: every finding counted.</summary>
[Trait("Needs", "Azurite")]
public sealed class FindingsPastTheLimitStoreTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_report_row_and_finding_count_what_was_not_listed()
    {
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("findings past the limit"u8));
        var result = new FileScanResult
        {
            Source = "r/phones.txt", Sha256 = sha, Md5 = new string('d', 32), Size = 1, Type = "txt", Status = FileScanStatus.Scanned,
            Findings = [new SensitiveFinding("r/phones.txt", DetectorIds.Mobile, FindingConfidence.Low, "138****5678", new string('e', 64), "line 1")],
            FindingsNotListed = [new FindingTally(DetectorIds.Mobile, FindingConfidence.Low, 7), new FindingTally(DetectorIds.ResidentId, FindingConfidence.High, 2)],
        };

        await new ScanResultStore(storage.Clients, new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero)))
            .RecordAsync(result, new ScanSubject("incoming-files", "r/phones.txt"), "run-1", CancellationToken.None);

        var report = (await storage.Clients.Container(StorageNames.ScanReportsContainer).GetBlobClient(sha + ".json").DownloadContentAsync()).Value.Content.ToString();
        using var json = JsonDocument.Parse(report);
        Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        var notListed = json.RootElement.GetProperty("findingsNotListed").EnumerateArray()
            .Select(t => (t.GetProperty("detector").GetString(), t.GetProperty("confidence").GetString(), t.GetProperty("count").GetInt32()));
        Assert.Equal([(DetectorIds.Mobile, "low", 7), (DetectorIds.ResidentId, "high", 2)], notListed);
        Assert.Equal(8, json.RootElement.GetProperty("counts").GetProperty(DetectorIds.Mobile).GetInt32());
        Assert.True(json.RootElement.GetProperty("sensitive").GetBoolean());

        var row = (await storage.Clients.Table(StorageNames.FileScansTable).GetEntityAsync<TableEntity>(sha, ScanResultStore.FileRowKey)).Value;
        Assert.Equal("high", row.GetString("HighestConfidence"));
        Assert.Equal("sensitive", row.GetString(ScanResultStore.VerdictColumn));
        Assert.Equal("""{"cn-mobile":8,"cn-resident-id":2}""", row.GetString("Counts"));
        var finding = (await storage.Clients.Table(StorageNames.FindingsTable).GetEntityAsync<TableEntity>(ScanResultStore.SensitiveContentRule, sha)).Value;
        Assert.Equal("high", finding.GetString("Severity"));
    }
}
