using Jiuzhu.Kernel;

namespace Jiuzhu.Providers.Domain;

/// <summary>
/// Service point coordinates: WGS-84 degrees, the system of the platform's region geometry (not GCJ-02, which Chinese web
/// maps display; convert before entering). Points must lie within mainland China's extent, which also catches swapped
/// latitude and longitude.
/// </summary>
public static class Coordinates
{
    public const double MinLatitude = 3.8;
    public const double MaxLatitude = 53.6;
    public const double MinLongitude = 73.4;
    public const double MaxLongitude = 135.1;

    public static Error? Check(double latitude, double longitude)
    {
        if (!double.IsFinite(latitude) || !double.IsFinite(longitude))
        {
            return Error.Validation("provider.bad_coordinates", "坐标须为 WGS-84 十进制度数。");
        }

        if (latitude is >= MinLongitude and <= MaxLongitude && longitude is >= MinLatitude and <= MaxLatitude)
        {
            return Error.Validation("provider.bad_coordinates", "纬度和经度似乎填反了：我国境内纬度约 4–54，经度约 73–135（WGS-84）。");
        }

        if (latitude is < -90 or > 90 || longitude is < -180 or > 180)
        {
            return Error.Validation("provider.bad_coordinates", "坐标须为 WGS-84 十进制度：纬度 -90 至 90，经度 -180 至 180。");
        }

        if (latitude is < MinLatitude or > MaxLatitude || longitude is < MinLongitude or > MaxLongitude)
        {
            return Error.Validation("provider.bad_coordinates", "坐标不在我国境内：纬度应约在 4 至 54 之间，经度约在 73 至 135 之间（WGS-84）。");
        }

        return null;
    }
}
