using Jiuzhu.Matching;

namespace Jiuzhu.Tests.Matching;

public sealed class MatcherTests
{
    private static MatchingResult Solve(int[] priorities, int[] capacities, params FeasibleEdge[] edges) =>
        Matcher.Solve(new MatchingProblem(priorities, capacities, edges));

    [Fact]
    public void A_red_need_far_away_wins_over_two_green_needs_near()
    {
        // One place left at resource 0: the red need 900 m away takes it; the greens 10 m away wait.
        var result = Solve([3, 1, 3], [1], new(0, 0, 10_000), new(1, 0, 900_000), new(2, 0, 10_000));
        Assert.Equal(0, result.ResourceOf(1));
        Assert.Equal(-1, result.ResourceOf(0));
        Assert.Equal(-1, result.ResourceOf(2));
        Assert.Equal(new PriorityCount(1, 1), result.ByPriority(1));
        Assert.Equal(new PriorityCount(2, 0), result.ByPriority(3));
    }

    [Fact]
    public void More_needs_of_one_priority_beat_a_shorter_total()
    {
        // Need 0 alone on resource 0 (far) lets need 1 take resource 1: two served beats one served nearer.
        var result = Solve([2, 2], [1, 1], new(0, 0, 800_000), new(0, 1, 1_000), new(1, 1, 500_000));
        Assert.Equal(2, result.Assigned);
        Assert.Equal(0, result.ResourceOf(0));
        Assert.Equal(1, result.ResourceOf(1));
        Assert.Equal(1_300_000, result.TotalMillimetres);
    }

    [Fact]
    public void A_later_nearer_need_of_the_same_priority_takes_the_place()
    {
        var result = Solve([3, 3], [1], new(0, 0, 5_000), new(1, 0, 100));
        Assert.Equal(1, result.Assigned);
        Assert.Equal(0, result.ResourceOf(1));
        Assert.Equal(UnassignedReason.CapacityFull, result.ReasonOf(0));
    }

    [Fact]
    public void Unassigned_needs_say_whether_anything_was_in_reach()
    {
        // Need 0: nothing in reach. Need 1: the only resource in reach went to a red need. Need 2: in reach of a
        // resource without any capacity. Need 3: served.
        var result = Solve([1, 2, 1, 1], [1, 0], new(1, 0, 10), new(3, 0, 20), new(2, 1, 10));
        Assert.Equal(UnassignedReason.NoResourceInReach, result.ReasonOf(0));
        Assert.Equal(UnassignedReason.CapacityFull, result.ReasonOf(1));
        Assert.Equal(UnassignedReason.CapacityFull, result.ReasonOf(2));
        Assert.Equal(UnassignedReason.None, result.ReasonOf(3));
        Assert.Equal(0, result.ResourceOf(3)); // red before yellow, though the yellow need is nearer
        Assert.Equal(3, result.Unassigned);
    }

    [Fact]
    public void A_pair_listed_twice_counts_with_its_shorter_distance()
    {
        var problem = new MatchingProblem([1], [1], [new(0, 0, 700), new(0, 0, 300)]);
        Assert.Equal(1, problem.EdgeCount);
        Assert.Equal(300, Matcher.Solve(problem).TotalMillimetres);
    }

    [Fact]
    public void Needs_whose_nearest_resource_can_take_everyone_reaching_it_are_placed_before_any_search()
    {
        var result = Solve([1, 2, 3, 1], [2, 5], new(0, 0, 5), new(0, 1, 9), new(1, 0, 1), new(2, 1, 3), new(3, 1, 1));
        Assert.Equal(4, result.Assigned);
        Assert.Equal(10, result.TotalMillimetres);
        Assert.Equal(4, result.Uncontested);
        Assert.Equal(0, result.Components);
    }

    [Fact]
    public void Parts_where_every_nearest_resource_has_room_are_solved_without_search()
    {
        // Both resources are wanted by both needs (so neither is uncontested), but each need's nearest has room.
        var result = Solve([1, 3], [1, 1], new(0, 0, 5), new(0, 1, 9), new(1, 0, 8), new(1, 1, 2));
        Assert.Equal(7, result.TotalMillimetres);
        Assert.Equal(0, result.Uncontested);
        Assert.Equal(1, result.Components);
        Assert.Equal(1, result.TrivialComponents);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Priorities_outside_1_to_3_are_refused(int priority) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MatchingProblem([priority], [1], []));

    [Fact]
    public void Edges_outside_the_problem_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MatchingProblem([1], [1], [new(0, 1, 5)]));
}
