using WeComGuard.Cli.LocalRun;
using WeComGuard.Tests.Cli;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Host;

/// <summary>
/// The main job (what ./scripts/run-local.sh runs) under the real Azure Functions host, beside the same job under
/// <c>wecomguard serve</c> on a storage of its own: both show the whole expected run, and the same summary.
/// </summary>
[RequiresFunctionsHost]
[Trait("Needs", "Azurite"), Trait("Needs", "FunctionsHost")]
public sealed class LocalRunUnderFunctionsHostTests
{
    [AppHostFact]
    public async Task The_main_job_under_the_real_host_shows_the_same_summary_as_under_serve()
    {
        var underServe = await RunAsync(functionsHost: false);
        var underHost = await RunAsync(functionsHost: true);

        LocalRunEndToEndTests.AssertMainJob(underHost.Summary, underHost.Progress);
        Assert.Contains(FunctionsHostAvailability.Require().Description, underHost.Progress, StringComparison.Ordinal);
        Assert.Equal(Sorted(underServe.Summary.EventsByStatus), Sorted(underHost.Summary.EventsByStatus));
        Assert.Equal(Sorted(underServe.Summary.OpenFindingsByRule), Sorted(underHost.Summary.OpenFindingsByRule));
        Assert.Equal(Sorted(underServe.Summary.OpenFindingsBySeverity), Sorted(underHost.Summary.OpenFindingsBySeverity));
        Assert.Equal(underServe.Summary.Files.Order(), underHost.Summary.Files.Order());
        Assert.Equal(underServe.Summary.Runs.Select(r => (r.Job, r.Status)).Order(), underHost.Summary.Runs.Select(r => (r.Job, r.Status)).Order());
        Assert.Equal(underServe.Summary.ForgedCallbackStatus, underHost.Summary.ForgedCallbackStatus);
        Assert.Equal(underServe.Summary.MessagesToSecurityTeam, underHost.Summary.MessagesToSecurityTeam);
    }

    private static async Task<(LocalRunSummary Summary, string Progress)> RunAsync(bool functionsHost)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var output = RepoPaths.CreateScratchDirectory(functionsHost ? "local-run-host" : "local-run-serve");
        var options = new LocalRunOptions(azurite.ConnectionString, Members: 120, Groups: 30, Seed: 7, Events: 60, output)
        {
            FunctionsHost = functionsHost ? FunctionsHostAvailability.Require() : null,
            FunctionApp = functionsHost ? AppHostFixture.AppOutput : null,
        };
        var progress = new StringWriter();
        var summary = await new LocalRunner(options, progress).RunAsync(null, CancellationToken.None);
        return (summary, progress.ToString());
    }

    private static List<KeyValuePair<string, int>> Sorted(Dictionary<string, int> counts) =>
        [.. counts.OrderBy(c => c.Key, StringComparer.Ordinal)];
}
