using System.Globalization;
using System.Text.Json.Nodes;
using WeComGuard.Core.Scanning;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Infra;

/// <summary>The per-file scan budget each deployment sets, times host.json's queue concurrency, fits that deployment's instance memory.</summary>
[Collection(InfraTestGroup.Name)]
[Trait("Needs", "Bicep")]
public sealed class ScanMemoryBudgetInfraTests(InfraFixture infra)
{
    public static TheoryData<string> Deployments => [.. InfraFixture.Deployments];

    [Theory]
    [MemberData(nameof(Deployments))]
    public void The_deployed_scan_budget_times_queue_concurrency_fits_the_instance(string deployment)
    {
        var snapshot = infra.Require(deployment);
        var budget = long.Parse(snapshot.AppSettings["Scanning__MaxMemoryBytes"], NumberStyles.None, CultureInfo.InvariantCulture);
        var queues = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")))!["extensions"]!["queues"]!;
        var concurrency = (int)queues["batchSize"]! + (int)queues["newBatchThreshold"]!;
        var instanceMemoryMb = (int?)snapshot.FunctionApp["properties"]?["functionAppConfig"]?["scaleAndConcurrency"]?["instanceMemoryMB"];

        if (instanceMemoryMb is { } megabytes)
        {
            Assert.True(concurrency * budget <= (megabytes - (megabytes <= 512 ? 256 : 512)) * 1024L * 1024,
                $"{deployment}: {concurrency} × {budget} bytes does not fit {megabytes} MB with room for the runtime");
        }

        if (instanceMemoryMb is null or 2048)
        {
            Assert.Equal(new ScanningOptions().MaxMemoryBytes, budget);
        }
    }
}
