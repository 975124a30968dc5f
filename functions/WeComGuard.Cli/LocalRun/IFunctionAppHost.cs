namespace WeComGuard.Cli.LocalRun;

/// <summary>
/// Where WeCom Guard's functions run for a local run or a conformance test: <c>wecomguard serve</c> in this process
/// (<see cref="ServeAppHost"/>) or the real Azure Functions host as a separate process (<see cref="FunctionsAppHost"/>).
/// Both serve the same routes under <c>/api</c> and the same queues, from the same storage and settings.
/// </summary>
public interface IFunctionAppHost : IAsyncDisposable
{
    /// <summary>Which host this is, for the run's output.</summary>
    string Description { get; }

    /// <summary>Where the HTTP functions listen (<c>/api/...</c>).</summary>
    Uri BaseAddress { get; }

    /// <summary>Runs a timer function now and waits until it finished; throws when it failed.</summary>
    Task RunTimerAsync(string name, CancellationToken cancellationToken);
}
