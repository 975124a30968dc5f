using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Scanning;
using WeComGuard.Core.Storage;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Scanning;

[Trait("Needs", "Azurite")]
public sealed class FileScanQueueHandlerTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private const string Id = "11010519491231002X";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));

    // The real registration, on this test's clock; WeCom is not configured, so media cannot be downloaded.
    private FileScanQueueHandler Handler()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["Scanning:FingerprintKey"] = "handler-test-key",
        }).Build();
        var provider = new ServiceCollection().AddSingleton<TimeProvider>(_time).AddLogging().AddWeComGuard(configuration).BuildServiceProvider();
        return provider.GetRequiredService<FileScanQueueHandler>();
    }

    private async Task<string> UploadAsync(string name, byte[] content, IDictionary<string, string>? metadata = null)
    {
        var blob = storage.Clients.Container(StorageNames.IncomingFilesContainer).GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(content), overwrite: true);
        if (metadata is not null)
        {
            await blob.SetMetadataAsync(metadata);
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
    }

    private static string EventGridBlobCreated(string blob) => JsonSerializer.Serialize(new[]
    {
        new
        {
            topic = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/wecomguard",
            subject = $"/blobServices/default/containers/incoming-files/blobs/{blob}",
            eventType = "Microsoft.Storage.BlobCreated",
            id = Guid.NewGuid().ToString(),
            data = new { api = "PutBlob", contentType = "text/plain", contentLength = 10, blobType = "BlockBlob", url = $"https://wecomguard.blob.core.windows.net/incoming-files/{blob}" },
            dataVersion = "",
            metadataVersion = "1",
            eventTime = "2026-11-29T08:00:00Z",
        },
    });

    private static QueueMessageContext Message(string body, long dequeueCount = 1, string? id = null) =>
        new(id ?? Guid.NewGuid().ToString(), dequeueCount, BinaryData.FromString(body));

    [Fact]
    public async Task A_blob_created_event_records_the_scan_report_and_finding_without_raw_values()
    {
        var name = "wecom-archive/2026/11/29/msg001/名单.txt";
        var text = $"身份证号：{Id}\n初始密码：Welcome@2026\n";
        var sha = await UploadAsync(name, Encoding.UTF8.GetBytes(text), new Dictionary<string, string> { ["sender"] = "zhangsan", ["chatid"] = "wrOgAAA" });

        await Handler().HandleAsync(Message(EventGridBlobCreated(name), id: "run-1"), CancellationToken.None);

        var row = (await storage.Clients.Table(StorageNames.FileScansTable).GetEntityAsync<TableEntity>(sha, ScanResultStore.FileRowKey)).Value;
        Assert.Equal("scanned", row.GetString("Status"));
        Assert.Equal(32, row.GetString("Md5").Length);
        Assert.Equal("zhangsan", row.GetString("Sender"));
        Assert.Equal("incoming-files/" + name, row.GetString("Source"));
        Assert.True(row.GetBoolean("Sensitive"));

        var report = (await storage.Clients.Container(StorageNames.ScanReportsContainer).GetBlobClient(sha + ".json").DownloadContentAsync()).Value.Content.ToString();
        using var json = JsonDocument.Parse(report);
        Assert.Equal(2, json.RootElement.GetProperty("findings").GetArrayLength());
        Assert.DoesNotContain(Id, report, StringComparison.Ordinal);
        Assert.DoesNotContain("Welcome@2026", report, StringComparison.Ordinal);

        var finding = (await storage.Clients.Table(StorageNames.FindingsTable).GetEntityAsync<TableEntity>("file.sensitive-content", sha)).Value;
        Assert.Equal(("open", "high", "run-1"), (finding.GetString("Status"), finding.GetString("Severity"), finding.GetString("LastRunId")));
        Assert.Contains("§3.1.3", finding.GetString("Handbook"), StringComparison.Ordinal);
        Assert.Equal(sha, JsonDocument.Parse(finding.GetString("Details")).RootElement.GetProperty("sha256").GetString());
        Assert.NotNull(finding.GetDateTimeOffset("FirstSeen"));
        Assert.Equal(("file.sensitive-content", sha), (finding.GetString("Rule"), finding.GetString("Subject")));
        Assert.Equal("sensitive", row.GetString("Verdict"));
        Assert.DoesNotContain(Id, finding.GetString("Details"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redelivered_request_keeps_first_seen_and_a_clean_file_raises_no_finding()
    {
        var sensitive = "plain/ids.csv";
        var sha = await UploadAsync(sensitive, Encoding.UTF8.GetBytes($"身份证,{Id}\n"));
        var clean = "plain/clean.txt";
        var cleanSha = await UploadAsync(clean, Encoding.UTF8.GetBytes("会议纪要"));
        var handler = Handler();

        await handler.HandleAsync(Message($$"""{"container":"incoming-files","blob":"{{sensitive}}"}""", id: "a"), CancellationToken.None);
        var first = (await storage.Clients.Table(StorageNames.FindingsTable).GetEntityAsync<TableEntity>("file.sensitive-content", sha)).Value;
        _time.Advance(TimeSpan.FromHours(1));
        await handler.HandleAsync(Message($$"""{"container":"incoming-files","blob":"{{sensitive}}"}""", id: "b"), CancellationToken.None);
        await handler.HandleAsync(Message($$"""{"container":"incoming-files","blob":"{{clean}}"}""", id: "c"), CancellationToken.None);

        var second = (await storage.Clients.Table(StorageNames.FindingsTable).GetEntityAsync<TableEntity>("file.sensitive-content", sha)).Value;
        Assert.Equal(first.GetDateTimeOffset("FirstSeen"), second.GetDateTimeOffset("FirstSeen"));
        Assert.Equal(first.GetDateTimeOffset("LastSeen")!.Value.AddHours(1), second.GetDateTimeOffset("LastSeen"));
        Assert.Equal("b", second.GetString("LastRunId"));
        Assert.False((await storage.Clients.Table(StorageNames.FindingsTable).GetEntityIfExistsAsync<TableEntity>("file.sensitive-content", cleanSha)).HasValue);
        Assert.Equal("scanned", (await storage.Clients.Table(StorageNames.FileScansTable).GetEntityAsync<TableEntity>(cleanSha, "file")).Value.GetString("Status"));
    }

    [Fact]
    public async Task A_rescan_replaces_the_row_so_no_stale_reason_remains()
    {
        var store = new ScanResultStore(storage.Clients, _time);
        var subject = new ScanSubject("incoming-files", "r/a.txt");
        var failed = new FileScanResult { Source = "r/a.txt", Sha256 = new string('a', 64), Md5 = new string('b', 32), Size = 1, Type = "txt", Status = FileScanStatus.Failed, Reason = "scan exceeded the 120-second time limit" };

        await store.RecordAsync(failed, subject, "run-1", CancellationToken.None);
        await store.RecordAsync(failed with { Status = FileScanStatus.Scanned, Reason = null }, subject, "run-2", CancellationToken.None);

        var row = (await storage.Clients.Table(StorageNames.FileScansTable).GetEntityAsync<TableEntity>(new string('a', 64), "file")).Value;
        Assert.Equal(("scanned", null, "run-2"), (row.GetString("Status"), row.GetString("Reason"), row.GetString("LastRunId")));
    }

    [Fact]
    public async Task An_open_finding_is_resolved_when_the_same_content_is_no_longer_sensitive()
    {
        var store = new ScanResultStore(storage.Clients, _time);
        var subject = new ScanSubject("incoming-files", "r/b.txt");
        var sha = new string('c', 64);
        var sensitive = new FileScanResult
        {
            Source = "r/b.txt", Sha256 = sha, Md5 = new string('d', 32), Size = 1, Type = "txt", Status = FileScanStatus.Scanned,
            Findings = [new SensitiveFinding("r/b.txt", DetectorIds.ClassificationMark, FindingConfidence.High, "机密★", new string('e', 64), "line 1")],
        };

        await store.RecordAsync(sensitive, subject, "run-1", CancellationToken.None);
        await store.RecordAsync(sensitive with { Findings = [] }, subject, "run-2", CancellationToken.None);

        var finding = (await storage.Clients.Table(StorageNames.FindingsTable).GetEntityAsync<TableEntity>("file.sensitive-content", sha)).Value;
        Assert.Equal(("resolved", "run-2", "run-2"), (finding.GetString("Status"), finding.GetString("LastRunId"), finding.GetString("ResolvedRunId")));
    }

    [Fact]
    public async Task The_file_transfer_audit_reads_the_md5_of_files_the_scanner_found_sensitive()
    {
        var sensitiveName = "audit/ids.txt";
        var cleanName = "audit/clean.txt";
        var sensitive = Encoding.UTF8.GetBytes($"身份证号 {Id}\n");
        await UploadAsync(sensitiveName, sensitive);
        await UploadAsync(cleanName, Encoding.UTF8.GetBytes("周会纪要"));
        var handler = Handler();

        await handler.HandleAsync(Message($$"""{"container":"incoming-files","blob":"{{sensitiveName}}"}"""), CancellationToken.None);
        await handler.HandleAsync(Message($$"""{"container":"incoming-files","blob":"{{cleanName}}"}"""), CancellationToken.None);

#pragma warning disable CA5351
        var md5 = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(sensitive));
#pragma warning restore CA5351
        var md5s = await new WeComGuard.Core.Audits.TableSensitiveFileIndex(storage.Clients).GetSensitiveMd5sAsync(CancellationToken.None);
        Assert.Contains(md5, md5s);
        Assert.DoesNotContain(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes("周会纪要"))), md5s);
    }

    [Fact]
    public async Task An_encrypted_file_is_recorded_as_encrypted()
    {
        var sha = await UploadAsync("plain/salary.xlsx", TestDocuments.EncryptedOfficeFile());

        await Handler().HandleAsync(Message("""{"container":"incoming-files","blob":"plain/salary.xlsx"}"""), CancellationToken.None);

        var row = (await storage.Clients.Table(StorageNames.FileScansTable).GetEntityAsync<TableEntity>(sha, "file")).Value;
        Assert.Equal("encrypted", row.GetString("Status"));
    }

    [Fact]
    public async Task A_message_that_is_not_a_scan_request_goes_to_the_poison_queue_at_once()
    {
        var poison = storage.Clients.Queue(StorageNames.FileScanQueue + StorageNames.PoisonSuffix);
        var body = """{"hello":"not a scan request"}""";

        await Handler().HandleAsync(Message(body), CancellationToken.None);

        var messages = (await poison.ReceiveMessagesAsync(maxMessages: 32)).Value;
        Assert.Contains(messages, m => m.Body.ToString() == body);
    }

    [Fact]
    public async Task A_missing_blob_is_recorded_as_failed()
    {
        await Handler().HandleAsync(Message("""{"container":"incoming-files","blob":"gone/x.txt"}"""), CancellationToken.None);

        var key = ScanResultStore.FileKey(new FileScanResult { Source = "x", Sha256 = "", Md5 = "", Size = 0, Type = "txt", Status = FileScanStatus.Failed }, new ScanSubject("incoming-files", "gone/x.txt"));
        var row = (await storage.Clients.Table(StorageNames.FileScansTable).GetEntityAsync<TableEntity>(key, "file")).Value;
        Assert.Equal("failed", row.GetString("Status"));
        Assert.Contains("not found", row.GetString("Reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_keeps_failing_is_retried_then_recorded_failed_on_the_last_attempt()
    {
        // An invalid container name makes every download fail (400), as a persistent fault would.
        var body = """{"container":"Bad_Container","blob":"x.txt"}""";
        var handler = Handler();

        await Assert.ThrowsAnyAsync<Exception>(() => handler.HandleAsync(Message(body, dequeueCount: 1), CancellationToken.None));
        await handler.HandleAsync(Message(body, dequeueCount: 5), CancellationToken.None);

        var key = ScanResultStore.FileKey(new FileScanResult { Source = "x", Sha256 = "", Md5 = "", Size = 0, Type = "txt", Status = FileScanStatus.Failed }, new ScanSubject("Bad_Container", "x.txt"));
        var row = (await storage.Clients.Table(StorageNames.FileScansTable).GetEntityAsync<TableEntity>(key, "file")).Value;
        Assert.Equal("failed", row.GetString("Status"));
        Assert.Contains("gave up after 5 attempts", row.GetString("Reason"), StringComparison.Ordinal);
    }

    [Fact]
    public void AddWeComGuard_registers_the_file_scan_handler_with_settings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["Scanning:FingerprintKey"] = "k",
            ["Scanning:MaxFileBytes"] = "2048",
        }).Build();
        using var provider = new ServiceCollection().AddWeComGuard(configuration).BuildServiceProvider();

        var handler = Assert.Single(provider.GetServices<IQueueMessageHandler>(), h => h.QueueName == StorageNames.FileScanQueue);
        Assert.IsType<FileScanQueueHandler>(handler);
        Assert.Equal(2048, provider.GetRequiredService<IOptions<ScanningOptions>>().Value.MaxFileBytes);
        Assert.Null(provider.GetService<ISecondStageRecognizer>());
    }
}
