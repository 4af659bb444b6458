using System.Globalization;
using System.Text;
using Jiuzhu.Geo.Data;
using Jiuzhu.Geo.Domain;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Geo.Demo;

/// <summary>A synthetic point and outline for one region (WGS-84 degrees).</summary>
internal sealed record Placement(double Latitude, double Longitude, IReadOnlyList<PlanePoint> Outline)
{
    /// <summary>The outline in the form of <see cref="Region.Boundary"/>: "lon,lat lon,lat …", counter-clockwise, not closed.</summary>
    public string Boundary
    {
        get
        {
            var sb = new StringBuilder(Outline.Count * 24);
            foreach (var p in Outline)
            {
                if (sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(CultureInfo.InvariantCulture, $"{p.X:F6},{p.Y:F6}");
            }

            return sb.ToString();
        }
    }
}

/// <summary>
/// Deterministic synthetic geography for a demo county (the real outlines are not open data): a convex county
/// polygon of realistic size around the county's approximate centre, township seats spread inside it, each
/// township's area as the Voronoi cell of its seat, village points clustered around their seat (communities 社区
/// tightly, villages 村 loosely), and each village's area as the Voronoi cell of its point among its township's
/// villages. Village cells therefore tile their township and townships tile the county. Same seed, same output.
/// </summary>
public static class DemoGeography
{
    private const double KmPerDegreeLatitude = 110.574;
    private const double KmPerDegreeLongitudeAtEquator = 111.320;

    /// <summary>
    /// Places the county <paramref name="countyCode"/>, its townships and villages (already imported) and saves them.
    /// Returns the number of regions placed. Throws when the county has not been imported.
    /// </summary>
    public static async Task<int> ApplyAsync(IGeoData data, string countyCode, int seed, CancellationToken ct)
    {
        if (!RegionCode.TryParse(countyCode, out var county) || county.Level != RegionLevel.County)
        {
            throw new ArgumentException($"Not a county-level region code: '{countyCode}'", nameof(countyCode));
        }

        var prefix = county.Prefix;
        var regions = await data.Regions.Where(r => r.Code.StartsWith(prefix)).ToListAsync(ct);
        if (!regions.Any(r => r.Code == county.Value))
        {
            throw new InvalidOperationException($"区划 {prefix} 尚未导入 / county {prefix} has not been imported (jiuzhu regions import).");
        }

        var placements = Generate(county, regions.Select(r => (r.Code, r.Kind)).ToList(), seed);
        foreach (var region in regions)
        {
            if (placements.TryGetValue(region.Code, out var p))
            {
                region.PlaceAt(p.Latitude, p.Longitude, p.Boundary);
            }
        }

        // About 600 rows for a county: one tracked save is simpler than a bulk path and fast enough.
        await data.SaveChangesAsync(ct);
        return placements.Count;
    }

    /// <summary>The approximate real centre and area of a county; made up (deterministically from the code) for all but the demo county.</summary>
    internal static (double Latitude, double Longitude, double AreaKm2) Frame(RegionCode county)
    {
        if (county.Prefix == "371121")
        {
            return (35.75, 119.21, 1500); // 五莲县, Rizhao, Shandong
        }

        var random = new Random(int.Parse(county.Prefix, CultureInfo.InvariantCulture));
        return (24 + (random.NextDouble() * 20), 102 + (random.NextDouble() * 18), 800 + (random.NextDouble() * 2200));
    }

    /// <summary>Placements keyed by 12-digit code, for the county and those of <paramref name="regions"/> inside it.</summary>
    internal static Dictionary<string, Placement> Generate(RegionCode county, IReadOnlyList<(string Code, RegionKind Kind)> regions, int seed)
    {
        var (lat0, lon0, areaKm2) = Frame(county);
        var random = new Random(unchecked((seed * 1_000_003) ^ int.Parse(county.Prefix, CultureInfo.InvariantCulture)));
        var kmPerDegreeLongitude = KmPerDegreeLongitudeAtEquator * Math.Cos(lat0 * Math.PI / 180);
        PlanePoint ToDegrees(PlanePoint km) => new(lon0 + (km.X / kmPerDegreeLongitude), lat0 + (km.Y / KmPerDegreeLatitude));
        Placement Place(PlanePoint point, IReadOnlyList<PlanePoint> outline)
        {
            var at = ToDegrees(point);
            return new Placement(Math.Round(at.Y, 6), Math.Round(at.X, 6), outline.Select(ToDegrees).ToList());
        }

        var inside = regions
            .Where(r => r.Code.StartsWith(county.Prefix, StringComparison.Ordinal))
            .OrderBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
        var townships = inside.Where(r => r.Code.EndsWith("000", StringComparison.Ordinal) && r.Code[6..9] != "000").ToList();
        var villages = inside.Where(r => !r.Code.EndsWith("000", StringComparison.Ordinal)).ToList();

        var outline = CountyOutline(random, areaKm2);
        var result = new Dictionary<string, Placement>(StringComparer.Ordinal) { [county.Value] = Place(new PlanePoint(0, 0), outline) };

        // Township seats: a few candidates each, keeping the one farthest from the seats chosen so far, so they spread out;
        // sub-districts (街道, the county seat's town) stay near the centre.
        var groups = villages.GroupBy(v => v.Code[..9]).ToDictionary(g => g.Key, g => g.ToList());
        var townshipKeys = townships.Select(t => t.Code[..9]).Union(groups.Keys).Order(StringComparer.Ordinal).ToList();
        var kinds = townships.ToDictionary(t => t.Code[..9], t => t.Kind);
        var seats = new List<PlanePoint>(townshipKeys.Count);
        foreach (var key in townshipKeys)
        {
            var urban = kinds.GetValueOrDefault(key) == RegionKind.Subdistrict;
            var area = Shrink(outline, urban ? 0.3 : 0.85);
            var best = default(PlanePoint);
            var bestDistance = double.MinValue;
            for (var candidate = 0; candidate < 24; candidate++)
            {
                var p = UniformIn(random, area);
                var distance = seats.Count == 0 ? 0 : seats.Min(s => s.DistanceSquared(p));
                if (distance > bestDistance)
                {
                    (best, bestDistance) = (p, distance);
                }
            }

            seats.Add(best);
        }

        for (var t = 0; t < townshipKeys.Count; t++)
        {
            var cell = PlanarGeometry.VoronoiCell(outline, seats, t);
            var code = townshipKeys[t].PadRight(12, '0');
            if (kinds.ContainsKey(townshipKeys[t]))
            {
                result[code] = Place(seats[t], cell);
            }

            if (groups.TryGetValue(townshipKeys[t], out var members))
            {
                PlaceVillages(random, seats[t], cell, members, result, Place);
            }
        }

        return result;
    }

