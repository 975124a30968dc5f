using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeComGuard.Core.DirectoryMirror;
using WeComGuard.Core.Storage;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Benchmarks;

/// <summary>
/// Full directory sync against a running sandbox (<c>wecomguard sandbox</c> in another process, so this process's memory is
/// the sync's own) and Azurite. Prints wall time beside the floor set by the per-API rate limit, and peak memory.
/// Usage: <c>sync-directory --wecom URL --corp-id ID --members N --groups M --limit L [--runs R]</c>; storage from AzureWebJobsStorage.
/// </summary>
internal static class DirectorySyncLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Parse(args);
        var wecom = options["--wecom"];
        var members = int.Parse(options["--members"], CultureInfo.InvariantCulture);
        var groups = int.Parse(options["--groups"], CultureInfo.InvariantCulture);
        var limit = int.Parse(options["--limit"], CultureInfo.InvariantCulture);
        var runs = int.Parse(options.GetValueOrDefault("--runs", "1"), CultureInfo.InvariantCulture);
        var storage = Environment.GetEnvironmentVariable("AzureWebJobsStorage") ?? throw new InvalidOperationException("Set AzureWebJobsStorage.");

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeCom:ApiBaseUrl"] = wecom,
            ["WeCom:CorpId"] = options["--corp-id"],
            ["WeCom:AppSecret"] = "benchmark-secret",
            ["WeCom:RateLimitPerMinute"] = limit.ToString(CultureInfo.InvariantCulture),
        }).Build();
        var busy = new BusyCounter();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(busy).SetMinimumLevel(LogLevel.Warning));
        var clients = StorageClients.FromConnectionString(storage);
        await clients.EnsureCreatedAsync();
        services.AddSingleton(clients);
        services.AddWeComDirectory(configuration);
        await using var provider = services.BuildServiceProvider();
        var sync = provider.GetRequiredService<DirectorySync>();

        // The slowest API sets the floor: every group needs one groupchat/get; departments need department/get and user/list.
        var departments = Math.Max(2, members / 100);
        var callsPerApi = new Dictionary<string, int>
        {
            ["externalcontact/groupchat/get"] = groups,
            ["externalcontact/groupchat/list"] = (groups + 999) / 1000,
            ["department/get"] = departments,
            ["user/list"] = departments,
        };
        var floor = TimeSpan.FromMinutes(callsPerApi.Values.Max() / (double)limit);
        Console.WriteLine($"tenant: {members} members, {departments} departments, {groups} groups; limit {limit} calls/min per API");
        Console.WriteLine($"floor: {callsPerApi.MaxBy(c => c.Value).Key} x {callsPerApi.Values.Max()} at {limit}/min = {floor.TotalSeconds:F1} s");

        using var sampler = new PeakHeapSampler();
        for (var run = 1; run <= runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var result = await sync.SyncAsync(CancellationToken.None);
            watch.Stop();
            using var process = Process.GetCurrentProcess();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: {result.Status}, {watch.Elapsed.TotalSeconds:F1} s = {watch.Elapsed / floor:F2}x floor; read {result.Members} members / {result.Departments} departments / {result.GroupChats} groups; wrote {result.Written} rows; marked removed {result.MarkedRemoved}; 45009 retries so far {busy.Count}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"memory: peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB, peak managed heap {sampler.PeakBytes / 1048576.0:F0} MB"));
        }

        return 0;
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        return values;
    }

    private sealed class PeakHeapSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public PeakHeapSampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

        public long PeakBytes
        {
            get
            {
                Sample();
                return Interlocked.Read(ref _peak);
            }
        }

        public void Dispose() => _timer.Dispose();

        private void Sample()
        {
            var now = GC.GetTotalMemory(forceFullCollection: false);
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }
        }
    }

    private sealed class BusyCounter : ILoggerProvider, ILogger
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (message.Contains("errcode 45009", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
            else if (logLevel >= LogLevel.Error)
            {
                Console.Error.WriteLine(message + " " + exception?.Message);
            }
        }

        public void Dispose()
        {
        }
    }
}
