namespace Jiuzhu.Kernel;

/// <summary>Departments that share the one application and one assessment (DOMAIN.md §1).</summary>
public static class Departments
{
    /// <summary>Stable codes with their Chinese names.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["civil-affairs"] = "民政",
        ["health"] = "卫健",
        ["human-resources"] = "人社",
        ["medical-security"] = "医保",
        ["disabled-persons"] = "残联",
        ["women"] = "妇联",
        ["education"] = "教育",
        ["public-security"] = "公安",
        ["housing"] = "住建",
        ["rural-revitalization"] = "乡村振兴",
        ["justice"] = "司法",
        ["emergency-management"] = "应急管理",
        ["finance"] = "财政",
        ["youth-league"] = "共青团",
    };

    public static bool IsKnown(string? code) => code is not null && All.ContainsKey(code);

    public static string Name(string? code) => code is not null && All.TryGetValue(code, out var name) ? name : code ?? string.Empty;
}
