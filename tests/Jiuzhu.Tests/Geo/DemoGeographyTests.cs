using System.Globalization;
using Jiuzhu.Geo.Demo;
using Jiuzhu.Geo.Domain;
using Jiuzhu.Geo.ImportRegions;
using Jiuzhu.Kernel;

namespace Jiuzhu.Tests.Geo;

public sealed class DemoGeographyTests
{
    private static readonly RegionCode Wulian = RegionCode.Parse("371121");

    // 五莲县 as the shared data lists it: the county, its 12 townships and 561 villages.
    private static readonly IReadOnlyList<(string Code, RegionKind Kind)> WulianRegions = LoadWulian();

    [Fact]
    public void The_demo_county_has_its_real_size_and_townships_and_villages()
    {
        Assert.Equal(1 + 12 + 561, WulianRegions.Count);
        var placed = DemoGeography.Generate(Wulian, WulianRegions, seed: 7);
        Assert.Equal(WulianRegions.Count, placed.Count);
        Assert.All(WulianRegions, r => Assert.Contains(r.Code, placed.Keys));
    }

    [Fact]
    public void The_same_seed_gives_the_same_geography()
    {
        var first = DemoGeography.Generate(Wulian, WulianRegions, seed: 20261129);
        var second = DemoGeography.Generate(Wulian, WulianRegions.Reverse().ToList(), seed: 20261129);
        Assert.Equal(first.Count, second.Count);
        foreach (var (code, p) in first)
        {
            Assert.Equal(p.Latitude, second[code].Latitude);
            Assert.Equal(p.Longitude, second[code].Longitude);
            Assert.Equal(p.Boundary, second[code].Boundary);
        }
    }

    [Fact]
    public void Another_seed_gives_another_geography_in_the_same_place()
    {
        var a = DemoGeography.Generate(Wulian, WulianRegions, seed: 1);
        var b = DemoGeography.Generate(Wulian, WulianRegions, seed: 2);
        Assert.NotEqual(a["371121001001"].Boundary, b["371121001001"].Boundary);
        Assert.Equal(a[Wulian.Value].Latitude, b[Wulian.Value].Latitude);
    }

    [Fact]
    public void Wulian_lies_around_its_real_centre_with_about_1500_square_kilometres()
    {
        var county = DemoGeography.Generate(Wulian, WulianRegions, seed: 7)[Wulian.Value];
        Assert.Equal(35.75, county.Latitude, 3);
        Assert.Equal(119.21, county.Longitude, 3);
        var km = county.Outline.Select(p => new PlanePoint(
            (p.X - 119.21) * 111.32 * Math.Cos(35.75 * Math.PI / 180), (p.Y - 35.75) * 110.574)).ToList();
        Assert.InRange(PlanarGeometry.Area(km), 1450, 1550);
        Assert.Equal(km.Count, PlanarGeometry.ConvexHull(km).Count); // convex, counter-clockwise
    }

    [Fact]
    public void Every_village_point_lies_inside_the_county_polygon()
    {
        var placed = DemoGeography.Generate(Wulian, WulianRegions, seed: 11);
        var county = Ring(placed[Wulian.Value].Boundary);
        var villages = WulianRegions.Where(r => r.Kind is RegionKind.Community or RegionKind.Village).ToList();
        Assert.Equal(561, villages.Count);
        Assert.All(villages, v => Assert.True(
            PlanarGeometry.Contains(county, new PlanePoint(placed[v.Code].Longitude, placed[v.Code].Latitude)), v.Code));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(11)]
    [InlineData(20261129)]
    public void Each_region_cell_is_non_empty_and_contains_its_own_point(int seed)
    {
        var placed = DemoGeography.Generate(Wulian, WulianRegions, seed);
        foreach (var (code, p) in placed)
        {
            var ring = Ring(p.Boundary);
            Assert.True(ring.Count >= 3, $"{code} has {ring.Count} corners");
            Assert.True(PlanarGeometry.Area(ring) > 0, $"{code} has no area");
            Assert.True(PlanarGeometry.Contains(ring, new PlanePoint(p.Longitude, p.Latitude), tolerance: 1e-9), $"{code} lies outside its cell");
        }
    }

