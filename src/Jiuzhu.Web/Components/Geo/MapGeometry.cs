using System.Globalization;
using System.Text;

namespace Jiuzhu.Web.Components.Geo;

/// <summary>
/// Turns WGS-84 outlines ("lon,lat lon,lat …") into SVG paths: an equirectangular projection scaled by the cosine of
/// the mean latitude, fitted into a fixed-width view box. Good enough at county scale; no tile server needed.
/// </summary>
public sealed class MapGeometry
{
    public const double Width = 1000;
    private const double Margin = 12;

    private readonly double _cos;
    private readonly double _minX;
    private readonly double _maxY;
    private readonly double _scale;

    private MapGeometry(double cos, double minX, double maxY, double scale, double height)
    {
        _cos = cos;
        _minX = minX;
        _maxY = maxY;
        _scale = scale;
        Height = height;
    }

    public double Height { get; }

    /// <summary>A projection that fits every given outline; null when there is nothing to draw.</summary>
    public static MapGeometry? Fit(IEnumerable<string?> outlines)
    {
        var points = outlines.SelectMany(o => Parse(o)).ToList();
        if (points.Count < 3)
        {
            return null;
        }

        var cos = Math.Cos(points.Average(p => p.Lat) * Math.PI / 180);
        var minX = points.Min(p => p.Lon * cos);
        var maxX = points.Max(p => p.Lon * cos);
        var minY = points.Min(p => p.Lat);
        var maxY = points.Max(p => p.Lat);
        var spanX = Math.Max(maxX - minX, 1e-9);
        var scale = (Width - (2 * Margin)) / spanX;
        var height = Math.Max(((maxY - minY) * scale) + (2 * Margin), 100);
        return new MapGeometry(cos, minX, maxY, scale, height);
    }

    public static IEnumerable<(double Lon, double Lat)> Parse(string? outline)
    {
        if (string.IsNullOrWhiteSpace(outline))
        {
            yield break;
        }

        foreach (var pair in outline.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = pair.IndexOf(',');
            if (comma > 0
                && double.TryParse(pair.AsSpan(0, comma), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                && double.TryParse(pair.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat))
            {
                yield return (lon, lat);
            }
        }
    }

    public (double X, double Y) Project(double lon, double lat) =>
        (Margin + (((lon * _cos) - _minX) * _scale), Margin + ((_maxY - lat) * _scale));

    /// <summary>An SVG path ("M x,y L … Z") for an outline; empty when it has fewer than three points.</summary>
    public string Path(string? outline)
    {
        var points = Parse(outline).ToList();
        if (points.Count < 3)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
        {
            var (x, y) = Project(points[i].Lon, points[i].Lat);
            sb.Append(i == 0 ? 'M' : 'L').Append(x.ToString("0.#", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("0.#", CultureInfo.InvariantCulture)).Append(' ');
        }

        return sb.Append('Z').ToString();
    }

    public string ViewBox => string.Create(CultureInfo.InvariantCulture, $"0 0 {Width:0} {Height:0}");
}
