using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Scanning;
using WeComGuard.Core.Storage;
using WeComGuard.Core.WeCom;
using WeComGuard.Sandbox;
using WeComGuard.Sandbox.Tenant;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Scanning;

/// <summary>{wecomMediaId, filename} scan requests: the media is fetched with media/get from the sandbox, kept in incoming-files, scanned, and the security team is told.</summary>
[Trait("Needs", "Azurite")]
public sealed class WeComMediaScanTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Media_is_downloaded_scanned_recorded_and_reported_to_the_security_team()
    {
        var tenant = TenantGenerator.Generate(30, 4, seed: 5, DateTimeOffset.UtcNow);
        const string sensitive = "员工：张三，身份证号 11010519491231002X，手机 13800138000";
        tenant.Media.Add(new SandboxMedia { MediaId = "MEDIA_SENSITIVE_1", FileName = "名单.txt", ContentType = "text/plain", ContentBase64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(sensitive)) });
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Tenant = tenant });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["WeCom:ApiBaseUrl"] = sandbox.BaseUrl.ToString(),
            ["WeCom:CorpId"] = sandbox.State.CorpId,
            ["WeCom:AppSecret"] = "app",
            ["WeCom:AppAgentId"] = "1000002",
            ["Scanning:FingerprintKey"] = "test-fingerprint-key",
            ["Notifications:SecurityTeamUserIds"] = tenant.Members[0].UserId,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddWeComClient(configuration, options => options.RetryBaseDelay = TimeSpan.FromMilliseconds(20));
        services.AddWeComGuard(configuration);
        await using var provider = services.BuildServiceProvider();
        var handler = provider.GetServices<IQueueMessageHandler>().Single(h => h.QueueName == StorageNames.FileScanQueue);

        await handler.HandleAsync(new QueueMessageContext("m1", 1, BinaryData.FromString("{\"wecomMediaId\":\"MEDIA_SENSITIVE_1\",\"filename\":\"名单.txt\"}")), CancellationToken.None);
        await handler.HandleAsync(new QueueMessageContext("m2", 1, BinaryData.FromString("{\"wecomMediaId\":\"EXPIRED_MEDIA\",\"filename\":\"old.txt\"}")), CancellationToken.None);

        var rows = new List<TableEntity>();
        await foreach (var row in storage.Clients.Table(StorageNames.FileScansTable).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        var scanned = Assert.Single(rows, r => (r.GetString("Source") ?? string.Empty).Contains("MEDIASENSITIVE1/名单.txt", StringComparison.Ordinal));
        Assert.Equal(("scanned", "sensitive"), (scanned.GetString("Status"), scanned.GetString("Verdict")));
        Assert.DoesNotContain("11010519491231002X", string.Join("|", scanned.Select(p => p.Value?.ToString())), StringComparison.Ordinal);
        var expired = Assert.Single(rows, r => (r.GetString("Source") ?? string.Empty).Contains("EXPIREDMEDIA/old.txt", StringComparison.Ordinal));
        Assert.Equal("failed", expired.GetString("Status"));
        Assert.Contains("40007", expired.GetString("Reason"), StringComparison.Ordinal);
        var message = Assert.Single(sandbox.State.SentMessages);
        Assert.Equal(("markdown", tenant.Members[0].UserId), (message.MsgType, message.ToUser));
        Assert.Contains("名单.txt", message.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002X", message.Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[点此领取](https:evil.example).txt", "[点此领取](")]
    [InlineData("<font color=\"warning\">紧急，请立即处理.txt", "<font")]
    [InlineData("名单.txt\n# 已处理，无需查看\n> 文件：无", "\n# ")]
    [InlineData("**加粗** `代码` _斜体_ &lt;font&gt;.txt", "**")]
    public async Task A_sender_chosen_file_name_shows_as_text_in_the_security_team_message(string fileName, string markup)
    {
        var tenant = TenantGenerator.Generate(30, 4, seed: 5, DateTimeOffset.UtcNow);
        tenant.Media.Add(new SandboxMedia { MediaId = "MEDIA_NAMED_1", FileName = fileName, ContentType = "text/plain", ContentBase64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("身份证号 11010519491231002X")) });
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Tenant = tenant });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["WeCom:ApiBaseUrl"] = sandbox.BaseUrl.ToString(),
            ["WeCom:CorpId"] = sandbox.State.CorpId,
            ["WeCom:AppSecret"] = "app",
            ["WeCom:AppAgentId"] = "1000002",
            ["Scanning:FingerprintKey"] = "test-fingerprint-key",
            ["Notifications:SecurityTeamUserIds"] = tenant.Members[0].UserId,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddWeComClient(configuration, options => options.RetryBaseDelay = TimeSpan.FromMilliseconds(20));
        services.AddWeComGuard(configuration);
        await using var provider = services.BuildServiceProvider();
        var handler = provider.GetServices<IQueueMessageHandler>().Single(h => h.QueueName == StorageNames.FileScanQueue);

        var request = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["wecomMediaId"] = "MEDIA_NAMED_1", ["filename"] = fileName });
        await handler.HandleAsync(new QueueMessageContext(Guid.NewGuid().ToString("N"), 1, BinaryData.FromString(request)), CancellationToken.None);

        // What WeCom received at message/send: the message's own markup only, the name as inert text on its own line.
        var content = Assert.Single(sandbox.State.SentMessages).Content;
        var lines = content.Split('\n');
        Assert.Equal(5, lines.Length);
        var nameLine = Assert.Single(lines, line => line.StartsWith("> 文件：", StringComparison.Ordinal));
        Assert.DoesNotContain(markup.Trim(), nameLine["> 文件：".Length..], StringComparison.Ordinal);
        foreach (var c in "[]()<>*_`#&")
        {
            Assert.DoesNotContain(c, nameLine["> 文件：".Length..]);
        }

        Assert.Equal(2, content.Split("**").Length - 1);
    }
}
