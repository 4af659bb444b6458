using Jiuzhu.Catalog.Domain;
using Jiuzhu.Kernel;
using static Jiuzhu.Tests.Catalog.CatalogTestKit;

namespace Jiuzhu.Tests.Catalog;

public sealed class PackageExpansionTests
{
    private static readonly PackageContent Elder = new("老年人服务包", ["LIFE-01", "LIFE-02"], ["PSY-01", "C-01", "GONE-01"], ["ELDERLY_ALONE"]);

    private static IReadOnlyList<EffectiveItem> CountyCatalog(params CatalogEntry[] extra) => CatalogResolution.Resolve(
        RegionCode.Parse("371121001201"), new DateOnly(2026, 3, 1),
        [Define("", "LIFE-01", Meal(5)), Define("", "LIFE-02", Cleaning()), Define("", "PSY-01", Counselling()), Adjust(County, "LIFE-01", new ItemAdjustment(UnitPrice: 6)), .. extra]);

    [Fact]
    public void Base_items_are_proposed_with_the_regions_frequency_price_versions_and_a_reason()
    {
        var catalog = CountyCatalog();
        var expansion = PackageExpander.Expand("PKG-ELDER", Elder, catalog, chosenModules: []).Value;

        Assert.Equal(
            [("LIFE-01", ServiceFrequency.Daily, 6m, false, "老年人服务包·基础目录"), ("LIFE-02", ServiceFrequency.Weekly, 40m, false, "老年人服务包·基础目录")],
            expansion.Items.Select(i => (i.ItemCode, i.Frequency, i.UnitPrice, i.Optional, i.Reason)));
        Assert.Equal(catalog.Single(i => i.Code == "LIFE-01").VersionIds, expansion.Items[0].VersionIds);
        Assert.Empty(expansion.Skipped);
    }

    [Fact]
    public void Chosen_modules_are_added_and_a_module_outside_the_package_is_refused()
    {
        var chosen = PackageExpander.Expand("PKG-ELDER", Elder, CountyCatalog(), chosenModules: ["PSY-01"]).Value;
        var stray = PackageExpander.Expand("PKG-ELDER", Elder, CountyCatalog(), chosenModules: ["LIFE-01"]);

        Assert.Equal(("PSY-01", true, "老年人服务包·弹性模块（已选）"), (chosen.Items[^1].ItemCode, chosen.Items[^1].Optional, chosen.Items[^1].Reason));
        Assert.Equal("package.unknown_module", stray.Error?.Code);
    }

    [Fact]
    public void Without_a_choice_the_modules_matching_the_households_needs_are_proposed_with_the_need_named()
    {
        var distressed = PackageExpander.Expand("PKG-ELDER", Elder, CountyCatalog(), householdNeeds: ["MENTAL_DISTRESS"]).Value;
        var none = PackageExpander.Expand("PKG-ELDER", Elder, CountyCatalog(), householdNeeds: ["WORK_ABLE"]).Value;

        Assert.Equal("老年人服务包·弹性模块：适用于心理困扰", distressed.Items.Single(i => i.Optional).Reason);
        Assert.DoesNotContain(none.Items, i => i.Optional);
    }

    [Fact]
    public void Items_switched_off_or_missing_in_the_region_are_reported_not_proposed()
    {
        var expansion = PackageExpander.Expand("PKG-ELDER", Elder, CountyCatalog(Off(County, "LIFE-02")), chosenModules: ["GONE-01"]).Value;

        Assert.Equal(["LIFE-01"], expansion.Items.Select(i => i.ItemCode));
        Assert.Equal(
            [("LIFE-02", "助洁已由社区补充层级在本地停用"), ("GONE-01", "本地区目录中没有该项目")],
            expansion.Skipped.Select(s => (s.ItemCode, s.Reason)));
    }

    [Fact]
    public void A_package_must_name_items_the_scope_has_each_once()
    {
        var available = new HashSet<string> { "LIFE-01", "LIFE-02", "PSY-01" };

        Assert.Null(new PackageContent("包", ["LIFE-01"], ["PSY-01"]).Check(available));
        Assert.Equal("package.duplicate_item", new PackageContent("包", ["LIFE-01"], ["LIFE-01"]).Check(available)?.Code);
        Assert.Equal("package.unknown_item", new PackageContent("包", ["LIFE-01"], ["C-01"]).Check(available)?.Code);
        Assert.Equal("package.invalid", new PackageContent("包", [], ["PSY-01"]).Check(available)?.Code);
    }
}
