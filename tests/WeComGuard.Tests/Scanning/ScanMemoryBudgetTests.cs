using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.Scanning;
using WeComGuard.Tests.Infrastructure;

namespace WeComGuard.Tests.Scanning;

/// <summary>
/// The worst case on one Flex Consumption instance: every queue message the host runs at once is a scan at its full
/// memory budget. That must fit the default 2,048 MB with room left for the Functions host and the worker runtime.
/// </summary>
public sealed class ScanMemoryBudgetTests
{
    private const long Megabyte = 1024 * 1024;
    private const long FlexInstanceMemory = 2048 * Megabyte;

    /// <summary>The Functions host, the isolated worker's runtime and JIT, the event handlers and the storage clients.</summary>
    private const long RuntimeHeadroom = 512 * Megabyte;

    [Fact]
    public void Host_queue_concurrency_times_the_per_file_budget_fits_a_2048_MB_instance_with_headroom()
    {
        var queues = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")))!["extensions"]!["queues"]!;
        var batchSize = (int?)queues["batchSize"] ?? 16;
        // The host fetches the next batch once this few are left, so up to batchSize + newBatchThreshold run at once.
        var newBatchThreshold = (int?)queues["newBatchThreshold"] ?? batchSize / 2;
        var budget = new ScanningOptions().MaxMemoryBytes;

        var worstCase = (batchSize + newBatchThreshold) * budget;

        Assert.True(worstCase + RuntimeHeadroom <= FlexInstanceMemory,
            $"{batchSize + newBatchThreshold} scans at once × {budget / Megabyte} MB = {worstCase / Megabyte} MB; with {RuntimeHeadroom / Megabyte} MB for the runtime that is over {FlexInstanceMemory / Megabyte} MB");
    }

    [Fact]
    public void The_memory_budget_and_the_pdf_stream_limit_are_read_from_settings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scanning:FingerprintKey"] = "test-key",
            ["Scanning:MaxMemoryBytes"] = "268435456",
            ["Scanning:MaxPdfStreamBytes"] = "16777216",
        }).Build();

        var options = configuration.ResolveValidatedOptions<ScanningOptions>(ScanningServiceCollectionExtensions.AddScanningOptions);

        Assert.Equal((268435456L, 16777216L), (options.MaxMemoryBytes, options.MaxPdfStreamBytes));
    }
}
