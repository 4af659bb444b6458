using System.Diagnostics;
using Google.OrTools.Graph;
using Jiuzhu.Matching;

namespace Jiuzhu.Bench.Matching;

/// <summary>What a method achieved: served per priority and total distance, with its timings.</summary>
internal sealed record Outcome(int[] Served, long Millimetres, Dictionary<string, double> Seconds)
{
    /// <summary>Processor seconds of the whole process while the method ran (all threads): steadier than the clock on a shared machine.</summary>
    public double Cpu { get; set; }

    public int Assigned => Served.Sum();

    public bool SameObjective(Outcome other) => Served.SequenceEqual(other.Served) && Millimetres == other.Millimetres;
}

internal static class Baselines
{
    /// <summary>Runs <paramref name="method"/> and records the processor time it took.</summary>
    public static T Timed<T>(Func<T> method, Func<T, Outcome> outcome)
    {
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        var value = method();
        outcome(value).Cpu = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
        return value;
    }

    /// <summary>(a) Greedy: needs by priority, then by their nearest distance; each takes the nearest provider with room.</summary>
    public static Outcome Greedy(MatchingProblem problem)
    {
        var clock = Stopwatch.StartNew();
        var n = problem.NeedCount;
        var start = problem.EdgeStart;
        var to = problem.EdgeResource;
        var mm = problem.EdgeMillimetres;
        var order = new (int Priority, long Nearest, int Need)[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = (problem.PriorityOf(i), start[i] < start[i + 1] ? mm[start[i]] : long.MaxValue, i);
        }

        Array.Sort(order);
        var room = new int[problem.ResourceCount];
        for (var j = 0; j < room.Length; j++)
        {
            room[j] = problem.CapacityOf(j);
        }

        var served = new int[4];
        long total = 0;
        foreach (var (priority, _, i) in order)
        {
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                if (room[to[k]] > 0)
                {
                    room[to[k]]--;
                    served[priority]++;
                    total += mm[k];
                    break;
                }
            }
        }

        return new Outcome(served[1..], total, new() { ["solve"] = clock.Elapsed.TotalSeconds });
    }

    /// <summary>
    /// (b) OR-Tools over every feasible pair. The lexicographic counts come from three max flows on one graph (source →
    /// priority class → need → provider → sink, opening class 1, then 2, then 3); then SimpleMinCostFlow on the same
    /// graph with distance costs, the class arcs capped at those counts and that much supply from source to sink.
    /// </summary>
    public static Outcome OrTools(MatchingProblem problem, int[]? servedPerPriority = null)
    {
        var n = problem.NeedCount;
        var m = problem.ResourceCount;
        var start = problem.EdgeStart;
        var to = problem.EdgeResource;
        var mm = problem.EdgeMillimetres;
        const int source = 0;
        int Need(int i) => 4 + i;
        int Provider(int j) => 4 + n + j;
        var sink = 4 + n + m;
        var ofClass = new long[4];
        for (var i = 0; i < n; i++)
        {
            ofClass[problem.PriorityOf(i)]++;
        }

        var seconds = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();
        var maxFlow = new MaxFlow();
        var classArc = new int[4];
        for (var c = 1; c <= 3; c++)
        {
            classArc[c] = maxFlow.AddArcWithCapacity(source, c, 0);
        }

        for (var i = 0; i < n; i++)
        {
            maxFlow.AddArcWithCapacity(problem.PriorityOf(i), Need(i), 1);
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                maxFlow.AddArcWithCapacity(Need(i), Provider(to[k]), 1);
            }
        }

        for (var j = 0; j < m; j++)
        {
            maxFlow.AddArcWithCapacity(Provider(j), sink, problem.CapacityOf(j));
        }

        seconds["maxflow_graph"] = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var cumulative = new long[4];
        for (var c = 1; c <= 3; c++)
        {
            if (servedPerPriority is not null)
            {
                cumulative[c] = cumulative[c - 1] + servedPerPriority[c - 1]; // given counts: no max flows needed
                continue;
            }

            maxFlow.SetArcCapacity(classArc[c], ofClass[c]);
            if (maxFlow.Solve(source, sink) != MaxFlow.Status.OPTIMAL)
            {
                throw new InvalidOperationException("OR-Tools max flow failed");
            }

            cumulative[c] = maxFlow.OptimalFlow();
        }

        seconds["maxflow_solve"] = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var minCost = new MinCostFlow();
        var classCost = new int[4];
        for (var c = 1; c <= 3; c++)
        {
            classCost[c] = minCost.AddArcWithCapacityAndUnitCost(source, c, cumulative[c] - cumulative[c - 1], 0);
        }

        for (var i = 0; i < n; i++)
        {
            minCost.AddArcWithCapacityAndUnitCost(problem.PriorityOf(i), Need(i), 1, 0);
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                minCost.AddArcWithCapacityAndUnitCost(Need(i), Provider(to[k]), 1, mm[k]);
            }
        }

        for (var j = 0; j < m; j++)
        {
            minCost.AddArcWithCapacityAndUnitCost(Provider(j), sink, problem.CapacityOf(j), 0);
        }

        minCost.SetNodeSupply(source, cumulative[3]);
        minCost.SetNodeSupply(sink, -cumulative[3]);
        seconds["mincost_graph"] = clock.Elapsed.TotalSeconds;
        clock.Restart();
        if (minCost.Solve() != MinCostFlow.Status.OPTIMAL)
        {
            throw new InvalidOperationException("OR-Tools min cost flow failed");
        }

        seconds["mincost_solve"] = clock.Elapsed.TotalSeconds;
        var served = new int[3];
        for (var c = 1; c <= 3; c++)
        {
            served[c - 1] = (int)minCost.Flow(classCost[c]);
        }

        return new Outcome(served, minCost.OptimalCost(), seconds);
    }

    /// <summary>(c) Jiuzhu's matcher on the same edges: the problem's compact rows, then the solve.</summary>
    public static (Outcome Outcome, MatchingResult Result) Jiuzhu(int[] priorities, int[] capacities, List<FeasibleEdge> edges, int cores = -1)
    {
        var clock = Stopwatch.StartNew();
        var problem = new MatchingProblem(priorities, capacities, edges);
        var build = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var result = Matcher.Solve(problem, cores);
        var solve = clock.Elapsed.TotalSeconds;
        int[] served = [result.ByPriority(1).Assigned, result.ByPriority(2).Assigned, result.ByPriority(3).Assigned];
        return (new Outcome(served, result.TotalMillimetres, new() { ["problem"] = build, ["solve"] = solve }), result);
    }
}
