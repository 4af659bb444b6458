namespace Jiuzhu.Cases.Domain;

/// <summary>The kinds of assistance a case asks for (救助类型): stable codes used in the database and the API, with Chinese names.</summary>
public static class CaseTypes
{
    public const string MinimumLiving = "minimum-living"; // 最低生活保障（低保）
    public const string ExtremelyPoor = "extremely-poor"; // 特困人员救助供养（特困）
    public const string Temporary = "temporary";          // 临时救助
    public const string Service = "service";              // 服务类救助

    /// <summary>Not a case type: marks a setting (such as a deadline policy) that applies to every type.</summary>
    public const string Any = "any";

    /// <summary>Every case type, in display order (without <see cref="Any"/>).</summary>
    public static IReadOnlyList<string> All { get; } = [MinimumLiving, ExtremelyPoor, Temporary, Service];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);

    public static string ChineseName(string type) => type switch
    {
        MinimumLiving => "低保",
        ExtremelyPoor => "特困供养",
        Temporary => "临时救助",
        Service => "服务类救助",
        Any => "所有类型",
        _ => type,
    };
}
