using System.Diagnostics;
using Azure;
using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Core.Events;
using WeComGuard.Core.Storage;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Callbacks;

/// <summary>
/// Issue 11 item 7: storage that accepts connections and never answers (a <see cref="HangingTcpProxy"/> in front of
/// Azurite). WeCom gets 503 within its 5 s, and a record the queue never took is queued by the sweeper, processed once.
/// </summary>
[Trait("Needs", "Azurite")]
public sealed class StorageHangTests
{
    private const string App = "contacts";

    [Fact]
    public async Task Hanging_table_and_queue_storage_gives_503_within_WeComs_5_seconds()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await azurite.CreateClients().EnsureCreatedAsync();
        await using var tables = HangingTcpProxy.Forwarding(azurite.TablePort);
        await using var queues = HangingTcpProxy.Forwarding(azurite.QueuePort);
        var clock = TestServices.ClockAt(1409659813);
        await using var endpoint = new CallbackEndpoint(Through(azurite, tables, queues), Receiver(), clock);
        Assert.Equal(200, (await endpoint.PostAsync(App, Callback("lisi"))).StatusCode); // warm: the same path answered

        tables.Hang();
        queues.Hang();
        var watch = Stopwatch.StartNew();
        var response = await endpoint.PostAsync(App, Callback("wangwu"));
        watch.Stop();

