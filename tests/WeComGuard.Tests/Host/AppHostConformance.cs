using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using WeComGuard.Core.DirectoryMirror;
using WeComGuard.Core.Events;
using WeComGuard.Core.Storage;
using WeComGuard.Tests.Callbacks;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Host;

/// <summary>
/// What every host of the function app must do, run against each: <c>wecomguard serve</c> (ServeEndToEndTests) and the
/// real Azure Functions host (FunctionsHostConformanceTests). Over real HTTP, real Azurite and the sandbox; every wait
/// polls for exactly what it then asserts.
/// </summary>
public abstract class AppHostConformance<TFixture>(TFixture host) : IClassFixture<TFixture>
    where TFixture : AppHostFixture
{
    private const string EventSweeper = "SweepWeComEvents";
    private const string Nudges = "SendNudges";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    protected TFixture Fixture { get; } = host;

    [AppHostFact]
    public async Task Url_verification_answers_the_plaintext_bytes_with_no_BOM_quotes_or_newline()
    {
        var response = await Fixture.Http.GetAsync(new Uri($"/api/wecom/callback/contacts?msg_signature={TencentVectors.A.GetSignature}&timestamp={TencentVectors.A.GetTimestamp}&nonce={TencentVectors.A.GetNonce}&echostr={Uri.EscapeDataString(TencentVectors.A.EchoStr)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Encoding.ASCII.GetBytes(TencentVectors.A.EchoPlaintext), await response.Content.ReadAsByteArrayAsync());
    }

    [AppHostFact]
    public async Task A_signed_post_is_recorded_once_and_applied_through_the_queue()
    {
        var member = Fixture.Tenant.Members[1];
        var callback = Callback(member.UserId, 0, "single-1");

        var response = await Post("single", callback);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        var records = await PollAsync(() => RecordsAsync("single"), r => r.Count == 1 && r[0].Status == WeComEventStatus.Processed);
        Assert.Equal(WeComEventStatus.Processed, Assert.Single(records).Status);
        Assert.Equal(1, records[0].Attempts);

        // Applied: the directory mirror re-read the member from the WeCom API (the sandbox).
        await using var services = TestServices.Create(Fixture.StorageConnectionString, []);
        var mirrored = await PollAsync(() => services.Get<DirectoryStore>().GetMemberAsync(member.UserId), m => m is not null);
        Assert.Equal(member.Name, mirrored!.Name);
    }

    [AppHostFact]
    public async Task A_retry_storm_records_and_processes_each_event_once()
    {
        var callbacks = Enumerable.Range(0, 20).Select(i => Callback("storm-user" + i, i, "storm" + i)).ToList();

        // Each event three times over, all at once, as WeCom retries when answers are slow. On a loaded machine storage
        // can miss the answer budget: then the answer is 503 and WeCom sends the callback again, as here.
        var answers = await Task.WhenAll(callbacks.Concat(callbacks).Concat(callbacks).Select(c => PostAsWeComRetries("storm", c)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a[^1]));
        Assert.All(answers.SelectMany(a => a), status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        var records = await PollAsync(() => RecordsAsync("storm"), r => r.Count >= 20 && r.All(e => e.Status == WeComEventStatus.Processed));
        Assert.Equal(20, records.Count);
        Assert.All(records, r => Assert.Equal(WeComEventStatus.Processed, r.Status));
        Assert.All(records, r => Assert.Equal(1, r.Attempts));
    }

    [AppHostFact]
    public async Task One_callback_posted_under_three_casings_of_the_app_is_recorded_and_processed_once()
    {
        var callback = Callback(Fixture.Tenant.Members[2].UserId, 0, "casing-1");

        var responses = new List<HttpResponseMessage>();
        foreach (var app in new[] { "casing", "CASING", "Casing" })
        {
            responses.Add(await Post(app, callback));
        }

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var records = await PollAsync(() => RecordsAsync("casing"), r => r.Count == 1 && r[0].Status == WeComEventStatus.Processed);
        var record = Assert.Single(records);
        Assert.Equal(WeComEventStatus.Processed, record.Status);
        Assert.Equal(1, record.Attempts);
        Assert.Empty(await RecordsAsync("CASING"));
        Assert.Empty(await RecordsAsync("Casing"));
    }

    [AppHostFact]
    public async Task Unknown_apps_and_bad_signatures_are_refused_over_http()
    {
        var callback = SignedCallback.Create(TencentVectors.A.Token, TencentVectors.A.EncodingAesKey, TencentVectors.A.CorpId, "<xml><MsgType>text</MsgType><MsgId>1</MsgId></xml>", 1);

        var unknown = await Fixture.Http.PostAsync(new Uri($"/api/wecom/callback/nobody{callback.QueryString}", UriKind.Relative), new StringContent(callback.BodyXml));
        var forged = await Fixture.Http.PostAsync(new Uri($"/api/wecom/callback/contacts{callback.QueryString.Replace("nonce=", "nonce=x", StringComparison.Ordinal)}", UriKind.Relative), new StringContent(callback.BodyXml));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Empty(await RecordsAsync("contacts"));
    }

    [AppHostFact]
    public async Task A_blob_created_message_is_scanned_and_recorded()
    {
        var content = Encoding.UTF8.GetBytes("客户名单\n身份证号：11010519491231002X\n");
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        await Fixture.Storage.Container(StorageNames.IncomingFilesContainer).GetBlobClient("serve/2026/11/29/m9/list.txt").UploadAsync(new BinaryData(content));

        // As Event Grid's storage-queue handler writes it: the event array as JSON (base64 per host.json's messageEncoding).
        await Fixture.Storage.Queue(StorageNames.FileScanQueue).SendMessageAsync(
            """[{"subject":"/blobServices/default/containers/incoming-files/blobs/serve/2026/11/29/m9/list.txt","eventType":"Microsoft.Storage.BlobCreated"}]""");

        // The FileScans row is written before the finding: wait for each.
        var scans = Fixture.Storage.Table(StorageNames.FileScansTable);
        var row = await PollAsync(() => scans.GetEntityIfExistsAsync<TableEntity>(sha, "file"), r => r.HasValue);
        var findings = Fixture.Storage.Table(StorageNames.FindingsTable);
        var finding = await PollAsync(() => findings.GetEntityIfExistsAsync<TableEntity>("file.sensitive-content", sha), r => r.HasValue);

        Assert.True(row.HasValue, "the file-scan message was not processed");
        Assert.Equal("scanned", row.Value!.GetString("Status"));
        Assert.True(row.Value.GetBoolean("Sensitive"));
        Assert.True(finding.HasValue, "the scan recorded no file.sensitive-content finding");
        Assert.Equal("open", finding.Value!.GetString("Status"));
    }

    [AppHostFact]
    public async Task Each_timer_function_records_its_run()
    {
        // From functions.metadata, so a new timer is covered too; the directory sync first, as at night. The event
        // sweeper and the nudges record no run: their own tests below show what they do.
        var timers = AppHostFixture.Metadata.TimerFunctions.Where(t => t != EventSweeper && t != Nudges)
            .OrderBy(t => t == "SyncDirectory" ? 0 : 1).ThenBy(t => t, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(timers);

        foreach (var timer in timers)
        {
            var table = Fixture.Storage.Table(timer == "SyncDirectory" ? StorageNames.DirectorySyncRunsTable : StorageNames.AuditRunsTable);
            var before = (await RowsAsync(table)).Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);

            await Fixture.Host.RunTimerAsync(timer, CancellationToken.None);

            var added = await PollAsync(async () => (await RowsAsync(table)).Where(r => !before.Contains(r.RowKey)).ToList(), rows => rows.Count > 0 && rows.All(r => r.GetString("Status") != "running"));
            var run = Assert.Single(added);
            Assert.True(run.GetString("Status") == "succeeded", $"{timer}'s run in {table.Name} is {run.GetString("Status")}: {run.GetString("Error")}");
        }
    }

    [AppHostFact]
    public async Task SendNudges_sends_each_responsible_person_one_message_recorded_with_its_msgid()
    {
        Assert.Contains(Nudges, AppHostFixture.Metadata.TimerFunctions);
        await Fixture.Host.RunTimerAsync("SyncDirectory", CancellationToken.None);
        var before = Fixture.Sandbox.State.SentMessages.Count;

        await Fixture.Host.RunTimerAsync(Nudges, CancellationToken.None);

        var messages = await PollAsync(
            async () => (await RowsAsync(Fixture.Storage.Table(StorageNames.NotificationsTable))).Where(r => !r.RowKey.Contains('|', StringComparison.Ordinal)).ToList(),
            rows => rows.Count > 0 && rows.All(r => r.GetString("Status") == "sent"));
        Assert.All(messages, m => Assert.False(string.IsNullOrEmpty(m.GetString("MsgId"))));
        Assert.Equal(messages.Count, Fixture.Sandbox.State.SentMessages.Skip(before).Select(m => m.ToUser).Distinct().Count());
    }

    [AppHostFact]
    public async Task The_event_sweeper_queues_a_record_stuck_in_received_and_it_is_processed_once()
    {
        // As the callback leaves a record when the queue send fails: recorded, never queued, long ago.
        var callback = Callback(Fixture.Tenant.Members[3].UserId, 0, "sweep-1");
        var store = new WeComEventStore(Fixture.Storage);
        var id = "evt-sweep-" + Guid.NewGuid().ToString("N");
        await store.AddOrGetAsync(new WeComEventRecord
        {
            App = "sweep", Id = id, MsgType = "event", Event = "change_contact", ChangeType = "update_user",
            ReceivedAt = DateTimeOffset.UtcNow.AddHours(-1), Envelope = Convert.FromBase64String(callback.Encrypt),
        }, CancellationToken.None);
        Assert.Contains(EventSweeper, AppHostFixture.Metadata.TimerFunctions);

        await Fixture.Host.RunTimerAsync(EventSweeper, CancellationToken.None);

        var record = await PollAsync(() => store.GetAsync("sweep", id, CancellationToken.None), r => r?.Status == WeComEventStatus.Processed);
        Assert.Equal(WeComEventStatus.Processed, record!.Status);
        Assert.Equal(1, record.Attempts);
    }

    [AppHostFact]
    public async Task A_message_that_keeps_failing_moves_to_the_poison_queue_after_maxDequeueCount()
    {
        // An event of a receiver that is no longer configured cannot be decrypted: each attempt claims it and fails.
        var store = new WeComEventStore(Fixture.Storage);
        var id = "retired-" + Guid.NewGuid().ToString("N");
        await store.AddOrGetAsync(new WeComEventRecord { App = "retired", Id = id, MsgType = "event", ReceivedAt = DateTimeOffset.UtcNow, Envelope = [1, 2, 3] }, CancellationToken.None);
        var body = new WeComEventQueueMessage("retired", id).ToJson();
        await Fixture.Storage.Queue(StorageNames.WeComEventsQueue).SendMessageAsync(body);

        var poison = Fixture.Storage.Queue(StorageNames.WeComEventsQueue + StorageNames.PoisonSuffix);
        var poisoned = await PollAsync(async () => (await poison.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList(), bodies => bodies.Contains(body));

        Assert.Contains(body, poisoned);
        var record = await store.GetAsync("retired", id, CancellationToken.None);
        Assert.Equal(MaxDequeueCount(), record!.Attempts);
        Assert.Equal(WeComEventStatus.Failed, record.Status);
    }

    /// <summary>host.json's <c>extensions.queues.maxDequeueCount</c>, as built into the function app.</summary>
    protected static int MaxDequeueCount() =>
        (int)JsonNode.Parse(File.ReadAllText(Path.Combine(AppHostFixture.AppOutput, "host.json")))!["extensions"]!["queues"]!["maxDequeueCount"]!;

    protected static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(200);
        }
    }

    private static SignedCallback Callback(string userId, int index, string nonce) =>
        SignedCallback.Create(TencentVectors.A.Token, TencentVectors.A.EncodingAesKey, TencentVectors.A.CorpId,
            $"<xml><ToUserName><![CDATA[{TencentVectors.A.CorpId}]]></ToUserName><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>update_user</ChangeType><UserID>{userId}</UserID><CreateTime>{1700000000 + index}</CreateTime></xml>",
            DateTimeOffset.UtcNow.ToUnixTimeSeconds(), nonce);

    /// <summary>Posts until the answer is 200 or 10 answers were 503 (storage busy), as WeCom retries; returns every status.</summary>
    private async Task<List<HttpStatusCode>> PostAsWeComRetries(string app, SignedCallback callback)
    {
        var statuses = new List<HttpStatusCode>();
        do
        {
            using var response = await Post(app, callback);
            statuses.Add(response.StatusCode);
        }
        while (statuses[^1] == HttpStatusCode.ServiceUnavailable && statuses.Count < 10);

        return statuses;
    }

    private Task<HttpResponseMessage> Post(string app, SignedCallback callback) =>
        Fixture.Http.PostAsync(new Uri($"/api/wecom/callback/{app}{callback.QueryString}", UriKind.Relative), new StringContent(callback.BodyXml));

    private async Task<List<WeComEventRecord>> RecordsAsync(string app)
    {
        var records = new List<WeComEventRecord>();
        await foreach (var record in new WeComEventStore(Fixture.Storage).ListAsync(app, CancellationToken.None))
        {
            records.Add(record);
        }

        return records;
    }

    private static async Task<List<TableEntity>> RowsAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
