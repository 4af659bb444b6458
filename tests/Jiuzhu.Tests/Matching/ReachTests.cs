using Jiuzhu.Matching;

namespace Jiuzhu.Tests.Matching;

public sealed class ReachTests
{
    [Fact]
    public void Haversine_matches_arcs_of_the_mean_earth_sphere()
    {
        // A quarter meridian is R·π/2 and one degree of the equator is R·π/180, with R = 6,371,008.8 m.
        Assert.Equal(10_007_557.2, GreatCircle.Metres(new(0, 0), new(90, 0)), 1);
        Assert.Equal(111_195.08, GreatCircle.Metres(new(0, 0), new(0, 1)), 2);
        Assert.Equal(111_195.08, GreatCircle.Metres(new(35.5, 119.2), new(36.5, 119.2)), 2);
        Assert.Equal(0, GreatCircle.Metres(new(35.5, 119.2), new(35.5, 119.2)));
    }

    [Fact]
    public void Haversine_between_beijing_and_shanghai_is_about_1067_km()
    {
        var metres = GreatCircle.Metres(new(39.9042, 116.4074), new(31.2304, 121.4737));
        Assert.InRange(metres, 1_066_000, 1_069_000);
    }

    [Fact]
    public void The_default_walking_circle_is_900_metres_of_travel()
    {
        Assert.Equal(900, Reach.Walking.LimitMetres);
        Assert.Equal(720, Reach.ElderlyWalking.LimitMetres);
        Assert.Equal(1.3 * 100, Reach.Walking.TravelMetres(new(0, 0), new(0, 100 / 111_195.08 * 1)), 3);
    }

    [Fact]
    public void A_distance_exactly_at_the_limit_is_reachable_and_one_step_beyond_is_not()
    {
        // Find the longitude where travel crosses 900 m: the last point at or under the limit is in, the next is out.
        var need = new GeoPoint(35.7, 119.2);
        var reach = Reach.Walking;
        double inside = 119.2, outside = 119.3;
        while (Math.BitIncrement(inside) < outside)
        {
            var middle = inside + ((outside - inside) / 2);
            if (middle <= inside || middle >= outside)
            {
                break;
            }

            (inside, outside) = reach.TravelMetres(need, new(35.7, middle)) <= 900 ? (middle, outside) : (inside, middle);
        }

        Assert.True(reach.TravelMetres(need, new(35.7, inside)) <= 900);
        Assert.True(reach.TravelMetres(need, new(35.7, outside)) > 900);
        var edges = FeasibleEdges.Within([need], [new(35.7, inside), new(35.7, outside)], reach);
        var edge = Assert.Single(edges);
        Assert.Equal(0, edge.Resource);
        Assert.Equal(900_000, edge.Millimetres);

        // And where the distance is exactly the limit: a profile whose limit is that very distance reaches it.
        var exact = reach.TravelMetres(need, new(35.7, 119.205));
        var tight = new Reach(exact / 60, 1, 1.3);
        if (tight.LimitMetres == exact)
        {
            Assert.Single(FeasibleEdges.Within([need], [new(35.7, 119.205)], tight));
        }

        Assert.Empty(FeasibleEdges.Within([need], [new(35.7, 119.205)], new Reach(Math.BitDecrement(exact / 60), 1, 1.3)));
    }

    [Fact]
    public void The_grid_finds_exactly_the_pairs_a_full_scan_finds()
    {
        var random = new Random(42);
        GeoPoint Near(double lat, double lon, double spread) =>
            new(lat + ((random.NextDouble() - 0.5) * spread), lon + ((random.NextDouble() - 0.5) * spread));
        foreach (var (lat, lon) in new[] { (35.7, 119.2), (0.0, 0.0), (-33.9, 151.2), (69.6, 18.9), (89.9, 10.0) })
        {
            var needs = Enumerable.Range(0, 400).Select(_ => Near(lat, lon, 0.1)).ToArray();
            var resources = Enumerable.Range(0, 60).Select(_ => Near(lat, lon, 0.1)).ToArray();
            var reach = new Reach(15, 1.0, 1.3);
            var expected = new List<(int, int)>();
            for (var i = 0; i < needs.Length; i++)
            {
                for (var j = 0; j < resources.Length; j++)
                {
                    if (reach.TravelMetres(needs[i], resources[j]) <= reach.LimitMetres)
                    {
                        expected.Add((i, j));
                    }
                }
            }

            var found = FeasibleEdges.Within(needs, resources, reach).Select(e => (e.Need, e.Resource)).Order().ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, found);
        }
    }

    [Fact]
    public void Eligibility_filters_pairs_and_subsets_keep_their_own_numbers()
    {
        GeoPoint[] needs = [new(35.7, 119.2), new(35.7001, 119.2)];
        GeoPoint[] resources = [new(35.7002, 119.2), new(35.7003, 119.2)];
        var edges = FeasibleEdges.Within(needs, resources, Reach.Walking, (i, j) => i == j);
        Assert.Equal([(0, 0), (1, 1)], edges.Select(e => (e.Need, e.Resource)));

        var into = new List<FeasibleEdge>();
        FeasibleEdges.AddWithin(into, needs, resources, Reach.Walking, null, i => i + 10, j => j + 20);
        Assert.All(into, e => Assert.True(e.Need >= 10 && e.Resource >= 20));
        Assert.Equal(4, into.Count);
    }

    [Theory]
    [InlineData(0, 1.0, 1.3)]
    [InlineData(15, -1.0, 1.3)]
    [InlineData(15, 1.0, 0.9)]
    [InlineData(double.NaN, 1.0, 1.3)]
    public void Unusable_reach_profiles_are_refused(double minutes, double speed, double detour)
    {
        Assert.NotNull(new Reach(minutes, speed, detour).Problem);
        Assert.Throws<ArgumentException>(() => FeasibleEdges.Within([new(0, 0)], [new(0, 0)], new Reach(minutes, speed, detour)));
    }
}
