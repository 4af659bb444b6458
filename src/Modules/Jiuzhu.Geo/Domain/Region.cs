using Jiuzhu.Kernel;

namespace Jiuzhu.Geo.Domain;

/// <summary>What kind of place a division is; township and village kinds follow from their codes.</summary>
public enum RegionKind
{
    Province = 1,
    City = 2,
    County = 3,
    Subdistrict = 10, // 街道 (township code 001–099)
    Town = 11,        // 镇 (100–199)
    Township = 12,    // 乡 (200–399)
    OtherTownship = 13, // 开发区、农场等 (400 and above)
    Community = 20,   // 社区居委会 (village code 001–199), urban
    Village = 21,     // 村委会 (200–399), rural
    OtherVillage = 22,
}

/// <summary>One statistical division (统计用区划) from province down to village/community.</summary>
public sealed class Region
{
    private Region()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    public Region(RegionCode code, string name)
    {
        Code = code.Value;
        Level = code.Level;
        ParentCode = code.Parent?.Value;
        Kind = RegionKinds.FromCode(code);
        Name = name;
    }

    /// <summary>The 12-digit code.</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    public RegionLevel Level { get; private set; }

    public string? ParentCode { get; private set; }

    public RegionKind Kind { get; private set; }

    /// <summary>A representative point (WGS-84); synthetic for the demo county.</summary>
    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    /// <summary>Outline as "lon,lat lon,lat …" (a closed ring, first point not repeated); synthetic for the demo county.</summary>
    public string? Boundary { get; private set; }

    public bool IsUrban => Kind is RegionKind.Subdistrict or RegionKind.Community;

    public void Rename(string name) => Name = name;

    public void PlaceAt(double latitude, double longitude, string? boundary)
    {
        Latitude = latitude;
        Longitude = longitude;
        Boundary = boundary;
    }
}

/// <summary>Derives a division's kind from its code (DOMAIN.md §2).</summary>
public static class RegionKinds
{
    public static RegionKind FromCode(RegionCode code)
    {
        switch (code.Level)
        {
            case RegionLevel.Province:
                return RegionKind.Province;
            case RegionLevel.City:
                return RegionKind.City;
            case RegionLevel.County:
                return RegionKind.County;
            case RegionLevel.Township:
                var t = int.Parse(code.Value.AsSpan(6, 3));
                return t switch
                {
                    <= 99 => RegionKind.Subdistrict,
                    <= 199 => RegionKind.Town,
                    <= 399 => RegionKind.Township,
                    _ => RegionKind.OtherTownship,
                };
            default:
                var v = int.Parse(code.Value.AsSpan(9, 3));
                return v switch
                {
                    <= 199 => RegionKind.Community,
                    <= 399 => RegionKind.Village,
                    _ => RegionKind.OtherVillage,
                };
        }
    }

    public static string ChineseName(RegionKind kind) => kind switch
    {
        RegionKind.Province => "省级",
        RegionKind.City => "地级",
        RegionKind.County => "县级",
        RegionKind.Subdistrict => "街道",
        RegionKind.Town => "镇",
        RegionKind.Township => "乡",
        RegionKind.OtherTownship => "其他乡级单位",
        RegionKind.Community => "社区居委会",
        RegionKind.Village => "村委会",
        RegionKind.OtherVillage => "其他村级单位",
        _ => kind.ToString(),
    };
}
