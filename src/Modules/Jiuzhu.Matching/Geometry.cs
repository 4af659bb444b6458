namespace Jiuzhu.Matching;

/// <summary>A point on the earth in decimal degrees (WGS-84 / GCJ-02 alike: the difference does not matter at this scale).</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    public bool IsValid => Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180;
}

/// <summary>Great-circle distance on a sphere of the mean earth radius.</summary>
public static class GreatCircle
{
    /// <summary>The IUGG mean earth radius R1, in metres.</summary>
    public const double EarthRadiusMetres = 6_371_008.8;

    private const double Radians = Math.PI / 180;

    /// <summary>Haversine distance in metres.</summary>
    public static double Metres(GeoPoint a, GeoPoint b)
    {
        var dLat = (b.Latitude - a.Latitude) * Radians;
        var dLon = (b.Longitude - a.Longitude) * Radians;
        var sinLat = Math.Sin(dLat / 2);
        var sinLon = Math.Sin(dLon / 2);
        var h = (sinLat * sinLat) + (Math.Cos(a.Latitude * Radians) * Math.Cos(b.Latitude * Radians) * sinLon * sinLon);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}

/// <summary>
/// How far a need may be from a resource: travel distance is the great-circle distance × a detour factor, and it is
/// reachable when it is at most minutes × 60 × speed. Walking (15 min, 1.0 m/s, detour 1.3) is the default; home
/// delivery uses the provider's own profile.
/// </summary>
public sealed record Reach(double Minutes, double MetresPerSecond, double DetourFactor)
{
    /// <summary>The 15-minute walking circle (15 分钟服务圈).</summary>
    public static readonly Reach Walking = new(15, 1.0, 1.3);

    /// <summary>Walking at an elderly pace.</summary>
    public static readonly Reach ElderlyWalking = new(15, 0.8, 1.3);

    /// <summary>The longest travel distance that is still reachable, in metres.</summary>
    public double LimitMetres => Minutes * 60 * MetresPerSecond;

    /// <summary>Travel distance in metres: great-circle distance × detour factor.</summary>
    public double TravelMetres(GeoPoint from, GeoPoint to) => GreatCircle.Metres(from, to) * DetourFactor;

    /// <summary>Null when the profile is usable, else why not.</summary>
    public string? Problem =>
        !(Minutes > 0) || double.IsInfinity(Minutes) ? "minutes must be a positive number"
        : !(MetresPerSecond > 0) || double.IsInfinity(MetresPerSecond) ? "speed must be a positive number"
        : !(DetourFactor >= 1) || double.IsInfinity(DetourFactor) ? "detour factor must be at least 1"
        : null;
}
