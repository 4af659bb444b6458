using System.Diagnostics;
using System.Text.Json;
using Jiuzhu.Bench.Matching;
using Jiuzhu.Matching;
using Jiuzhu.Matching.Files;

// Issue 6 part 4: greedy, OR-Tools and Jiuzhu's matcher side by side on one synthetic county (bench/match.sh).
// Usage: Jiuzhu.Bench.Matching [--needs 100000] [--providers 2000] [--seed 20261129] [--repeat 3]
var options = new Dictionary<string, int> { ["--needs"] = 100_000, ["--providers"] = 2_000, ["--seed"] = 20261129, ["--repeat"] = 3 };
for (var a = 0; a + 1 < args.Length; a += 2)
{
    options[args[a]] = int.Parse(args[a + 1], System.Globalization.CultureInfo.InvariantCulture);
}

void Log(string message) => Console.Error.WriteLine($"[match-bench] {message}");

// Warm up every path (JIT, native library load) on a small instance first, so the timed runs compare steady states.
Run(SyntheticCounty.Make(5_000, 100, 1), 1, quiet: true);
var instance = SyntheticCounty.Make(options["--needs"], options["--providers"], options["--seed"]);
Console.WriteLine(JsonSerializer.Serialize(Run(instance, options["--repeat"], quiet: false)));

Dictionary<string, object> Run((List<NeedRow> Needs, List<ProviderRow> Providers) county, int repeat, bool quiet)
{
    var (needs, providers) = county;
    var clock = Stopwatch.StartNew();
    var edges = ItemEdges.Build(needs, providers, Reach.Walking);
    var edgeSeconds = clock.Elapsed.TotalSeconds;
    int[] priorities = [.. needs.Select(n => n.Priority)];
    int[] capacities = [.. providers.Select(p => p.Capacity)];
    var problem = new MatchingProblem(priorities, capacities, edges);

    var greedy = new List<Outcome>();
    var ortools = new List<Outcome>();
    var jiuzhu = new List<Outcome>();
    var oneCore = new List<Outcome>();
    MatchingResult? result = null;
    for (var r = 0; r < repeat; r++)
    {
        if (!quiet)
        {
            Log($"round {r + 1} of {repeat}: greedy, OR-Tools, Jiuzhu");
        }

        greedy.Add(Baselines.Timed(() => Baselines.Greedy(problem), o => o));
        GC.Collect();
        ortools.Add(Baselines.Timed(() => Baselines.OrTools(problem), o => o));
        GC.Collect();
        var (outcome, solved) = Baselines.Timed(() => Baselines.Jiuzhu(priorities, capacities, edges), o => o.Outcome);
        jiuzhu.Add(outcome);
        result = solved;
        GC.Collect();
        oneCore.Add(Baselines.Timed(() => Baselines.Jiuzhu(priorities, capacities, edges, cores: 1), o => o.Outcome).Outcome);
        GC.Collect();
    }

    var (a, b, c) = (greedy[0], ortools[0], jiuzhu[0]);

    // The least distance that serves exactly as many needs per priority as greedy did: what greedy's choices cost.
    var atGreedyCounts = Baselines.OrTools(problem, a.Served);
    var orToolsTotal = Median(ortools, o => o.Seconds.Values.Sum());
    var jiuzhuTotal = Median(jiuzhu, o => o.Seconds.Values.Sum());
    return new Dictionary<string, object>
    {
        ["instance"] = new Dictionary<string, object>
        {
            ["needs"] = needs.Count,
            ["providers"] = providers.Count,
            ["items"] = needs.Select(n => n.Item).Distinct().Count(),
            ["by_priority"] = new[] { 1, 2, 3 }.Select(p => priorities.Count(x => x == p)).ToArray(),
            ["capacity"] = capacities.Sum(),
            ["edges"] = problem.EdgeCount,
            ["needs_without_edge"] = Enumerable.Range(0, problem.NeedCount).Count(i => result!.ReasonOf(i) == UnassignedReason.NoResourceInReach),
            ["edges_seconds"] = Math.Round(edgeSeconds, 3),
            ["parts"] = result!.Components,
            ["trivial_parts"] = result.TrivialComponents,
            ["uncontested_needs"] = result.Uncontested,
            ["repeat"] = repeat,
            ["cores"] = Environment.ProcessorCount,
        },
        ["greedy"] = Describe(a, greedy),
        ["ortools"] = Describe(b, ortools),
        ["jiuzhu"] = Describe(c, jiuzhu),
        ["jiuzhu_one_core"] = Describe(oneCore[0], oneCore),
        ["least_distance_m_at_greedy_counts"] = atGreedyCounts.Millimetres / 1000m,
        ["same_objective_ortools_jiuzhu"] = ortools.Concat(jiuzhu).Concat(oneCore).All(o => o.SameObjective(b)),
        ["jiuzhu_serves_at_least_greedy"] = c.Assigned >= a.Assigned,
        ["jiuzhu_less_distance_than_greedy"] = c.Millimetres < a.Millimetres,
        ["speedup_vs_ortools"] = Math.Round(orToolsTotal / jiuzhuTotal, 2),
        ["speedup_vs_ortools_one_core"] = Math.Round(orToolsTotal / Median(oneCore, o => o.Seconds.Values.Sum()), 2),
        ["cpu_ratio_ortools_to_jiuzhu"] = Math.Round(Median(ortools, o => o.Cpu) / Median(jiuzhu, o => o.Cpu), 2),
        ["speedup_vs_ortools_mincost_only"] = Math.Round(Median(ortools, o => o.Seconds["mincost_graph"] + o.Seconds["mincost_solve"]) / jiuzhuTotal, 2),
    };
}

static Dictionary<string, object> Describe(Outcome first, List<Outcome> runs)
{
    var seconds = first.Seconds.Keys.ToDictionary(k => k, k => (object)Math.Round(Median(runs, o => o.Seconds[k]), 3));
    seconds["total"] = Math.Round(Median(runs, o => o.Seconds.Values.Sum()), 3);
    return new Dictionary<string, object>
    {
        ["assigned"] = first.Assigned,
        ["by_priority"] = first.Served,
        ["total_distance_m"] = first.Millimetres / 1000m,
        ["seconds"] = seconds,
        ["total_seconds_each_run"] = runs.Select(o => Math.Round(o.Seconds.Values.Sum(), 3)).ToArray(),
        ["cpu_seconds"] = Math.Round(Median(runs, o => o.Cpu), 3),
    };
}

static double Median(List<Outcome> runs, Func<Outcome, double> value)
{
    var sorted = runs.Select(value).Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
