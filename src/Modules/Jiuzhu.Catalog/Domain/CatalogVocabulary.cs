using Jiuzhu.Kernel;

namespace Jiuzhu.Catalog.Domain;

/// <summary>The three catalog tiers (国家基本 + 地方拓展 + 社区补充); the order is from the top down.</summary>
public enum CatalogTier
{
    /// <summary>国家基本: the national base, the same everywhere.</summary>
    National = 1,

    /// <summary>地方拓展: a province's extension.</summary>
    Provincial = 2,

    /// <summary>社区补充: a county's (and its communities') supplement.</summary>
    County = 3,
}

/// <summary>How often a service is delivered. <see cref="OnDemand"/> has no place in the intensity order.</summary>
public enum ServiceFrequency
{
    /// <summary>按需.</summary>
    OnDemand = 0,

    /// <summary>每月.</summary>
    Monthly = 1,

    /// <summary>每两周.</summary>
    Biweekly = 2,

    /// <summary>每周.</summary>
    Weekly = 3,

    /// <summary>每日.</summary>
    Daily = 4,
}

/// <summary>A code with its Chinese name.</summary>
public sealed record Term(string Code, string Name);

/// <summary>A service category (服务领域) and the layer it belongs to.</summary>
public sealed record CategoryTerm(string Code, string Name, string Layer);

/// <summary>
/// The catalog's vocabulary: tiers, layers (三层), categories (服务领域), target groups and need flags, as the seed
/// document and the catalog file (jiuzhu-catalog/1) name them. The importer refuses a file that uses other codes.
/// </summary>
public static class CatalogVocabulary
{
    /// <summary>The scope of the national base: the empty region prefix.</summary>
    public const string NationalScope = "";

    public static IReadOnlyList<Term> Layers { get; } =
    [
        new("basic", "基础服务"), new("development", "发展支持"), new("integration", "社会融入"),
    ];

    public static IReadOnlyList<CategoryTerm> Categories { get; } =
    [
        new("LIFE", "生活照料", "basic"), new("HEALTH", "健康管理", "basic"), new("EMERG", "临时应急", "basic"),
        new("PSY", "心理支持", "development"), new("SKILL", "能力提升", "development"), new("PARENT", "亲子关系", "development"),
        new("FAMILY", "家庭支持", "development"), new("SOCIAL", "社会融入", "integration"),
    ];

    public static IReadOnlyList<Term> TargetGroups { get; } =
    [
        new("TEKUN", "特困人员"), new("DIBAO", "最低生活保障对象"), new("DIBAO_EDGE", "低保边缘家庭成员"),
        new("RIGID_EXP", "刚性支出困难家庭成员"), new("TEMP", "临时遇困人员"),
    ];

    public static IReadOnlyList<Term> NeedFlags { get; } =
    [
        new("ELDERLY_ALONE", "独居/空巢老年人"), new("ELDERLY_80", "80周岁以上老年人"), new("DEPENDENT", "失能/半失能人员"),
        new("DISABLED_SEVERE", "重度残疾人"), new("SERIOUS_ILL", "重病患者"), new("CHILD_DIFFICULT", "困境儿童"),
        new("CHILD_LEFT_BEHIND", "留守儿童"), new("SINGLE_PARENT", "单亲家庭"), new("GRANDPARENT_CARE", "隔代抚养家庭"),
        new("CAREGIVER", "家庭照护者"), new("WORK_ABLE", "有劳动能力"), new("LONG_UNEMPLOYED", "长期失业"),
        new("DISABLED_YOUTH", "残障青年"), new("MENTAL_DISTRESS", "心理困扰"),
    ];

    /// <summary>The catalog file's department codes and the platform's (<see cref="Departments"/>).</summary>
    public static IReadOnlyDictionary<string, string> FileDepartments { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CIVIL"] = "civil-affairs",
        ["HEALTH"] = "health",
        ["HRSS"] = "human-resources",
        ["MEDINS"] = "medical-security",
        ["DPF"] = "disabled-persons",
        ["WOMEN"] = "women",
        ["EDU"] = "education",
        ["JUSTICE"] = "justice",
        ["HOUSING"] = "housing",
        ["EMERGENCY"] = "emergency-management",
        ["FINANCE"] = "finance",
        ["YOUTH"] = "youth-league",
    };

    public static string TierName(CatalogTier tier) => tier switch
    {
        CatalogTier.National => "国家基本",
        CatalogTier.Provincial => "地方拓展",
        _ => "社区补充",
    };

    public static string FrequencyName(ServiceFrequency frequency) => frequency switch
    {
        ServiceFrequency.Daily => "每日",
        ServiceFrequency.Weekly => "每周",
        ServiceFrequency.Biweekly => "每两周",
        ServiceFrequency.Monthly => "每月",
        _ => "按需",
    };

    /// <summary>Reads the catalog file's frequency codes (daily, weekly, biweekly, monthly, on_demand).</summary>
    public static bool TryParseFrequency(string? text, out ServiceFrequency frequency)
    {
        frequency = text switch
        {
            "daily" => ServiceFrequency.Daily,
            "weekly" => ServiceFrequency.Weekly,
            "biweekly" => ServiceFrequency.Biweekly,
            "monthly" => ServiceFrequency.Monthly,
            "on_demand" => ServiceFrequency.OnDemand,
            _ => (ServiceFrequency)(-1),
        };
        return Enum.IsDefined(frequency);
    }

    public static string? LayerOf(string category) => Categories.FirstOrDefault(c => c.Code == category)?.Layer;

    public static string LayerName(string? layer) => Layers.FirstOrDefault(l => l.Code == layer)?.Name ?? layer ?? string.Empty;

    public static string CategoryName(string category) => Categories.FirstOrDefault(c => c.Code == category)?.Name ?? category;

    public static string TargetGroupName(string code) => TargetGroups.FirstOrDefault(c => c.Code == code)?.Name ?? code;

    public static string NeedFlagName(string code) => NeedFlags.FirstOrDefault(c => c.Code == code)?.Name ?? code;

    /// <summary>The tier of a scope: "" is national, 2 digits a province, 6 digits a county; anything else is no tier.</summary>
    public static CatalogTier? TierOf(string scope) => scope.Length switch
    {
        0 => CatalogTier.National,
        2 when RegionCode.TryParse(scope, out var p) && p.Level == RegionLevel.Province => CatalogTier.Provincial,
        6 when RegionCode.TryParse(scope, out var c) && c.Level == RegionLevel.County => CatalogTier.County,
        _ => null,
    };

    /// <summary>
    /// The tier scopes a region's catalog is resolved from, from the top down: the national base, the region's province
    /// and, for a county or anything inside one, its county. A city sees its province's catalog.
    /// </summary>
    public static IReadOnlyList<string> ChainOf(RegionCode region)
    {
        var chain = new List<string> { NationalScope, region.Value[..2] };
        if (region.Level >= RegionLevel.County && region.Value[4..6] != "00")
        {
            chain.Add(region.Value[..6]);
        }

        return chain;
    }

    /// <summary>Reads a scope as written in a URL: "national" (or "00") for the national base, else a province or county code.</summary>
    public static string? ParseScope(string? text) => text switch
    {
        "national" or "00" => NationalScope,
        { Length: 2 or 6 } when TierOf(text) is not null => text,
        _ => null,
    };

    public static string ScopeLabel(string scope) => scope.Length == 0 ? "national" : scope;
}