        Assert.Equal(503, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"answered after {watch.Elapsed.TotalSeconds:F1} s; WeCom gives up after 5 s");
    }

    [Fact]
    public async Task A_record_the_hanging_queue_never_took_stays_received_until_the_sweeper_queues_it_and_it_is_processed_once()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await azurite.CreateClients().EnsureCreatedAsync();
        await using var queues = HangingTcpProxy.Hanging(azurite.QueuePort);
        var clock = TestServices.ClockAt(1409659813);
        var applier = new CountingApplier();
        await using var endpoint = new CallbackEndpoint(Through(azurite, null, queues), Receiver(), clock,
            services => services.AddSingleton<IWeComEventApplier>(applier));

        var response = await endpoint.PostAsync(App, Callback("wangwu"));

        Assert.Equal(503, response.StatusCode);
        Assert.Equal(WeComEventStatus.Received, Assert.Single(await endpoint.RecordsAsync(App)).Status);

        // The queue is back, WeCom has given up: a sweep before the threshold leaves the record to WeCom's retries...
        queues.Forward();
        await endpoint.Sweeper.RunAsync(CancellationToken.None);
        Assert.Equal(0, await endpoint.QueuedCountAsync(App));
        Assert.Equal(WeComEventStatus.Received, Assert.Single(await endpoint.RecordsAsync(App)).Status);

        // ...past it, two overlapping sweeps queue it (once or twice), and it is processed exactly once.
        clock.Advance(TimeSpan.FromMinutes(new EventSweepOptions().StuckAfterMinutes + 1));
        await Task.WhenAll(endpoint.Sweeper.RunAsync(CancellationToken.None), endpoint.Sweeper.RunAsync(CancellationToken.None));
        Assert.InRange(await endpoint.QueuedCountAsync(App), 1, 2);
        await endpoint.DrainAsync(App);

        var record = Assert.Single(await endpoint.RecordsAsync(App));
        Assert.Equal(WeComEventStatus.Processed, record.Status);
        Assert.Equal(1, record.Attempts);
        Assert.Equal("wangwu", ((MemberChangeEvent)Assert.Single(applier.Applied).Event).UserId);

        // Processed records are never swept again.
        clock.Advance(TimeSpan.FromHours(1));
        await endpoint.Sweeper.RunAsync(CancellationToken.None);
        Assert.Equal(0, await endpoint.QueuedCountAsync(App));
    }

    public static TheoryData<string, Exception> HangShapes => new()
    {
        { "the SDK's network timeout", new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:00:01.5.") },
        { "every attempt timed out", new AggregateException(new TaskCanceledException("timeout 1"), new TaskCanceledException("timeout 2")) },
        { "a timeout, then a reset", new AggregateException(new TaskCanceledException("timeout"), new RequestFailedException("connection reset")) },
        { "a reset while reading", new AggregateException(new IOException("Unable to read data from the transport connection")) },
        { "nested", new AggregateException(new AggregateException(new OperationCanceledException())) },
    };

    [Theory]
    [MemberData(nameof(HangShapes))]
    public void Every_hang_shape_is_storage_unavailable_unless_the_caller_cancelled(string shape, Exception error)
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.True(StorageUnavailableException.IsTransient(error, CancellationToken.None), shape);
        Assert.False(StorageUnavailableException.IsTransient(error, cancelled.Token), shape);
    }

    /// <summary>
    /// Storage that answers every call this late: the first call, a retry or the queue send runs into the callback's
    /// deadline at a different point for each. The answer is 200 only once the record is durable, else 503, never 500,
    /// and always inside WeCom's 5 s; WeCom's retry, once storage is quick again, records and processes the event once.
    /// </summary>
    [Theory]
    [InlineData(1.0)] // each call answered in time (or 503 if the machine is slow too)
    [InlineData(2.5)] // the record is written, the queue send is cut off
    [InlineData(3.5)] // the record's write times out once and its retry is cut off
    [InlineData(6.0)] // nothing comes back within the deadline
    public async Task Slow_storage_answers_200_once_durable_or_503_and_never_500_within_WeComs_5_seconds(double secondsLate)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await azurite.CreateClients().EnsureCreatedAsync();
        await using var tables = HangingTcpProxy.Forwarding(azurite.TablePort);
        await using var queues = HangingTcpProxy.Forwarding(azurite.QueuePort);
        var clock = TestServices.ClockAt(1409659813);
        var applier = new CountingApplier();
        await using var endpoint = new CallbackEndpoint(Through(azurite, tables, queues), Receiver(), clock,
            services => services.AddSingleton<IWeComEventApplier>(applier));
        var callback = Callback("wangwu");

        tables.AnswerLate(TimeSpan.FromSeconds(secondsLate));
        queues.AnswerLate(TimeSpan.FromSeconds(secondsLate));
        var watch = Stopwatch.StartNew();
        var response = await endpoint.PostAsync(App, callback);
        watch.Stop();
        tables.Forward();
        queues.Forward();

        Assert.True(response.StatusCode is 200 or 503, $"answered {response.StatusCode}: {response.Content}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"answered after {watch.Elapsed.TotalSeconds:F1} s; WeCom gives up after 5 s");
        if (response.StatusCode == 200)
        {
            Assert.Single(await endpoint.RecordsAsync(App)); // acknowledged: durable
        }

        Assert.Equal(200, (await endpoint.PostAsync(App, callback)).StatusCode); // WeCom's retry
        await endpoint.DrainAsync(App);
        var record = Assert.Single(await endpoint.RecordsAsync(App));
        Assert.Equal(WeComEventStatus.Processed, record.Status);
        Assert.Equal(1, record.Attempts);
        Assert.Single(applier.Applied);
    }

    private static string Through(AzuriteProcess azurite, HangingTcpProxy? tables, HangingTcpProxy? queues)
    {
        var connection = azurite.ConnectionString;
        if (tables is not null)
        {
            connection = connection.Replace($"127.0.0.1:{azurite.TablePort}/", $"127.0.0.1:{tables.Port}/", StringComparison.Ordinal);
        }

        if (queues is not null)
        {
            connection = connection.Replace($"127.0.0.1:{azurite.QueuePort}/", $"127.0.0.1:{queues.Port}/", StringComparison.Ordinal);
        }

        return connection;
    }

    private static Dictionary<string, string?> Receiver() =>
        CallbackEndpoint.Receiver(App, TencentVectors.A.Token, TencentVectors.A.EncodingAesKey, TencentVectors.A.CorpId);

    private static SignedCallback Callback(string userId) =>
        SignedCallback.Create(TencentVectors.A.Token, TencentVectors.A.EncodingAesKey, TencentVectors.A.CorpId,
            $"<xml><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>create_user</ChangeType><UserID>{userId}</UserID></xml>", 1409659813);
}
