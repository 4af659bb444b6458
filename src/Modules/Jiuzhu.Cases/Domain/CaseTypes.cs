namespace Jiuzhu.Cases.Domain;

/// <summary>Kinds of application; deadlines and duplicates are judged per kind.</summary>
public static class CaseTypes
{
    public const string MinimumLiving = "minimum-living";   // 低保
    public const string ExtremelyPoor = "extremely-poor";   // 特困供养
    public const string Temporary = "temporary";            // 临时救助
    public const string Service = "service";                // 服务类救助

    public static IReadOnlyList<string> All { get; } = [MinimumLiving, ExtremelyPoor, Temporary, Service];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);

    public static string ChineseName(string type) => type switch
    {
        MinimumLiving => "最低生活保障",
        ExtremelyPoor => "特困人员供养",
        Temporary => "临时救助",
        Service => "服务类救助",
        _ => type,
    };
}
