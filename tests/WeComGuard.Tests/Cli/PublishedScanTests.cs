using System.Text;
using WeComGuard.Tests.Infrastructure;
using WeComGuard.Tests.Scanning;

namespace WeComGuard.Tests.Cli;

/// <summary>
/// <c>scripts/wecomguard</c> runs a different build from the tests' (self-contained composite ReadyToRun, precompiled
/// for AVX2: docs/benchmarks.md); the security team must get the same findings from it, byte for byte.
/// </summary>
[Trait("Needs", "Process")]
[Collection(PublishedBuildGroup.Name)]
public sealed class PublishedScanTests : IDisposable
{
    private readonly string _folder = RepoPaths.CreateScratchDirectory("wecomguard-published-scan");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_published_build_writes_the_same_jsonl_as_the_tests_build_for_a_labelled_file()
    {
        // 30,000 lines, several MB: the scanner reads in 1 MiB chunks, so both builds cross chunk edges.
        var path = Path.Combine(_folder, "labelled.txt");
        await File.WriteAllLinesAsync(path, LabelledCorpus.Generate(seed: 20261204, count: 30_000).Select(s => s.Text), new UTF8Encoding(false));
        string[] scan = ["scan", path, "--format", "jsonl", "--fingerprint-key", "published-build"];

        // The first run after a source change publishes (about 5 minutes on 2 cores).
        var published = await CliProcess.RunScanAsync("bash", [Path.Combine(RepoPaths.Root, "scripts", "wecomguard"), .. scan], TimeSpan.FromMinutes(20));
        var built = await CliProcess.RunScanAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "wecomguard.dll"), .. scan], TimeSpan.FromMinutes(2));

        Assert.True(built.ExitCode == 0, built.Error);
        Assert.True(published.ExitCode == 0, published.Error);
        var expected = built.Output.Split('\n');
        var actual = published.Output.Split('\n');
        Assert.True(expected.Length > 20_000, $"only {expected.Length} jsonl lines");
        var first = Enumerable.Range(0, Math.Min(expected.Length, actual.Length)).FirstOrDefault(i => expected[i] != actual[i], -1);
        Assert.True(first < 0, $"line {first + 1}: expected {(first < 0 ? "" : expected[first])}, published build wrote {(first < 0 ? "" : actual[first])}");
        Assert.Equal(expected.Length, actual.Length);
    }
}

/// <summary>
/// Publishing compiles the whole framework on every core for minutes; run alone, after the parallel test classes, so it
/// does not eat into their time limits.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PublishedBuildGroup
{
    public const string Name = "Published build";
}
