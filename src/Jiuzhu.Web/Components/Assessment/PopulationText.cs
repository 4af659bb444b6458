using Jiuzhu.Assessment.Policy;
using Jiuzhu.Kernel;
using MudBlazor;

namespace Jiuzhu.Web.Components.Assessment;

/// <summary>Texts and colours of the population view.</summary>
public static class PopulationText
{
    /// <summary>Township, county and regional staff: the same roles as <see cref="Jiuzhu.Assessment.PopulationQueries.Readers"/>.</summary>
    public const string PageRoles = Roles.TownshipSocialWorker + "," + Roles.CountyOfficer + "," + Roles.CountyApprover + "," + Roles.RegionalAdmin;

    public static string LevelName(RegionLevel level) => level switch
    {
        RegionLevel.Province => "省",
        RegionLevel.City => "市",
        RegionLevel.County => "县（区）",
        RegionLevel.Township => "乡镇（街道）",
        _ => "村（社区）",
    };

    public static Color TierColor(Tier tier) => tier switch
    {
        Tier.Red => Color.Error,
        Tier.Yellow => Color.Warning,
        _ => Color.Success,
    };
}
