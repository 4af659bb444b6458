using Jiuzhu.Web.Components.Geo;

namespace Jiuzhu.Tests.Geo;

public sealed class MapGeometryTests
{
    private const string Square = "119.0,35.0 119.2,35.0 119.2,35.2 119.0,35.2";

    [Fact]
    public void Outlines_are_fitted_inside_the_view_box_with_north_up()
    {
        var map = MapGeometry.Fit([Square])!;
        var (xw, yn) = map.Project(119.0, 35.2);
        var (xe, ys) = map.Project(119.2, 35.0);
        Assert.True(xw >= 0 && xe <= MapGeometry.Width);
        Assert.True(yn < ys, "north is up");
        Assert.True(ys <= map.Height);
        // One degree of longitude is shorter than one of latitude at 35°N.
        Assert.True((xe - xw) < (ys - yn));
    }

    [Fact]
    public void Paths_are_closed_polygons_and_degenerate_outlines_draw_nothing()
    {
        var map = MapGeometry.Fit([Square])!;
        var path = map.Path(Square);
        Assert.StartsWith("M", path);
        Assert.EndsWith("Z", path);
        Assert.Equal(3, path.Count(c => c == 'L'));
        Assert.Equal(string.Empty, map.Path("119.0,35.0 119.1,35.1"));
        Assert.Null(MapGeometry.Fit([null, "garbage"]));
    }
}