    private static void PlaceVillages(
        Random random,
        PlanePoint seat,
        List<PlanePoint> township,
        List<(string Code, RegionKind Kind)> members,
        Dictionary<string, Placement> result,
        Func<PlanePoint, IReadOnlyList<PlanePoint>, Placement> place)
    {
        // Spread relative to the township's size: communities crowd the seat, villages cover the countryside.
        var radius = Math.Sqrt(Math.Abs(PlanarGeometry.Area(township)) / Math.PI);
        var minimumGap = Math.Min(0.15, radius / 20);
        var points = new List<PlanePoint>(members.Count);
        foreach (var (_, kind) in members)
        {
            var sigma = radius * (kind == RegionKind.Community ? 0.12 : 0.45);
            PlanePoint? chosen = null;
            for (var attempt = 0; attempt < 400 && chosen is null; attempt++)
            {
                // After many misses (a seat near the township's edge), fall back to anywhere in the township.
                var p = attempt < 200 ? new PlanePoint(seat.X + (sigma * Gaussian(random)), seat.Y + (sigma * Gaussian(random))) : UniformIn(random, township);
                // Kept off the township's edge as well, so every point sits clearly inside its own cell.
                if (PlanarGeometry.ContainsWithMargin(township, p, minimumGap / 2) && points.All(q => q.DistanceSquared(p) >= minimumGap * minimumGap))
                {
                    chosen = p;
                }
            }

            points.Add(chosen ?? UniformIn(random, township));
        }

        for (var i = 0; i < members.Count; i++)
        {
            result[members[i].Code] = place(points[i], PlanarGeometry.VoronoiCell(township, points, i));
        }
    }

    // A convex outline of the requested area: jittered points on a rotated ellipse, their hull, scaled to size.
    private static List<PlanePoint> CountyOutline(Random random, double areaKm2)
    {
        const int corners = 28;
        var stretch = 0.85 + (random.NextDouble() * 0.3);
        var rotation = random.NextDouble() * Math.PI;
        var points = new List<PlanePoint>(corners);
        for (var i = 0; i < corners; i++)
        {
            var angle = (2 * Math.PI * (i + ((random.NextDouble() - 0.5) * 0.6))) / corners;
            var r = 0.8 + (random.NextDouble() * 0.4);
            var x = r * Math.Cos(angle) * stretch;
            var y = r * Math.Sin(angle) / stretch;
            points.Add(new PlanePoint((x * Math.Cos(rotation)) - (y * Math.Sin(rotation)), (x * Math.Sin(rotation)) + (y * Math.Cos(rotation))));
        }

        var hull = PlanarGeometry.ConvexHull(points);
        var scale = Math.Sqrt(areaKm2 / PlanarGeometry.Area(hull));
        return hull.Select(p => new PlanePoint(p.X * scale, p.Y * scale)).ToList();
    }

    private static List<PlanePoint> Shrink(List<PlanePoint> ring, double factor)
    {
        var c = PlanarGeometry.Centroid(ring);
        return ring.Select(p => new PlanePoint(c.X + ((p.X - c.X) * factor), c.Y + ((p.Y - c.Y) * factor))).ToList();
    }

    private static PlanePoint UniformIn(Random random, IReadOnlyList<PlanePoint> convexRing)
    {
        var (minX, maxX) = (convexRing.Min(p => p.X), convexRing.Max(p => p.X));
        var (minY, maxY) = (convexRing.Min(p => p.Y), convexRing.Max(p => p.Y));
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var p = new PlanePoint(minX + (random.NextDouble() * (maxX - minX)), minY + (random.NextDouble() * (maxY - minY)));
            if (PlanarGeometry.Contains(convexRing, p))
            {
                return p;
            }
        }

        return PlanarGeometry.Centroid(convexRing); // a sliver of a ring; its centroid is still inside
    }

    // Box–Muller: a standard normal variate from two uniform ones.
    private static double Gaussian(Random random)
    {
        var u = 1.0 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }
}
