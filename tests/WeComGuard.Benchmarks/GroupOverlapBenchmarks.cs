using BenchmarkDotNet.Attributes;
using WeComGuard.Core.Audits.Rules;

namespace WeComGuard.Benchmarks;

/// <summary>
/// group.overlap on a synthetic tenant: the prefix-filtered join the group audit runs. The quadratic baseline (comparing
/// every pair) is <see cref="GroupOverlapBaselineBenchmarks"/>, run in the same session.
/// </summary>
/// <remarks>
/// Groups have 3 to 200 members (most small), drawn from 100,000 members and external contacts; one manager is in every
/// group and a bot in a third of them (the worst case for a plain inverted index); 2% of groups are near copies of another.
/// </remarks>
[MemoryDiagnoser]
[ShortRunJob]
public class GroupOverlapBenchmarks
{
    private List<(string ChatId, string[] Members)> _groups = [];

    [Params(2_000, 20_000)]
    public int Groups { get; set; }

    [GlobalSetup]
    public void Setup() => _groups = CreateTenant(Groups, seed: 20261129);

    [Benchmark(Description = "prefix-filtered join (audit)")]
    public int PrefixFilteredJoin()
    {
        var detector = new GroupOverlapDetector();
        foreach (var (chatId, members) in _groups)
        {
            detector.Add(chatId, members);
        }

        return detector.FindPairs(0.8, 3).Count;
    }

    internal static List<(string ChatId, string[] Members)> CreateTenant(int groupCount, int seed)
    {
        var random = new Random(seed);
        var groups = new List<(string, string[])>(groupCount);
        for (var i = 0; i < groupCount; i++)
        {
            string[] members;
            if (i > 10 && random.NextDouble() < 0.02)
            {
                var (_, original) = groups[random.Next(groups.Count)];
                members = [.. original.Where(_ => random.NextDouble() < 0.95), $"wm{random.Next(100_000)}"];
            }
            else
            {
                var size = 3 + (int)(197 * Math.Pow(random.NextDouble(), 3));
                var set = new HashSet<string>(StringComparer.Ordinal) { "manager0001" };
                if (random.NextDouble() < 0.33)
                {
                    set.Add("bot0001");
                }

                while (set.Count < size)
                {
                    set.Add(random.NextDouble() < 0.3 ? $"user{random.Next(30_000)}" : $"wm{random.Next(70_000)}");
                }

                members = [.. set];
            }

            groups.Add(($"wr{i:D6}", members));
        }

        return groups;
    }
}
