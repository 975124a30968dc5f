using WeComGuard.Cli.FunctionsHost;
using WeComGuard.Core.Storage;

namespace WeComGuard.Cli.LocalRun;

/// <summary>The real Azure Functions host running the function app's build output; timers run through its admin API.</summary>
public sealed class FunctionsAppHost : IFunctionAppHost
{
    private static readonly TimeSpan TimerTimeout = TimeSpan.FromMinutes(10);

    private FunctionsAppHost(FunctionsHostLocation location, FunctionsHostProcess process)
    {
        Location = location;
        Process = process;
    }

    public string Description => Location.Description;

    public Uri BaseAddress => Process.BaseAddress;

    public FunctionsHostLocation Location { get; }

    public FunctionsHostProcess Process { get; }

    /// <summary>
    /// Creates the storage WeCom Guard uses (the host creates none), then starts the host on <paramref name="appOutput"/>
    /// with the given settings as its environment. Timer schedules that the settings leave out are set to once a year
    /// (1 January), so that every timer indexes and none fires during the run.
    /// </summary>
    public static async Task<FunctionsAppHost> StartAsync(
        FunctionsHostLocation location, string appOutput, string workDirectory, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var connection = settings.GetValueOrDefault(StorageNames.ConnectionSetting)
            ?? throw new ArgumentException($"{StorageNames.ConnectionSetting} is not set.", nameof(settings));
        await StorageClients.FromConnectionString(connection).EnsureCreatedAsync(cancellationToken);
        var all = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase);
        foreach (var schedule in FunctionAppMetadata.Load(appOutput).ScheduleSettings)
        {
            all.TryAdd(schedule, "0 0 0 1 1 *");
        }

        var process = await FunctionsHostProcess.StartAsync(location, appOutput, workDirectory, all, cancellationToken);
        return new FunctionsAppHost(location, process);
    }

    public Task RunTimerAsync(string name, CancellationToken cancellationToken) =>
        Process.RunFunctionAsync(name, TimerTimeout, cancellationToken);

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
