using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Core.Callbacks;
using WeComGuard.Core.Events;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Callbacks;

[Trait("Needs", "Azurite")]
public sealed class WeComCallbackFunctionTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private const string ContactEvent =
        "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>" +
        "<CreateTime>1409659813</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event>" +
        "<ChangeType>update_user</ChangeType><UserID><![CDATA[zhangsan]]></UserID></xml>";

    private readonly CountingApplier _applier = new();

    private CallbackEndpoint Endpoint(string app, int? maxSkew = null, long clockAt = 1409659813, string token = TencentVectors.A.Token,
        string aesKey = TencentVectors.A.EncodingAesKey, string receiveId = TencentVectors.A.CorpId)
    {
        var settings = CallbackEndpoint.Receiver(app, token, aesKey, receiveId);
        if (maxSkew is not null)
        {
            settings["WeCom:CallbackMaxSkewSeconds"] = maxSkew.Value.ToString(CultureInfo.InvariantCulture);
        }

        return new CallbackEndpoint(storage.ConnectionString, settings, TestServices.ClockAt(clockAt),
            services => services.AddSingleton<IWeComEventApplier>(_applier));
    }

    private static string UniqueApp() => "app" + Guid.NewGuid().ToString("N")[..10];

    [Theory]
    [InlineData(TencentVectors.A.Token, TencentVectors.A.EncodingAesKey, TencentVectors.A.CorpId, TencentVectors.A.GetSignature, TencentVectors.A.GetTimestamp, TencentVectors.A.GetNonce, TencentVectors.A.EchoStr, TencentVectors.A.EchoPlaintext)]
    [InlineData(TencentVectors.B.Token, TencentVectors.B.EncodingAesKey, TencentVectors.B.CorpId, TencentVectors.B.GetSignature, TencentVectors.B.GetTimestamp, TencentVectors.B.GetNonce, TencentVectors.B.EchoStr, TencentVectors.B.EchoPlaintext)]
    public async Task Url_verification_answers_the_echo_plaintext_exactly(string token, string aesKey, string corpId, string signature, string timestamp, string nonce, string echoStr, string plaintext)
    {
        var app = UniqueApp();
        await using var endpoint = Endpoint(app, clockAt: long.Parse(timestamp, CultureInfo.InvariantCulture), token: token, aesKey: aesKey, receiveId: corpId);

        var result = await endpoint.GetAsync(app, $"?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}&echostr={Uri.EscapeDataString(echoStr)}");

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(plaintext, result.Content);
        Assert.Empty(await endpoint.RecordsAsync(app));
    }

    [Fact]
    public async Task Url_verification_accepts_an_echostr_whose_plus_signs_were_not_escaped()
    {
        var app = UniqueApp();
        await using var endpoint = Endpoint(app, clockAt: 1409659589);

        var result = await endpoint.GetAsync(app, $"?msg_signature={TencentVectors.A.GetSignature}&timestamp={TencentVectors.A.GetTimestamp}&nonce={TencentVectors.A.GetNonce}&echostr={TencentVectors.A.EchoStr}");

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(TencentVectors.A.EchoPlaintext, result.Content);
    }

    [Fact]
    public async Task Tencents_vector_A_event_is_recorded_once_by_its_MsgId_and_queued()
    {
        var app = UniqueApp();
        await using var endpoint = Endpoint(app);
        var query = $"?msg_signature={TencentVectors.A.PostSignature}&timestamp={TencentVectors.A.PostTimestamp}&nonce={TencentVectors.A.PostNonce}";

        var result = await endpoint.SendAsync("POST", app, query, TencentVectors.A.PostBodyXml);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(string.Empty, result.Content);
        var record = Assert.Single(await endpoint.RecordsAsync(app));
        Assert.Equal("msg-4561255354251345929", record.Id);
        Assert.Equal("text", record.MsgType);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1409659813), record.CreateTime);
        Assert.Equal(WeComEventStatus.Queued, record.Status);
        Assert.Equal(Convert.FromBase64String(TencentVectors.A.PostEncrypt), record.Envelope);
        Assert.Equal(1, await endpoint.QueuedCountAsync(app));
    }

    [Fact]
    public async Task An_event_without_MsgId_is_keyed_by_the_SHA256_of_its_plaintext_and_processed_once()
    {
        var app = UniqueApp();
        await using var endpoint = Endpoint(app);
        var callback = SignedCallback.Create(TencentVectors.A.Token, TencentVectors.A.EncodingAesKey, TencentVectors.A.CorpId, ContactEvent, 1409659813);

        var result = await endpoint.PostAsync(app, callback);
        var processed = await endpoint.DrainAsync(app);

        Assert.Equal(200, result.StatusCode);
        var record = Assert.Single(await endpoint.RecordsAsync(app));
        var expectedId = "evt-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(ContactEvent)));
        Assert.Equal(expectedId, record.Id);
        Assert.Equal(("change_contact", "update_user"), (record.Event, record.ChangeType));
        Assert.Equal(WeComEventStatus.Processed, (await endpoint.Store.GetAsync(app, record.Id, CancellationToken.None))!.Status);
        Assert.Equal(1, processed);
        var applied = Assert.Single(_applier.Applied, c => c.App == app);
        var member = Assert.IsType<MemberChangeEvent>(applied.Event);
        Assert.Equal("zhangsan", member.UserId);
    }

    [Fact]
    public async Task A_retry_storm_of_four_concurrent_deliveries_gives_one_record_and_one_processing()
    {
        var app = UniqueApp();
        await using var endpoint = Endpoint(app);
        // WeCom re-encrypts each retry with a new random prefix, timestamp and nonce; the plaintext is the same.
        var deliveries = Enumerable.Range(0, 4)
            .Select(i => SignedCallback.Create(TencentVectors.A.Token, TencentVectors.A.EncodingAesKey, TencentVectors.A.CorpId, ContactEvent, 1409659813 + i, nonce: "n" + i))
            .ToList();

        var results = await Task.WhenAll(deliveries.Select(d => endpoint.PostAsync(app, d)));
        await endpoint.DrainAsync(app);
        var lateRetry = await endpoint.PostAsync(app, deliveries[0]);
        await endpoint.DrainAsync(app);

        Assert.All(results, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(200, lateRetry.StatusCode);
        var record = Assert.Single(await endpoint.RecordsAsync(app));
        Assert.Equal(WeComEventStatus.Processed, record.Status);
        Assert.Single(_applier.Applied, c => c.App == app);
    }

    [Fact]
    public async Task A_record_left_unqueued_by_a_crash_is_queued_by_the_next_delivery()
    {
        var app = UniqueApp();
        await using var endpoint = Endpoint(app);
        var callback = SignedCallback.Create(TencentVectors.A.Token, TencentVectors.A.EncodingAesKey, TencentVectors.A.CorpId, ContactEvent, 1409659813);
        // What a crash between recording and queueing leaves: a record in state "received" and no message.
        var id = "evt-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(ContactEvent)));
        await endpoint.Store.AddOrGetAsync(new WeComEventRecord
        {
            App = app, Id = id, MsgType = "event", Event = "change_contact", ReceivedAt = endpoint.Clock.GetUtcNow(),
            Envelope = Convert.FromBase64String(callback.Encrypt),
        }, CancellationToken.None);

        var result = await endpoint.PostAsync(app, callback);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(1, await endpoint.QueuedCountAsync(app));
        Assert.Equal(WeComEventStatus.Queued, Assert.Single(await endpoint.RecordsAsync(app)).Status);
        Assert.Equal(1, await endpoint.DrainAsync(app));
        Assert.Single(_applier.Applied, c => c.App == app);
    }

    [Fact]
    public async Task A_JSON_envelope_and_JSON_plaintext_are_accepted()
    {
        var app = UniqueApp();
        await using var endpoint = Endpoint(app);
        var plaintext = "{\"ToUserName\":\"wx5823bf96d3bd56c7\",\"FromUserName\":\"sys\",\"CreateTime\":1409659813,\"MsgType\":\"event\",\"Event\":\"change_external_chat\",\"ChatId\":\"wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA\",\"ChangeType\":\"dismiss\"}";
        var callback = SignedCallback.Create(TencentVectors.A.Token, TencentVectors.A.EncodingAesKey, TencentVectors.A.CorpId, plaintext, 1409659813);
        var body = $"{{\"ToUserName\":\"{TencentVectors.A.CorpId}\",\"Encrypt\":\"{callback.Encrypt}\",\"AgentID\":\"\"}}";

        var result = await endpoint.SendAsync("POST", app, callback.QueryString, body);
        await endpoint.DrainAsync(app);

        Assert.Equal(200, result.StatusCode);
        var chat = Assert.IsType<ExternalChatChangeEvent>(Assert.Single(_applier.Applied, c => c.App == app).Event);
        Assert.True(chat.IsDismissal);
        Assert.Equal("wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA", chat.ChatId);
    }

    [Fact]
    public async Task An_unknown_app_is_404()
    {
        var app = UniqueApp();
        await using var endpoint = Endpoint(app);
        var callback = SignedCallback.Create(TencentVectors.A.Token, TencentVectors.A.EncodingAesKey, TencentVectors.A.CorpId, ContactEvent, 1409659813);

        var result = await endpoint.PostAsync("someoneelse", callback);

        Assert.Equal(404, result.StatusCode);
        Assert.Empty(await endpoint.RecordsAsync("someoneelse"));
    }

    public static TheoryData<string, int> Refusals => new()
    {
        { "missing-signature", 400 },
        { "bad-signature", 401 },
        { "wrong-receive-id", 401 },
        { "stale-timestamp", 401 },
        { "future-timestamp", 401 },
        { "not-xml-body", 400 },
        { "no-encrypt", 400 },
        { "bad-base64", 400 },
        { "bad-block-length", 400 },
        { "bad-padding", 400 },
        { "plaintext-not-xml", 400 },
        { "plaintext-with-dtd", 400 },
        { "too-large", 413 },
        { "put-method", 405 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_refusal_answers_its_status_and_records_nothing(string scenario, int status)
    {
        var app = UniqueApp();
        await using var endpoint = Endpoint(app);
        const string token = TencentVectors.A.Token;
        const long now = 1409659813;
        string method = "POST", query, body;
        SignedCallback Signed(string plaintext, string receiveId = TencentVectors.A.CorpId, long ts = now) =>
            SignedCallback.Create(token, TencentVectors.A.EncodingAesKey, receiveId, plaintext, ts);
        SignedCallback SignedRaw(string encrypt) => SignedCallback.FromEncrypt(token, TencentVectors.A.CorpId, encrypt, now);
        static (string, string) Pair(SignedCallback callback) => (callback.QueryString, callback.BodyXml);
        var good = Signed(ContactEvent);
        (query, body) = scenario switch
        {
            "missing-signature" => ($"?timestamp={now}&nonce=1", good.BodyXml),
            "bad-signature" => (good.QueryString.Replace(good.Query.MsgSignature!, new string('0', 40), StringComparison.Ordinal), good.BodyXml),
            "wrong-receive-id" => Pair(Signed(ContactEvent, receiveId: "ww0000000000000000")),
            "stale-timestamp" => Pair(Signed(ContactEvent, ts: now - 601)),
            "future-timestamp" => Pair(Signed(ContactEvent, ts: now + 601)),
            "not-xml-body" => (good.QueryString, "<xml><Encrypt>" + good.Encrypt),
            "no-encrypt" => (SignedRaw(string.Empty).QueryString, "<xml><ToUserName>x</ToUserName></xml>"),
            "bad-base64" => Pair(SignedRaw("@@notbase64@@")),
            "bad-block-length" => Pair(SignedRaw("AAAAAAAAAAAAAAAAAAAAAA==")),
            "bad-padding" => BadPadding(token, now),
            "plaintext-not-xml" => Pair(Signed("hello, not an event")),
            "plaintext-with-dtd" => DtdPayload(Signed),
            "too-large" => (good.QueryString, "<xml><Encrypt>" + new string('A', WeComCallbackHandler.MaxBodyBytes) + "</Encrypt></xml>"),
            "put-method" => (good.QueryString, good.BodyXml),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };
        if (scenario == "put-method")
        {
            method = "PUT";
        }

        var result = await endpoint.SendAsync(method, app, query, body);

        Assert.Equal(status, result.StatusCode);
        Assert.Empty(await endpoint.RecordsAsync(app));
        Assert.Equal(0, await endpoint.QueuedCountAsync(app));
    }

    private static (string, string) DtdPayload(Func<string, string, long, SignedCallback> signed)
    {
        const string xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><MsgType>event</MsgType><Event>&x;</Event></xml>";
        var callback = signed(xxe, TencentVectors.A.CorpId, 1409659813);
        return (callback.QueryString, callback.BodyXml);
    }

    private static (string, string) BadPadding(string token, long now)
    {
        var key = WeComCallbackCrypto.DecodeAesKey(TencentVectors.A.EncodingAesKey);
        var plain = new byte[64];
        plain[^1] = 33; // a pad above 32 is never valid
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key;
        var encrypt = Convert.ToBase64String(aes.EncryptCbc(plain, key.AsSpan(0, 16), System.Security.Cryptography.PaddingMode.None));
        var callback = SignedCallback.FromEncrypt(token, TencentVectors.A.CorpId, encrypt, now);
        return (callback.QueryString, callback.BodyXml);
    }

    [Fact]
    public async Task A_skew_of_zero_turns_the_replay_window_off()
    {
        var app = UniqueApp();
        await using var endpoint = Endpoint(app, maxSkew: 0, clockAt: 1_800_000_000);
        var query = $"?msg_signature={TencentVectors.A.PostSignature}&timestamp={TencentVectors.A.PostTimestamp}&nonce={TencentVectors.A.PostNonce}";

        var result = await endpoint.SendAsync("POST", app, query, TencentVectors.A.PostBodyXml);

        Assert.Equal(200, result.StatusCode);
    }

    [Fact]
    public async Task The_default_replay_window_refuses_Tencents_2014_vector_today()
    {
        var app = UniqueApp();
        await using var endpoint = Endpoint(app, clockAt: DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var query = $"?msg_signature={TencentVectors.A.PostSignature}&timestamp={TencentVectors.A.PostTimestamp}&nonce={TencentVectors.A.PostNonce}";

        var result = await endpoint.SendAsync("POST", app, query, TencentVectors.A.PostBodyXml);

        Assert.Equal(401, result.StatusCode);
    }
}
