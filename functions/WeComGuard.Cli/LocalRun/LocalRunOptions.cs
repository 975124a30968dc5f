using WeComGuard.Cli.FunctionsHost;

namespace WeComGuard.Cli.LocalRun;

/// <summary>
/// What a local run does. With <paramref name="FunctionsHost"/> and <paramref name="FunctionApp"/> (the function app's
/// build output) it runs under the real Azure Functions host; without, under <c>wecomguard serve</c> in this process.
/// </summary>
public sealed record LocalRunOptions(
    string StorageConnectionString, int Members, int Groups, int Seed, int Events, string OutputDirectory,
    FunctionsHostLocation? FunctionsHost = null, string? FunctionApp = null);
