using Jiuzhu.Matching;

namespace Jiuzhu.Tests.Matching;

public sealed class MatcherPropertyTests
{
    private sealed record Instance(int[] Priorities, int[] Capacities, FeasibleEdge[] Edges)
    {
        public MatchingResult Solve(int parallelism = -1) => Matcher.Solve(new MatchingProblem(Priorities, Capacities, Edges), parallelism);
    }

    /// <summary>A random instance; short distance ranges make ties (the hard case for tie-breaking) common.</summary>
    private static Instance Random(Random random, int maxNeeds, int maxResources, double density)
    {
        var n = random.Next(1, maxNeeds + 1);
        var m = random.Next(1, maxResources + 1);
        var priorities = Enumerable.Range(0, n).Select(_ => random.Next(1, 4)).ToArray();
        var capacities = Enumerable.Range(0, m).Select(_ => random.Next(0, 4)).ToArray();
        var range = random.Next(2) == 0 ? 5 : 1_000_000;
        var edges = new List<FeasibleEdge>();
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                if (random.NextDouble() < density)
                {
                    edges.Add(new FeasibleEdge(i, j, random.Next(range)));
                }
            }
        }

        return new Instance(priorities, capacities, [.. edges]);
    }

    [Fact]
    public void Hundreds_of_small_random_instances_reach_the_brute_force_optimum()
    {
        var random = new Random(20261129);
        for (var round = 0; round < 600; round++)
        {
            var instance = Random(random, maxNeeds: 7, maxResources: 3, density: random.NextDouble());
            var result = instance.Solve();
            var expected = ReferenceSolvers.BruteForce(instance.Priorities, instance.Capacities, instance.Edges);
            Assert.True(expected == Objective.Of(result), $"round {round}: expected {expected}, got {Objective.Of(result)}");
            AssertFeasible(instance, result);
        }
    }

    [Fact]
    public void Medium_random_instances_agree_with_a_textbook_min_cost_flow()
    {
        var random = new Random(6);
        for (var round = 0; round < 150; round++)
        {
            var instance = Random(random, maxNeeds: 40, maxResources: 8, density: 0.05 + (random.NextDouble() * 0.4));
            var result = instance.Solve(parallelism: 1 + (round % 2));
            var expected = ReferenceSolvers.MinCostFlow(instance.Priorities, instance.Capacities, instance.Edges);
            Assert.True(expected == Objective.Of(result), $"round {round}: expected {expected}, got {Objective.Of(result)}");
            AssertFeasible(instance, result);
        }
    }

    [Fact]
    public void The_textbook_reference_itself_agrees_with_brute_force()
    {
        var random = new Random(7);
        for (var round = 0; round < 150; round++)
        {
            var instance = Random(random, maxNeeds: 6, maxResources: 3, density: random.NextDouble());
            Assert.Equal(
                ReferenceSolvers.BruteForce(instance.Priorities, instance.Capacities, instance.Edges),
                ReferenceSolvers.MinCostFlow(instance.Priorities, instance.Capacities, instance.Edges));
        }
    }

    [Fact]
    public void The_same_instance_gives_the_same_assignment_on_one_core_and_on_all()
    {
        var random = new Random(11);
        for (var round = 0; round < 30; round++)
        {
            var instance = Random(random, maxNeeds: 60, maxResources: 12, density: 0.1);
            var one = instance.Solve(parallelism: 1);
            var all = instance.Solve();
            Assert.Equal(
                Enumerable.Range(0, one.NeedCount).Select(one.ResourceOf),
                Enumerable.Range(0, all.NeedCount).Select(all.ResourceOf));
        }
    }

    /// <summary>Capacity never exceeded, each need at most once and only on an edge, reasons consistent.</summary>
    private static void AssertFeasible(Instance instance, MatchingResult result)
    {
        var load = new int[instance.Capacities.Length];
        long total = 0;
        for (var i = 0; i < instance.Priorities.Length; i++)
        {
            var r = result.ResourceOf(i);
            var edges = instance.Edges.Where(e => e.Need == i).ToArray();
            if (r < 0)
            {
                Assert.Equal(edges.Length == 0 ? UnassignedReason.NoResourceInReach : UnassignedReason.CapacityFull, result.ReasonOf(i));
                continue;
            }

            Assert.Equal(UnassignedReason.None, result.ReasonOf(i));
            Assert.Contains(edges, e => e.Resource == r && e.Millimetres == result.MillimetresOf(i));
            load[r]++;
            total += result.MillimetresOf(i);
        }

        for (var j = 0; j < load.Length; j++)
        {
            Assert.True(load[j] <= instance.Capacities[j], $"resource {j} holds {load[j]} > {instance.Capacities[j]}");
        }

        Assert.Equal(total, result.TotalMillimetres);
    }
}
