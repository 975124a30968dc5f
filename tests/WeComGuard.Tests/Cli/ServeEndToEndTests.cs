using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeComGuard.Cli.Serve;
using WeComGuard.Core.Events;
using WeComGuard.Tests.Callbacks;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Cli;

/// <summary>wecomguard serve over real HTTP and real Azurite: the queue pump processes what the endpoint recorded.</summary>
public sealed class ServeEndToEndTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string App = "contacts";
    private WebApplication? _server;
    private HttpClient? _http;

    private HttpClient Http => _http!;

    public async Task InitializeAsync()
    {
        var port = LoopbackPorts.Free();
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["WeCom:CallbackMaxSkewSeconds"] = "0",
        };
        foreach (var (key, value) in CallbackEndpoint.Receiver(App, TencentVectors.A.Token, TencentVectors.A.EncodingAesKey, TencentVectors.A.CorpId))
        {
            settings[key] = value;
        }

        _server = WeComGuardServer.Build($"http://127.0.0.1:{port}", settings, logging => logging.SetMinimumLevel(LogLevel.Warning));
        await WeComGuardServer.EnsureStorageAsync(_server, CancellationToken.None);
        await _server.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.StopAsync();
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Url_verification_answers_the_plaintext_bytes_with_no_BOM_quotes_or_newline()
    {
        var response = await Http.GetAsync(new Uri($"/api/wecom/callback/{App}?msg_signature={TencentVectors.A.GetSignature}&timestamp={TencentVectors.A.GetTimestamp}&nonce={TencentVectors.A.GetNonce}&echostr={Uri.EscapeDataString(TencentVectors.A.EchoStr)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes(TencentVectors.A.EchoPlaintext), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Posted_events_are_recorded_and_processed_by_the_queue_pump()
    {
        var callbacks = Enumerable.Range(0, 20).Select(i => SignedCallback.Create(TencentVectors.A.Token, TencentVectors.A.EncodingAesKey, TencentVectors.A.CorpId,
            $"<xml><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>update_user</ChangeType><UserID>user{i}</UserID><CreateTime>{1700000000 + i}</CreateTime></xml>",
            DateTimeOffset.UtcNow.ToUnixTimeSeconds(), nonce: "n" + i)).ToList();

        var responses = await Task.WhenAll(callbacks.Concat(callbacks.Take(5)).Select(c =>
            Http.PostAsync(new Uri($"/api/wecom/callback/{App}{c.QueryString}", UriKind.Relative), new StringContent(c.BodyXml))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var store = _server!.Services.GetRequiredService<WeComEventStore>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<WeComEventRecord> records;
        do
        {
            await Task.Delay(200);
            records = [];
            await foreach (var record in store.ListAsync(App, CancellationToken.None))
            {
                records.Add(record);
            }
        }
        while (records.Any(r => r.Status != WeComEventStatus.Processed) && DateTime.UtcNow < deadline);

        Assert.Equal(20, records.Count);
        Assert.All(records, r => Assert.Equal(WeComEventStatus.Processed, r.Status));
        Assert.All(records, r => Assert.Equal(1, r.Attempts));
    }

    [Fact]
    public async Task Unknown_apps_and_bad_signatures_are_refused_over_http()
    {
        var callback = SignedCallback.Create(TencentVectors.A.Token, TencentVectors.A.EncodingAesKey, TencentVectors.A.CorpId, "<xml><MsgType>text</MsgType><MsgId>1</MsgId></xml>", 1);

        var unknown = await Http.PostAsync(new Uri($"/api/wecom/callback/nobody{callback.QueryString}", UriKind.Relative), new StringContent(callback.BodyXml));
        var forged = await Http.PostAsync(new Uri($"/api/wecom/callback/{App}{callback.QueryString.Replace("nonce=", "nonce=x", StringComparison.Ordinal)}", UriKind.Relative), new StringContent(callback.BodyXml));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }
}