    [Fact]
    public void Village_cells_tile_their_township_and_townships_tile_the_county()
    {
        var placed = DemoGeography.Generate(Wulian, WulianRegions, seed: 3);
        double Area(string code) => PlanarGeometry.Area(Ring(placed[code].Boundary));
        var townships = WulianRegions.Where(r => r.Code.EndsWith("000", StringComparison.Ordinal) && r.Code != Wulian.Value).ToList();
        AssertNearlyEqual(Area(Wulian.Value), townships.Sum(t => Area(t.Code)));
        foreach (var t in townships)
        {
            var villages = WulianRegions.Where(r => r.Code.StartsWith(t.Code[..9], StringComparison.Ordinal) && r.Code != t.Code);
            AssertNearlyEqual(Area(t.Code), villages.Sum(v => Area(v.Code)));
        }

        // Corners are stored to 6 decimals (about 0.1 m), so sums of cells match to about a millionth, not exactly;
        // a gap or an overlap between cells would be far larger than this.
        static void AssertNearlyEqual(double expected, double actual) =>
            Assert.True(Math.Abs(expected - actual) <= expected * 1e-5, $"{actual} differs from {expected}");
    }

    [Fact]
    public void Communities_crowd_their_township_seat_more_than_villages_do()
    {
        var placed = DemoGeography.Generate(Wulian, WulianRegions, seed: 5);
        var seat = placed["371121001000"]; // 洪凝街道: 19 社区 and 62 村
        double Spread(RegionKind kind) => WulianRegions
            .Where(r => r.Code.StartsWith("371121001", StringComparison.Ordinal) && r.Kind == kind)
            .Average(r => Math.Pow(placed[r.Code].Latitude - seat.Latitude, 2) + Math.Pow(placed[r.Code].Longitude - seat.Longitude, 2));
        Assert.True(Spread(RegionKind.Community) < Spread(RegionKind.Village));
    }

    [Fact]
    public void A_Voronoi_cell_of_a_grid_point_is_its_square()
    {
        var bounds = new List<PlanePoint> { new(0, 0), new(3, 0), new(3, 3), new(0, 3) };
        var sites = new List<PlanePoint>();
        for (var x = 0; x < 3; x++)
        {
            for (var y = 0; y < 3; y++)
            {
                sites.Add(new PlanePoint(x + 0.5, y + 0.5));
            }
        }

        var centre = PlanarGeometry.VoronoiCell(bounds, sites, 4);
        Assert.Equal(1.0, PlanarGeometry.Area(PlanarGeometry.ConvexHull(centre)), 9);
        Assert.True(PlanarGeometry.Contains(PlanarGeometry.ConvexHull(centre), new PlanePoint(1.5, 1.5)));
        Assert.False(PlanarGeometry.Contains(PlanarGeometry.ConvexHull(centre), new PlanePoint(0.5, 1.5)));
    }

    private static List<PlanePoint> Ring(string boundary) =>
        boundary.Split(' ').Select(pair => pair.Split(','))
            .Select(xy => new PlanePoint(double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)))
            .ToList();

    private static List<(string Code, RegionKind Kind)> LoadWulian()
    {
        var fields = new List<string>();
        var codes = new List<string> { "371121" };
        foreach (var file in new[] { "streets.csv", "villages-371121.csv" })
        {
            foreach (var line in File.ReadLines(SharedData.Path("divisions", file)).Skip(1).Where(l => l.StartsWith("371121", StringComparison.Ordinal)))
            {
                Assert.True(CsvLine.TrySplit(line, fields));
                codes.Add(fields[0]);
            }
        }

        return codes.Select(RegionCode.Parse).Select(c => (c.Value, RegionKinds.FromCode(c))).ToList();
    }
}
