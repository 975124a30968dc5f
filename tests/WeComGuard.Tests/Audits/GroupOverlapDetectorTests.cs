using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Rules;

namespace WeComGuard.Tests.Audits;

public sealed class GroupOverlapDetectorTests
{
    private static string[] Users(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => $"{prefix}{i}")];

    [Fact]
    public void Finds_a_pair_at_exactly_the_threshold_and_not_just_below()
    {
        var detector = new GroupOverlapDetector();
        detector.Add("wrB", ["a", "b", "c", "d"]);
        detector.Add("wrA", ["a", "b", "c", "d", "e"]); // 4/5 = 0.8
        detector.Add("wrC", ["a", "b", "c", "x", "y"]); // with wrA: 3/7

        var pair = Assert.Single(detector.FindPairs(0.8, 3));

        Assert.Equal("wrA|wrB", pair.Subject);
        Assert.Equal(0.8, pair.Similarity);
        Assert.Equal(4, pair.SharedMembers);
        Assert.Empty(detector.FindPairs(0.81, 3));
    }

    [Fact]
    public void Groups_below_the_minimum_size_are_not_compared()
    {
        var detector = new GroupOverlapDetector();
        detector.Add("wr1", ["a", "b"]);
        detector.Add("wr2", ["a", "b"]);
        detector.Add("wr3", ["a", "b", "c"]);
        detector.Add("wr4", ["c", "b", "a", "a"]);

        Assert.Equal(["wr3|wr4"], detector.FindPairs(0.8, 3).Select(pair => pair.Subject));
        Assert.Equal(["wr1|wr2", "wr3|wr4"], detector.FindPairs(0.8, 2).Select(pair => pair.Subject));
    }

    [Fact]
    public void Agrees_with_comparing_every_pair_on_random_groups()
    {
        var random = new Random(20261129);
        var groups = new List<(string Id, string[] Members)>();
        var pool = Users("u", 60);
        for (var i = 0; i < 300; i++)
        {
            var baseGroup = i > 0 && random.NextDouble() < 0.4 ? groups[random.Next(groups.Count)].Members : null;
            var members = baseGroup is not null
                ? baseGroup.Where(_ => random.NextDouble() < 0.9).Concat(pool.Where(_ => random.NextDouble() < 0.03)).Distinct().ToArray()
                : pool.Where(_ => random.NextDouble() < 0.1).Append("owner-bot").ToArray();
            groups.Add(($"wr{i:D4}", members));
        }

        var detector = new GroupOverlapDetector();
        foreach (var (id, members) in groups)
        {
            detector.Add(id, members);
        }

        foreach (var threshold in new[] { 0.5, 0.8, 1.0 })
        {
            var expected = new List<string>();
            for (var a = 0; a < groups.Count; a++)
            {
                for (var b = a + 1; b < groups.Count; b++)
                {
                    var x = groups[a].Members.ToHashSet();
                    var y = groups[b].Members.ToHashSet();
                    if (x.Count < 3 || y.Count < 3)
                    {
                        continue;
                    }

                    var shared = x.Intersect(y).Count();
                    if ((double)shared / (x.Count + y.Count - shared) >= threshold)
                    {
                        expected.Add($"{groups[a].Id}|{groups[b].Id}");
                    }
                }
            }

            var found = detector.FindPairs(threshold, 3).Select(pair => pair.Subject).ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected.Order(StringComparer.Ordinal), found);
        }
    }

    [Fact]
    public void Overlap_findings_use_sorted_chat_ids_as_subject()
    {
        var detector = new GroupOverlapDetector();
        detector.Add("wrZ", ["a", "b", "c"]);
        detector.Add("wrA", ["a", "b", "c"]);

        var finding = Assert.Single(GroupOverlapRule.Evaluate(detector, new AuditOptions(), chatId => chatId == "wrA" ? "销售部" : null));

        Assert.Equal(("group.overlap", "wrA|wrZ", "销售部"), (finding.Rule, finding.Subject, finding.Department));
        Assert.Equal(1.0, finding.Details["similarity"]!.GetValue<double>());
    }
}
