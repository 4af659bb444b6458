using Jiuzhu.Matching;

namespace Jiuzhu.Tests.Matching;

/// <summary>The objective as one comparable value: served per priority (1, 2, 3), then total distance.</summary>
internal readonly record struct Objective(int Red, int Yellow, int Green, long Millimetres) : IComparable<Objective>
{
    public static Objective Of(MatchingResult result) =>
        new(result.ByPriority(1).Assigned, result.ByPriority(2).Assigned, result.ByPriority(3).Assigned, result.TotalMillimetres);

    /// <summary>Negative when this is better.</summary>
    public int CompareTo(Objective other) =>
        Red != other.Red ? other.Red.CompareTo(Red)
        : Yellow != other.Yellow ? other.Yellow.CompareTo(Yellow)
        : Green != other.Green ? other.Green.CompareTo(Green)
        : Millimetres.CompareTo(other.Millimetres);
}

/// <summary>Independent answers to check the matcher against: every assignment enumerated, and a textbook min-cost flow.</summary>
internal static class ReferenceSolvers
{
    /// <summary>The best objective over every assignment (each need unassigned or on one of its edges).</summary>
    public static Objective BruteForce(int[] priorities, int[] capacities, FeasibleEdge[] edges)
    {
        var byNeed = priorities.Select((_, i) => edges.Where(e => e.Need == i).ToArray()).ToArray();
        var load = new int[capacities.Length];
        var served = new int[4];
        Objective? best = null;

        void Walk(int i, long mm)
        {
            if (i == priorities.Length)
            {
                var candidate = new Objective(served[1], served[2], served[3], mm);
                if (best is null || candidate.CompareTo(best.Value) < 0)
                {
                    best = candidate;
                }

                return;
            }

            Walk(i + 1, mm);
            foreach (var e in byNeed[i])
            {
                if (load[e.Resource] < capacities[e.Resource])
                {
                    load[e.Resource]++;
                    served[priorities[i]]++;
                    Walk(i + 1, mm + e.Millimetres);
                    served[priorities[i]]--;
                    load[e.Resource]--;
                }
            }
        }

        Walk(0, 0);
        return best!.Value;
    }

    /// <summary>
    /// Successive shortest paths with Bellman–Ford over the whole network, the priorities folded into one big-M cost in
    /// 128-bit integers (source → need costs −W(priority)); stops when the cheapest path no longer lowers the cost.
    /// </summary>
    public static Objective MinCostFlow(int[] priorities, int[] capacities, FeasibleEdge[] edges)
    {
        var n = priorities.Length;
        var m = capacities.Length;
        int source = n + m, sink = n + m + 1, nodes = n + m + 2;
        var total = (Int128)edges.Sum(e => e.Millimetres) + 1;
        Int128[] weight = [0, total * (n + 1) * (n + 1), total * (n + 1), total];
        var to = new List<int>();
        var cap = new List<int>();
        var cost = new List<Int128>();
        var outgoing = Enumerable.Range(0, nodes).Select(_ => new List<int>()).ToArray();

        void Arc(int u, int v, int c, Int128 w)
        {
            outgoing[u].Add(to.Count);
            to.Add(v);
            cap.Add(c);
            cost.Add(w);
            outgoing[v].Add(to.Count);
            to.Add(u);
            cap.Add(0);
            cost.Add(-w);
        }

        for (var i = 0; i < n; i++)
        {
            Arc(source, i, 1, -weight[priorities[i]]);
        }

        var firstNeedArc = to.Count;
        foreach (var e in edges)
        {
            Arc(e.Need, n + e.Resource, 1, e.Millimetres);
        }

        for (var j = 0; j < m; j++)
        {
            Arc(n + j, sink, capacities[j], 0);
        }

        while (true)
        {
            var distance = Enumerable.Repeat(Int128.MaxValue, nodes).ToArray();
            var via = new int[nodes];
            distance[source] = 0;
            for (var round = 0; round < nodes; round++)
            {
                var changed = false;
                for (var u = 0; u < nodes; u++)
                {
                    if (distance[u] == Int128.MaxValue)
                    {
                        continue;
                    }

                    foreach (var a in outgoing[u])
                    {
                        if (cap[a] > 0 && distance[u] + cost[a] < distance[to[a]])
                        {
                            distance[to[a]] = distance[u] + cost[a];
                            via[to[a]] = a;
                            changed = true;
                        }
                    }
                }

                if (!changed)
                {
                    break;
                }
            }

            if (distance[sink] == Int128.MaxValue || distance[sink] >= 0)
            {
                break;
            }

            for (var v = sink; v != source; v = to[via[v] ^ 1])
            {
                cap[via[v]]--;
                cap[via[v] ^ 1]++;
            }
        }

        var served = new int[4];
        long mm = 0;
        for (var k = 0; k < edges.Length; k++)
        {
            if (cap[firstNeedArc + (2 * k)] == 0)
            {
                served[priorities[edges[k].Need]]++;
                mm += edges[k].Millimetres;
            }
        }

        return new Objective(served[1], served[2], served[3], mm);
    }
}
