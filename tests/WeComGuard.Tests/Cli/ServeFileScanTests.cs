using System.Net;
using System.Text;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using WeComGuard.Cli.Serve;
using WeComGuard.Core.Storage;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Cli;

/// <summary>wecomguard serve's queue pump runs the ScanFile handler: a message on file-scan ends as a FileScans row.</summary>
public sealed class ServeFileScanTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private WebApplication? _server;

    public async Task InitializeAsync()
    {
        var port = LoopbackPorts.Free();
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["Scanning:FingerprintKey"] = "serve-test-key",
        };
        _server = WeComGuardServer.Build($"http://127.0.0.1:{port}", settings, logging => logging.SetMinimumLevel(LogLevel.Warning));
        await WeComGuardServer.EnsureStorageAsync(_server, CancellationToken.None);
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.StopAsync();
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_blob_created_message_is_scanned_and_recorded()
    {
        var content = Encoding.UTF8.GetBytes("客户名单\n身份证号：11010519491231002X\n");
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        await storage.Clients.Container(StorageNames.IncomingFilesContainer).GetBlobClient("serve/2026/11/29/m9/list.txt").UploadAsync(new BinaryData(content));

        await storage.Clients.Queue(StorageNames.FileScanQueue).SendMessageAsync(
            """[{"subject":"/blobServices/default/containers/incoming-files/blobs/serve/2026/11/29/m9/list.txt","eventType":"Microsoft.Storage.BlobCreated"}]""");

        var table = storage.Clients.Table(StorageNames.FileScansTable);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        Azure.NullableResponse<TableEntity> row;
        do
        {
            await Task.Delay(200);
            row = await table.GetEntityIfExistsAsync<TableEntity>(sha, "file");
        }
        while (!row.HasValue && DateTime.UtcNow < deadline);

        Assert.True(row.HasValue, "the file-scan message was not processed");
        Assert.Equal("scanned", row.Value!.GetString("Status"));
        Assert.True(row.Value.GetBoolean("Sensitive"));
        Assert.True((await storage.Clients.Table(StorageNames.FindingsTable).GetEntityIfExistsAsync<TableEntity>("file.sensitive-content", sha)).HasValue);
    }
}
