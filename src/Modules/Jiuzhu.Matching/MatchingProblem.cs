namespace Jiuzhu.Matching;

/// <summary>
/// What the matcher solves: needs numbered 0..n-1 with a priority (1 most urgent, 2, 3), resources numbered 0..m-1
/// with a capacity (a provider's total, or a provider-item pair per period), and the feasible edges between them.
/// When a pair appears more than once (a provider reachable from several service points) the shortest edge counts.
/// </summary>
public sealed class MatchingProblem
{
    /// <summary>Priorities run from 1 (red, most urgent) to this value (green).</summary>
    public const int LowestPriority = 3;

    private readonly byte[] _priorities;
    private readonly int[] _capacities;

    public MatchingProblem(IReadOnlyList<int> needPriorities, IReadOnlyList<int> resourceCapacities, IReadOnlyCollection<FeasibleEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(needPriorities);
        ArgumentNullException.ThrowIfNull(resourceCapacities);
        ArgumentNullException.ThrowIfNull(edges);
        var n = needPriorities.Count;
        var m = resourceCapacities.Count;
        _priorities = new byte[n];
        for (var i = 0; i < n; i++)
        {
            var p = needPriorities[i];
            if (p is < 1 or > LowestPriority)
            {
                throw new ArgumentOutOfRangeException(nameof(needPriorities), p, $"need {i}: priority must be 1, 2 or 3");
            }

            _priorities[i] = (byte)p;
        }

        _capacities = new int[m];
        for (var j = 0; j < m; j++)
        {
            _capacities[j] = resourceCapacities[j] >= 0
                ? resourceCapacities[j]
                : throw new ArgumentOutOfRangeException(nameof(resourceCapacities), resourceCapacities[j], $"resource {j}: capacity must not be negative");
        }

        // Compressed rows by need, each row sorted by (distance, resource) so the nearest comes first.
        var start = new int[n + 1];
        foreach (var e in edges)
        {
            if ((uint)e.Need >= (uint)n || (uint)e.Resource >= (uint)m || e.Millimetres < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(edges), e, "edge outside the needs, the resources or with a negative distance");
            }

            start[e.Need + 1]++;
        }

        for (var i = 0; i < n; i++)
        {
            start[i + 1] += start[i];
        }

        var fill = start[..n];
        var resource = new int[edges.Count];
        var millimetres = new long[edges.Count];
        foreach (var e in edges)
        {
            var at = fill[e.Need]++;
            resource[at] = e.Resource;
            millimetres[at] = e.Millimetres;
        }

        // Sort each row and drop repeated pairs, keeping the shortest; rows are short, so sort in place.
        var kept = 0;
        var keys = new (long Mm, int Resource)[16];
        var rowStart = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            var length = start[i + 1] - start[i];
            if (keys.Length < length)
            {
                keys = new (long, int)[Math.Max(length, keys.Length * 2)];
            }

            for (var k = 0; k < length; k++)
            {
                keys[k] = (millimetres[start[i] + k], resource[start[i] + k]);
            }

            Array.Sort(keys, 0, length);
            rowStart[i] = kept;
            for (var k = 0; k < length; k++)
            {
                var duplicate = false;
                for (var q = rowStart[i]; q < kept; q++)
                {
                    if (resource[q] == keys[k].Resource)
                    {
                        duplicate = true;
                        break;
                    }
                }

                if (!duplicate)
                {
                    resource[kept] = keys[k].Resource;
                    millimetres[kept] = keys[k].Mm;
                    kept++;
                }
            }
        }

        rowStart[n] = kept;
        EdgeStart = rowStart;
        EdgeResource = kept == resource.Length ? resource : resource[..kept];
        EdgeMillimetres = kept == millimetres.Length ? millimetres : millimetres[..kept];
    }

    public int NeedCount => _priorities.Length;

    public int ResourceCount => _capacities.Length;

    /// <summary>Distinct feasible (need, resource) pairs.</summary>
    public int EdgeCount => EdgeResource.Length;

    public int PriorityOf(int need) => _priorities[need];

    public int CapacityOf(int resource) => _capacities[resource];

    internal ReadOnlySpan<byte> Priorities => _priorities;

    internal ReadOnlySpan<int> Capacities => _capacities;

    /// <summary>Row i of the edges is [EdgeStart[i], EdgeStart[i+1]), nearest first.</summary>
    internal int[] EdgeStart { get; }

    internal int[] EdgeResource { get; }

    internal long[] EdgeMillimetres { get; }
}
