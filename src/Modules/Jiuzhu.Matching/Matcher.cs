using System.Collections.Concurrent;

namespace Jiuzhu.Matching;

/// <summary>
/// The optimal matcher (docs/matching.md, ADR 0014): splits the feasible graph into connected parts, solves the parts
/// on every core, and within a part adds needs one at a time in priority order along shortest augmenting paths, which
/// keeps the assignment optimal for the needs added so far.
/// </summary>
public static class Matcher
{
    /// <summary>Solves <paramref name="problem"/>; <paramref name="maxDegreeOfParallelism"/> -1 uses every core.</summary>
    public static MatchingResult Solve(MatchingProblem problem, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var n = problem.NeedCount;
        var m = problem.ResourceCount;
        var start = problem.EdgeStart;
        var edgeResource = problem.EdgeResource;
        var capacities = problem.Capacities.ToArray(); // what is left after the uncontested needs are placed
        var resource = new int[n];
        Array.Fill(resource, -1);
        var millimetres = new long[n];
        var placed = PlaceUncontested(problem, capacities, resource, millimetres);

        // Union-find over needs (0..n-1) and resources (n..n+m-1), through edges to resources that have room at all.
        var parent = new int[n + m];
        for (var v = 0; v < parent.Length; v++)
        {
            parent[v] = v;
        }

        for (var i = 0; i < n; i++)
        {
            for (var k = start[i]; k < start[i + 1] && resource[i] < 0; k++)
            {
                if (capacities[edgeResource[k]] > 0)
                {
                    Union(parent, i, n + edgeResource[k]);
                }
            }
        }

        // Number the parts that hold a usable edge, and list each part's needs and resources contiguously.
        var partOfRoot = new int[n + m];
        Array.Fill(partOfRoot, -1);
        var parts = 0;
        var needPart = new int[n];
        for (var i = 0; i < n; i++)
        {
            needPart[i] = -1;
            var usable = false;
            if (resource[i] >= 0)
            {
                continue;
            }

            for (var k = start[i]; k < start[i + 1] && !usable; k++)
            {
                usable = capacities[edgeResource[k]] > 0;
            }

            if (usable)
            {
                var root = Find(parent, i);
                needPart[i] = partOfRoot[root] >= 0 ? partOfRoot[root] : partOfRoot[root] = parts++;
            }
        }

        var resourcePart = new int[m];
        for (var j = 0; j < m; j++)
        {
            resourcePart[j] = capacities[j] > 0 ? partOfRoot[Find(parent, n + j)] : -1;
        }

        var needsOf = Group(needPart, parts);
        var resourcesOf = Group(resourcePart, parts);

        var localOfResource = new int[m];
        var trivial = 0;
        var order = Enumerable.Range(0, parts)
            .OrderByDescending(c => needsOf.Start[c + 1] - needsOf.Start[c])
            .ThenBy(c => c)
            .ToArray();
        // Parts are handed out one at a time, largest first, so the large parts start at once on different cores.
        Parallel.ForEach(
            Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            () => new PartSolver(problem, capacities, localOfResource, resource, millimetres),
            (c, _, solver) =>
            {
                if (solver.Solve(needsOf.Slice(c), resourcesOf.Slice(c)))
                {
                    Interlocked.Increment(ref trivial);
                }

                return solver;
            },
            _ => { });

        var reasons = new UnassignedReason[n];
        for (var i = 0; i < n; i++)
        {
            reasons[i] = resource[i] >= 0 ? UnassignedReason.None
                : start[i + 1] == start[i] ? UnassignedReason.NoResourceInReach
                : UnassignedReason.CapacityFull;
        }

        return new MatchingResult(resource, millimetres, reasons, problem.Priorities, parts, trivial, placed);
    }

    /// <summary>
    /// Places every need whose nearest resource with room can take all the open needs that reach it, repeating until
    /// nothing changes, and returns how many it placed. Safe for optimality: in any optimal assignment such a need can be
    /// moved to that resource (it never fills) without serving anyone less or adding distance, so some optimal
    /// assignment has it there; what is placed leaves the rest of the problem unchanged but for smaller capacities.
    /// </summary>
    private static int PlaceUncontested(MatchingProblem problem, int[] capacities, int[] resource, long[] millimetres)
    {
        var start = problem.EdgeStart;
        var to = problem.EdgeResource;
        var mm = problem.EdgeMillimetres;
        var demand = new int[capacities.Length];
        foreach (var j in to)
        {
            demand[j]++;
        }

        var placed = 0;
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < resource.Length; i++)
            {
                if (resource[i] >= 0)
                {
                    continue;
                }

                var k = start[i];
                while (k < start[i + 1] && capacities[to[k]] == 0)
                {
                    k++;
                }

                if (k == start[i + 1] || demand[to[k]] > capacities[to[k]])
                {
                    continue;
                }

                resource[i] = to[k];
                millimetres[i] = mm[k];
                capacities[to[k]]--;
                for (var e = start[i]; e < start[i + 1]; e++)
                {
                    demand[to[e]]--;
                }

                placed++;
                changed = true;
            }
        }

        return placed;
    }

    private static int Find(int[] parent, int v)
    {
        while (parent[v] != v)
        {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }

        return v;
    }

    private static void Union(int[] parent, int a, int b)
    {
        a = Find(parent, a);
        b = Find(parent, b);
        if (a != b)
        {
            // Deterministic: the smaller index becomes the root.
            if (a < b)
            {
                parent[b] = a;
            }
            else
            {
                parent[a] = b;
            }
        }
    }

    private static Groups Group(int[] partOf, int parts)
    {
        var groupStart = new int[parts + 1];
        foreach (var c in partOf)
        {
            if (c >= 0)
            {
                groupStart[c + 1]++;
            }
        }

        for (var c = 0; c < parts; c++)
        {
            groupStart[c + 1] += groupStart[c];
        }

        var members = new int[groupStart[parts]];
        var fill = groupStart[..parts];
        for (var v = 0; v < partOf.Length; v++)
        {
            if (partOf[v] >= 0)
            {
                members[fill[partOf[v]]++] = v;
            }
        }

        return new Groups(groupStart, members);
    }

    private readonly record struct Groups(int[] Start, int[] Members)
    {
        public ArraySegment<int> Slice(int c) => new(Members, Start[c], Start[c + 1] - Start[c]);
    }
}
