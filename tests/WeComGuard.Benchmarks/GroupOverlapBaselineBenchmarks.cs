using BenchmarkDotNet.Attributes;

namespace WeComGuard.Benchmarks;

/// <summary>
/// The quadratic baseline for group.overlap: compare every pair of groups (HashSet intersections). Run at 2,000 groups
/// only: at 20,000 it is 100 times the pairs (2×10^8), minutes per iteration.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class GroupOverlapBaselineBenchmarks
{
    private List<HashSet<string>> _sets = [];

    [Params(2_000)]
    public int Groups { get; set; }

    [GlobalSetup]
    public void Setup() => _sets = GroupOverlapBenchmarks.CreateTenant(Groups, seed: 20261129)
        .Where(group => group.Members.Length >= 3)
        .Select(group => group.Members.ToHashSet(StringComparer.Ordinal))
        .ToList();

    [Benchmark(Description = "every pair (baseline)")]
    public int EveryPair()
    {
        var found = 0;
        for (var a = 0; a < _sets.Count; a++)
        {
            for (var b = a + 1; b < _sets.Count; b++)
            {
                var shared = _sets[a].Count(_sets[b].Contains);
                if ((double)shared / (_sets[a].Count + _sets[b].Count - shared) >= 0.8)
                {
                    found++;
                }
            }
        }

        return found;
    }
}
