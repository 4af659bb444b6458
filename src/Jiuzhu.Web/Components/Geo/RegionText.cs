using Jiuzhu.Kernel;

namespace Jiuzhu.Web.Components.Geo;

/// <summary>Chinese labels of region levels, used as localization keys.</summary>
public static class RegionText
{
    public static string LevelLabel(RegionLevel level) => level switch
    {
        RegionLevel.Province => "省",
        RegionLevel.City => "市",
        RegionLevel.County => "县（区）",
        RegionLevel.Township => "乡镇（街道）",
        _ => "村（社区）",
    };
}
