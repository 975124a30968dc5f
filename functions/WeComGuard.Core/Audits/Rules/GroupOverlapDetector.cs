namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// Finds pairs of groups whose member sets (internal and external userids) have Jaccard similarity at or above a
/// threshold, without comparing every pair: an exact set-similarity join with prefix filtering (Chaudhuri et al.;
/// Bayardo et al. "All-Pairs").
/// </summary>
/// <remarks>
/// Members are ordered from rarest to most common. Two sets with Jaccard ≥ t share at least ⌈t·|x|⌉ members, so their
/// first |x| − ⌈t·|x|⌉ + 1 members in that order must have one in common: only those prefixes go into the inverted
/// index, which keeps a member who is in every group (a bot, a manager) out of almost every lookup. Sets are processed
/// by ascending size, and candidates smaller than t·|x| are skipped (size filter). Because every set already indexed is
/// no larger than the one probing, a set only needs its first |y| − ⌈2t/(1+t)·|y|⌉ + 1 members indexed (All-Pairs'
/// shorter index prefix). Every candidate is verified exactly.
/// </remarks>
public sealed class GroupOverlapDetector
{
    private readonly Dictionary<string, int> _tokens = new(StringComparer.Ordinal);
    private readonly List<string> _chatIds = [];
    private readonly List<int[]> _sets = [];
    private readonly HashSet<string> _seenChats = new(StringComparer.Ordinal);

    public int Count => _sets.Count;

    /// <summary>Adds a group's members (duplicates are ignored). A chat id added twice keeps its first member set.</summary>
    public void Add(string chatId, IEnumerable<string> memberIds)
    {
        ArgumentNullException.ThrowIfNull(chatId);
        ArgumentNullException.ThrowIfNull(memberIds);
        if (!_seenChats.Add(chatId))
        {
            return;
        }

        var set = new HashSet<int>();
        foreach (var member in memberIds)
        {
            if (!_tokens.TryGetValue(member, out var token))
            {
                token = _tokens.Count;
                _tokens.Add(member, token);
            }

            set.Add(token);
        }

        _chatIds.Add(chatId);
        _sets.Add([.. set]);
    }

    /// <summary>Every pair with similarity ≥ <paramref name="threshold"/> among groups with at least <paramref name="minMembers"/> members.</summary>
    public IReadOnlyList<GroupOverlapPair> FindPairs(double threshold, int minMembers)
    {
        if (threshold is <= 0 or > 1 || double.IsNaN(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The Jaccard threshold must be in (0, 1].");
        }

        var candidates = Enumerable.Range(0, _sets.Count).Where(index => _sets[index].Length >= Math.Max(1, minMembers)).ToArray();

        // Rank members from rarest to most common (ties by first appearance) and rewrite each set in rank order.
        var frequency = new int[_tokens.Count];
        foreach (var index in candidates)
        {
            foreach (var token in _sets[index])
            {
                frequency[token]++;
            }
        }

        var byRarity = Enumerable.Range(0, frequency.Length).OrderBy(token => frequency[token]).ThenBy(token => token).ToArray();
        var rank = new int[frequency.Length];
        for (var i = 0; i < byRarity.Length; i++)
        {
            rank[byRarity[i]] = i;
        }

        var ranked = new int[candidates.Length][];
        for (var i = 0; i < candidates.Length; i++)
        {
            var set = _sets[candidates[i]];
            var rewritten = new int[set.Length];
            for (var j = 0; j < set.Length; j++)
            {
                rewritten[j] = rank[set[j]];
            }

            Array.Sort(rewritten);
            ranked[i] = rewritten;
        }

        var order = Enumerable.Range(0, candidates.Length).OrderBy(i => ranked[i].Length).ThenBy(i => i).ToArray();
        var postingsByMember = new Dictionary<int, List<int>>();
        var seenBy = new int[candidates.Length];
        Array.Fill(seenBy, -1);
        var pairs = new List<GroupOverlapPair>();
        var probe = new List<int>();
        foreach (var x in order)
        {
            var setX = ranked[x];
            var required = RequiredOverlap(threshold, setX.Length);
            var prefix = Math.Clamp(setX.Length - required + 1, 1, setX.Length);
            probe.Clear();
            for (var p = 0; p < prefix; p++)
            {
                if (!postingsByMember.TryGetValue(setX[p], out var postings))
                {
                    continue;
                }

                foreach (var y in postings)
                {
                    if (seenBy[y] != x && ranked[y].Length >= required)
                    {
                        seenBy[y] = x;
                        probe.Add(y);
                    }
                }
            }

            foreach (var y in probe)
            {
                var shared = Intersect(setX, ranked[y]);
                var union = setX.Length + ranked[y].Length - shared;
                var similarity = (double)shared / union;
                if (similarity >= threshold)
                {
                    pairs.Add(CreatePair(candidates[x], candidates[y], similarity, shared));
                }
            }

            var indexPrefix = Math.Clamp(setX.Length - RequiredOverlap(2 * threshold / (1 + threshold), setX.Length) + 1, 1, prefix);
            for (var p = 0; p < indexPrefix; p++)
            {
                if (!postingsByMember.TryGetValue(setX[p], out var postings))
                {
                    postings = [];
                    postingsByMember.Add(setX[p], postings);
                }

                postings.Add(x);
            }
        }

        pairs.Sort((left, right) => string.CompareOrdinal(left.Subject, right.Subject));
        return pairs;
    }

    // ⌈t·n⌉, nudged down so that floating-point noise never makes it larger than the exact value (a longer prefix is safe; a shorter one is not).
    private static int RequiredOverlap(double threshold, int size) => Math.Max(1, (int)Math.Ceiling((threshold * size) - 1e-9));

    private static int Intersect(int[] left, int[] right)
    {
        int i = 0, j = 0, shared = 0;
        while (i < left.Length && j < right.Length)
        {
            if (left[i] == right[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (left[i] < right[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return shared;
    }

    private GroupOverlapPair CreatePair(int a, int b, double similarity, int shared)
    {
        var (first, second) = string.CompareOrdinal(_chatIds[a], _chatIds[b]) <= 0 ? (a, b) : (b, a);
        return new GroupOverlapPair(_chatIds[first], _chatIds[second], similarity, shared, _sets[first].Length, _sets[second].Length);
    }
}
