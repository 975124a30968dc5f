using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using WeComGuard.Core.Callbacks;
using WeComGuard.Core.Storage;

namespace WeComGuard.Benchmarks;

/// <summary>
/// A bounded loopback load on a running <c>wecomguard serve</c>: N signed callbacks (plus duplicates) at C concurrent,
/// retried on non-200 as WeCom does; then counts what was recorded and processed. Prints lost, duplicated and ack
/// latency percentiles beside the same run's floor (GET /api/health at the same concurrency).
/// </summary>
internal static class CallbackLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
            .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : string.Empty, StringComparer.Ordinal);
        var url = options["url"].TrimEnd('/');
        var app = options.GetValueOrDefault("app", "contacts");
        var count = int.Parse(options.GetValueOrDefault("count", "2000"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(options.GetValueOrDefault("concurrency", "50"), CultureInfo.InvariantCulture);
        // Steady mode (soak): spread the deliveries over this many seconds instead of sending them as fast as possible.
        var durationSeconds = double.Parse(options.GetValueOrDefault("duration-seconds", "0"), CultureInfo.InvariantCulture);
        var retryDelay = TimeSpan.FromMilliseconds(int.Parse(options.GetValueOrDefault("retry-delay-ms", "200"), CultureInfo.InvariantCulture));
        var attempts = int.Parse(options.GetValueOrDefault("attempts", "4"), CultureInfo.InvariantCulture);
        var token = Environment.GetEnvironmentVariable("LOAD_TOKEN") ?? throw new InvalidOperationException("LOAD_TOKEN is not set.");
        var aesKey = Environment.GetEnvironmentVariable("LOAD_AES_KEY") ?? throw new InvalidOperationException("LOAD_AES_KEY is not set.");
        var corpId = Environment.GetEnvironmentVariable("LOAD_CORP_ID") ?? throw new InvalidOperationException("LOAD_CORP_ID is not set.");
        var storage = StorageClients.FromConnectionString(Environment.GetEnvironmentVariable("AzureWebJobsStorage") ?? throw new InvalidOperationException("AzureWebJobsStorage is not set."));
        var key = WeComCallbackCrypto.DecodeAesKey(aesKey);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var runId = Guid.NewGuid().ToString("N")[..8];

        var floor = await MeasureAsync(count, concurrency, async _ =>
        {
            using var response = await http.GetAsync(new Uri($"{url}/api/health"));
            return response.IsSuccessStatusCode;
        });

        // Each event once, and every 20th delivered a second time (a WeCom retry with a fresh signature).
        var deliveries = Enumerable.Range(0, count).Concat(Enumerable.Range(0, count).Where(i => i % 20 == 0)).ToArray();
        var retries = 0;
        var load = await MeasureAsync(deliveries.Length, concurrency, async index =>
        {
            var i = deliveries[index];
            var plaintext = $"<xml><ToUserName><![CDATA[{corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>{1700000000 + i}</CreateTime>" +
                $"<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event><ChangeType><![CDATA[update_user]]></ChangeType>" +
                $"<UserID><![CDATA[load-{runId}-{i}]]></UserID></xml>";
            for (var attempt = 0; attempt < attempts; attempt++)
            {
                var encrypt = WeComCallbackCrypto.Encrypt(key, Encoding.UTF8.GetBytes(plaintext), corpId);
                var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                var nonce = Random.Shared.Next().ToString(CultureInfo.InvariantCulture);
                var signature = WeComCallbackCrypto.ComputeSignature(token, timestamp, nonce, encrypt);
                var body = $"<xml><ToUserName><![CDATA[{corpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>";
                try
                {
                    using var response = await http.PostAsync(new Uri($"{url}/api/wecom/callback/{app}?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}"),
                        new StringContent(body, Encoding.UTF8, "text/xml"));
                    if (response.IsSuccessStatusCode)
                    {
                        return true;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }

                Interlocked.Increment(ref retries);
                await Task.Delay(retryDelay);
            }

            return false;
        }, durationSeconds > 0 ? index => TimeSpan.FromSeconds(durationSeconds * index / deliveries.Length) : null);

        // Wait for the queue to drain: every event recorded once and processed.
        var table = storage.Table(StorageNames.WeComEventsTable);
        var drain = Stopwatch.StartNew();
        int recorded, processed, multiAttempt;
        do
        {
            recorded = processed = multiAttempt = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == app && e.Timestamp >= DateTimeOffset.UtcNow.AddHours(-1)))
            {
                recorded++;
                if (entity.GetString("Status") == "processed")
                {
                    processed++;
                }

                if ((entity.GetInt32("Attempts") ?? 0) > 1)
                {
                    multiAttempt++;
                }
            }

            if (processed >= count)
            {
                break;
            }

            await Task.Delay(500);
        }
        while (drain.Elapsed < TimeSpan.FromMinutes(5));

        Console.WriteLine($"callbacks: {count} events, {deliveries.Length} deliveries ({deliveries.Length - count} duplicates), concurrency {concurrency}");
        Console.WriteLine($"acked 200: {load.Succeeded}/{deliveries.Length}, client retries: {retries}");
        Console.WriteLine($"records: {recorded} (expected {count}), processed: {processed}, processed more than once: {multiAttempt}");
        Console.WriteLine($"lost: {Math.Max(0, count - processed)}, duplicated: {Math.Max(0, recorded - count)}");
        Console.WriteLine($"ack latency ms  p50 {load.P(50):F1}  p95 {load.P(95):F1}  p99 {load.P(99):F1}  max {load.P(100):F1}  throughput {load.PerSecond:F0}/s");
        Console.WriteLine($"floor (GET /api/health, same concurrency)  p50 {floor.P(50):F1}  p95 {floor.P(95):F1}  p99 {floor.P(99):F1}  throughput {floor.PerSecond:F0}/s");
        Console.WriteLine($"drained in {drain.Elapsed.TotalSeconds:F1} s after the last ack");
        return recorded == count && processed == count && load.Succeeded == deliveries.Length ? 0 : 1;
    }

    private static async Task<LoadResult> MeasureAsync(int requests, int concurrency, Func<int, Task<bool>> send, Func<int, TimeSpan>? dueAt = null)
    {
        var latencies = new double[requests];
        var succeeded = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests)
            {
                if (dueAt is not null && dueAt(index) - clock.Elapsed is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait);
                }

                var started = Stopwatch.GetTimestamp();
                if (await send(index))
                {
                    Interlocked.Increment(ref succeeded);
                }

                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        Array.Sort(latencies);
        return new LoadResult(latencies, succeeded, requests / clock.Elapsed.TotalSeconds);
    }

    private sealed record LoadResult(double[] Sorted, int Succeeded, double PerSecond)
    {
        public double P(int percentile) => Sorted.Length == 0 ? 0 : Sorted[Math.Min(Sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * Sorted.Length) - 1)];
    }
}
