using Jiuzhu.Catalog.Domain;

namespace Jiuzhu.Tests.Catalog;

/// <summary>Entries built as the tiers would write them, for pure resolution and rule tests.</summary>
internal static class CatalogTestKit
{
    public const string Province = "37";
    public const string County = "371121";
    public const string OtherCounty = "371122";
    public static readonly DateOnly Start = new(2026, 1, 1);
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ItemContent Meal(decimal price = 5, ItemLimits? limits = null) => new(
        "助餐", "LIFE", "餐", "每日一餐，营养均衡", "GB/T 演示", ServiceFrequency.Daily, 30, price,
        ["TEKUN", "DIBAO"], ["ELDERLY_ALONE", "ELDERLY_80"], "civil-affairs", ["canteen"], limits);

    public static ItemContent Cleaning(decimal price = 40, ItemLimits? limits = null) => new(
        "助洁", "LIFE", "小时", null, null, ServiceFrequency.Weekly, 120, price,
        ["TEKUN"], ["ELDERLY_ALONE", "DEPENDENT"], "civil-affairs", ["social_org"], limits);

    public static ItemContent Counselling() => new(
        "心理疏导", "PSY", "次", null, null, ServiceFrequency.Biweekly, 60, 100, ["DIBAO"], ["MENTAL_DISTRESS"], "civil-affairs", ["psych_service"]);

    public static CatalogEntry Define(string scope, string code, ItemContent content, DateOnly? from = null, int version = 1) =>
        CatalogEntry.Define(scope, code, version, content, from ?? Start, null, "test", Now);

    public static CatalogEntry Adjust(string scope, string code, ItemAdjustment adjustment, DateOnly? from = null, int version = 1) =>
        CatalogEntry.Adjust(scope, code, version, adjustment, from ?? Start, null, "test", Now);

    public static CatalogEntry Off(string scope, string code, DateOnly? from = null, int version = 1) =>
        CatalogEntry.SwitchOff(scope, code, version, from ?? Start, "本地不提供", "test", Now);

    public static CatalogEntry Ended(this CatalogEntry entry, DateOnly on)
    {
        entry.End(on);
        return entry;
    }
}
