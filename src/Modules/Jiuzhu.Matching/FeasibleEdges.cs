namespace Jiuzhu.Matching;

/// <summary>A need that a resource can serve, with the travel distance between them in whole millimetres.</summary>
/// <remarks>Millimetres keep every sum exact in 64 bits (a million needs at 1,000 km each is 10^15 mm).</remarks>
public readonly record struct FeasibleEdge(int Need, int Resource, long Millimetres)
{
    /// <summary>The edge for a distance in metres, rounded to the nearest millimetre.</summary>
    public static FeasibleEdge FromMetres(int need, int resource, double metres) =>
        new(need, resource, (long)Math.Round(metres * 1000, MidpointRounding.AwayFromZero));
}

/// <summary>
/// Feasible edges from geometry: a grid over the resources, cells as wide as the reach, so each need looks only at
/// the resources in the cells around it instead of at every resource. Kept apart from the solver, so callers can apply
/// their own reach per group (walking items, home-delivered items) and their own eligibility.
/// </summary>
public static class FeasibleEdges
{
    /// <summary>
    /// Every pair (need, resource) whose travel distance is within <paramref name="reach"/> and that
    /// <paramref name="eligible"/> (when given) allows; indices are positions in the two lists.
    /// </summary>
    public static List<FeasibleEdge> Within(
        IReadOnlyList<GeoPoint> needs, IReadOnlyList<GeoPoint> resources, Reach reach, Func<int, int, bool>? eligible = null)
    {
        var edges = new List<FeasibleEdge>();
        AddWithin(edges, needs, resources, reach, eligible, static i => i, static j => j);
        return edges;
    }

    /// <summary>
    /// Adds the edges within reach to <paramref name="edges"/>, numbering needs and resources through the two maps (for
    /// a subset, e.g. the needs and providers of one item, taken from larger lists).
    /// </summary>
    public static void AddWithin(
        List<FeasibleEdge> edges,
        IReadOnlyList<GeoPoint> needs,
        IReadOnlyList<GeoPoint> resources,
        Reach reach,
        Func<int, int, bool>? eligible,
        Func<int, int> needId,
        Func<int, int> resourceId)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(needs);
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(reach);
        if (reach.Problem is { } problem)
        {
            throw new ArgumentException(problem, nameof(reach));
        }

        if (needs.Count == 0 || resources.Count == 0)
        {
            return;
        }

        var limit = reach.LimitMetres;
        var grid = new ResourceGrid(resources, limit / reach.DetourFactor);
        var candidates = new List<int>();
        for (var i = 0; i < needs.Count; i++)
        {
            candidates.Clear();
            grid.Candidates(needs[i], candidates);
            foreach (var j in candidates)
            {
                var metres = reach.TravelMetres(needs[i], resources[j]);
                if (metres <= limit && (eligible is null || eligible(i, j)))
                {
                    edges.Add(FeasibleEdge.FromMetres(needId(i), resourceId(j), metres));
                }
            }
        }
    }
}

/// <summary>
/// Resources bucketed in latitude/longitude cells about <c>radius</c> metres wide. <see cref="Candidates"/> returns a
/// superset of the resources within <c>radius</c> great-circle metres of a point: the latitude span is exact, and the
/// longitude span uses the cosine of the highest latitude the connecting arc can reach, so no pair is missed. Longitudes
/// are not wrapped at ±180° (no service area crosses the antimeridian).
/// </summary>
internal sealed class ResourceGrid
{
    private const double DegreesPerRadian = 180 / Math.PI;
    private readonly double _radiusDegrees;
    private readonly double _cellLat;
    private readonly double _cellLon;
    private readonly Dictionary<long, List<int>> _cells = [];

    public ResourceGrid(IReadOnlyList<GeoPoint> resources, double radiusMetres)
    {
        _radiusDegrees = radiusMetres / GreatCircle.EarthRadiusMetres * DegreesPerRadian;
        _cellLat = Math.Max(_radiusDegrees, 1e-6);
        var meanLatitude = resources.Count == 0 ? 0 : resources.Average(r => Math.Abs(r.Latitude));
        _cellLon = _cellLat / Math.Max(Math.Cos(Math.Min(meanLatitude, 89) / DegreesPerRadian), 0.01);
        for (var j = 0; j < resources.Count; j++)
        {
            var key = Key(Cell(resources[j].Latitude, _cellLat), Cell(resources[j].Longitude, _cellLon));
            if (!_cells.TryGetValue(key, out var list))
            {
                _cells[key] = list = [];
            }

            list.Add(j);
        }
    }

    public void Candidates(GeoPoint point, List<int> into)
    {
        var highest = Math.Abs(point.Latitude) + _radiusDegrees;
        var lonSpan = highest >= 89.99 ? 360 : _radiusDegrees / Math.Cos(highest / DegreesPerRadian);
        int y0 = Cell(point.Latitude - _radiusDegrees, _cellLat), y1 = Cell(point.Latitude + _radiusDegrees, _cellLat);
        int x0 = Cell(Math.Max(point.Longitude - lonSpan, -180.0), _cellLon);
        int x1 = Cell(Math.Min(point.Longitude + lonSpan, 180.0), _cellLon);
        if ((long)(y1 - y0 + 1) * (x1 - x0 + 1) > _cells.Count)
        {
            foreach (var list in _cells.Values)
            {
                into.AddRange(list);
            }

            return;
        }

        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                if (_cells.TryGetValue(Key(y, x), out var list))
                {
                    into.AddRange(list);
                }
            }
        }
    }

    private static int Cell(double degrees, double size) => (int)Math.Floor(degrees / size);

    private static long Key(int y, int x) => ((long)y << 32) | (uint)x;
}
