namespace Jiuzhu.Geo.Demo;

/// <summary>A point on a plane: kilometres east and north of a county's centre, or longitude and latitude.</summary>
internal readonly record struct PlanePoint(double X, double Y)
{
    public static PlanePoint operator -(PlanePoint a, PlanePoint b) => new(a.X - b.X, a.Y - b.Y);

    public double DistanceSquared(PlanePoint other) => ((X - other.X) * (X - other.X)) + ((Y - other.Y) * (Y - other.Y));
}

/// <summary>The little plane geometry the demo geography needs: convex hulls, half-plane clipping, point-in-polygon.</summary>
internal static class PlanarGeometry
{
    /// <summary>Convex hull, counter-clockwise, without collinear points (Andrew's monotone chain).</summary>
    public static List<PlanePoint> ConvexHull(IEnumerable<PlanePoint> points)
    {
        var sorted = points.Distinct().OrderBy(p => p.X).ThenBy(p => p.Y).ToList();
        if (sorted.Count < 3)
        {
            return sorted;
        }

        var hull = new List<PlanePoint>(sorted.Count + 1);
        foreach (var pass in new[] { sorted, Enumerable.Reverse(sorted).ToList() })
        {
            var start = hull.Count;
            foreach (var p in pass)
            {
                while (hull.Count >= start + 2 && Cross(hull[^2], hull[^1], p) <= 0)
                {
                    hull.RemoveAt(hull.Count - 1);
                }

                hull.Add(p);
            }

            hull.RemoveAt(hull.Count - 1); // the last point of each pass starts the other
        }

        return hull;
    }

    /// <summary>Signed area (positive for counter-clockwise rings).</summary>
    public static double Area(IReadOnlyList<PlanePoint> ring)
    {
        var sum = 0.0;
        for (var i = 0; i < ring.Count; i++)
        {
            var a = ring[i];
            var b = ring[(i + 1) % ring.Count];
            sum += (a.X * b.Y) - (b.X * a.Y);
        }

        return sum / 2;
    }

    public static PlanePoint Centroid(IReadOnlyList<PlanePoint> ring)
    {
        var area = Area(ring);
        if (Math.Abs(area) < 1e-12)
        {
            return new PlanePoint(ring.Average(p => p.X), ring.Average(p => p.Y));
        }

        double cx = 0, cy = 0;
        for (var i = 0; i < ring.Count; i++)
        {
            var a = ring[i];
            var b = ring[(i + 1) % ring.Count];
            var f = (a.X * b.Y) - (b.X * a.Y);
            cx += (a.X + b.X) * f;
            cy += (a.Y + b.Y) * f;
        }

        return new PlanePoint(cx / (6 * area), cy / (6 * area));
    }

    /// <summary>True when <paramref name="p"/> lies inside or on a convex counter-clockwise ring.</summary>
    public static bool Contains(IReadOnlyList<PlanePoint> convexRing, PlanePoint p, double tolerance = 1e-9)
    {
        if (convexRing.Count < 3)
        {
            return false;
        }

        for (var i = 0; i < convexRing.Count; i++)
        {
            if (Cross(convexRing[i], convexRing[(i + 1) % convexRing.Count], p) < -tolerance)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="p"/> lies inside a convex counter-clockwise ring, at least <paramref name="margin"/> from every edge.</summary>
    public static bool ContainsWithMargin(IReadOnlyList<PlanePoint> convexRing, PlanePoint p, double margin)
    {
        if (convexRing.Count < 3)
        {
            return false;
        }

        for (var i = 0; i < convexRing.Count; i++)
        {
            var a = convexRing[i];
            var b = convexRing[(i + 1) % convexRing.Count];
            var length = Math.Sqrt(a.DistanceSquared(b));
            if (length > 0 && Cross(a, b, p) / length < margin)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The part of a polygon nearer to <paramref name="site"/> than to <paramref name="other"/> (one Voronoi half-plane).</summary>
    public static List<PlanePoint> ClipNearer(IReadOnlyList<PlanePoint> polygon, PlanePoint site, PlanePoint other)
    {
        // Keep p where (other - site) · p <= (|other|² - |site|²) / 2, the perpendicular bisector's near side.
        var n = other - site;
        var c = ((other.X * other.X) + (other.Y * other.Y) - (site.X * site.X) - (site.Y * site.Y)) / 2;
        double Side(PlanePoint p) => (n.X * p.X) + (n.Y * p.Y) - c;

        var result = new List<PlanePoint>(polygon.Count + 1);
        for (var i = 0; i < polygon.Count; i++)
        {
            var a = polygon[i];
            var b = polygon[(i + 1) % polygon.Count];
            var sa = Side(a);
            var sb = Side(b);
            if (sa <= 0)
            {
                result.Add(a);
            }

            if ((sa < 0 && sb > 0) || (sa > 0 && sb < 0))
            {
                var t = sa / (sa - sb);
                result.Add(new PlanePoint(a.X + (t * (b.X - a.X)), a.Y + (t * (b.Y - a.Y))));
            }
        }

        return result;
    }

    /// <summary>
    /// The Voronoi cell of <c>sites[index]</c> among <paramref name="sites"/>, clipped to a convex <paramref name="bounds"/>.
    /// Sites are tried nearest first and the search stops once no farther site can reach the cell.
    /// </summary>
    public static List<PlanePoint> VoronoiCell(IReadOnlyList<PlanePoint> bounds, IReadOnlyList<PlanePoint> sites, int index)
    {
        var site = sites[index];
        var cell = bounds.ToList();
        var others = Enumerable.Range(0, sites.Count).Where(i => i != index).OrderBy(i => sites[i].DistanceSquared(site)).ThenBy(i => i);
        foreach (var i in others)
        {
            // A bisector lies at half the distance to the other site; beyond twice the cell's reach it cannot cut.
            var reach = cell.Count == 0 ? 0 : cell.Max(p => p.DistanceSquared(site));
            if (sites[i].DistanceSquared(site) > 4 * reach)
            {
                break;
            }

            cell = ClipNearer(cell, site, sites[i]);
        }

        return cell;
    }

    // > 0 when a→b→c turns left.
    private static double Cross(PlanePoint a, PlanePoint b, PlanePoint c) => ((b.X - a.X) * (c.Y - a.Y)) - ((b.Y - a.Y) * (c.X - a.X));
}
