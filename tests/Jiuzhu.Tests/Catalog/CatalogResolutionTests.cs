using Jiuzhu.Catalog.Domain;
using Jiuzhu.Kernel;
using static Jiuzhu.Tests.Catalog.CatalogTestKit;

namespace Jiuzhu.Tests.Catalog;

public sealed class CatalogResolutionTests
{
    private static readonly RegionCode Village = RegionCode.Parse("371121001201");
    private static readonly DateOnly March = new(2026, 3, 1);

    private static IReadOnlyList<EffectiveItem> At(string region, DateOnly on, params CatalogEntry[] entries) =>
        CatalogResolution.Resolve(RegionCode.Parse(region), on, entries);

    [Fact]
    public void A_village_sees_the_national_base_its_provinces_extension_and_its_countys_supplement_with_their_tiers()
    {
        var items = At(Village.Value, March,
            Define("", "LIFE-01", Meal()),
            Define(Province, "P-01", Counselling()),
            Define(County, "C-01", Cleaning()),
            Define(OtherCounty, "C-02", Cleaning()),
            Define("44", "P-44", Counselling()));

        Assert.Equal(
            [("C-01", CatalogTier.County), ("LIFE-01", CatalogTier.National), ("P-01", CatalogTier.Provincial)],
            items.Select(i => (i.Code, i.Tier)));
        Assert.Equal("basic", items[1].Layer);
        Assert.Equal("development", items.Single(i => i.Code == "P-01").Layer);
    }

    [Fact]
    public void A_city_resolves_to_its_provinces_catalog_without_any_county_supplement()
    {
        var items = At("3711", March, Define("", "LIFE-01", Meal()), Define(County, "C-01", Cleaning()), Define(Province, "P-01", Counselling()));

        Assert.Equal(["LIFE-01", "P-01"], items.Select(i => i.Code));
        Assert.Equal(["", "37"], CatalogVocabulary.ChainOf(RegionCode.Parse("3711")));
        Assert.Equal(["", "37", "371121"], CatalogVocabulary.ChainOf(Village));
    }

    [Fact]
    public void Adjustments_apply_top_down_within_the_limits_set_above()
    {
        var national = Define("", "LIFE-01", Meal(5, new ItemLimits(PriceMin: 3, PriceMax: 10)));
        var province = Adjust(Province, "LIFE-01", new ItemAdjustment(UnitPrice: 7, Limits: new ItemLimits(PriceMin: 4, PriceMax: 8)));
        var county = Adjust(County, "LIFE-01", new ItemAdjustment(UnitPrice: 6, Frequency: ServiceFrequency.Weekly, Standard: "每周上门送餐"));

        var inProvince = At("370200", March, national, province, county).Single();
        var inCounty = At(Village.Value, March, national, province, county).Single();

        Assert.Equal(7m, inProvince.UnitPrice);
        Assert.Equal(new ItemLimits(PriceMin: 4, PriceMax: 8), inProvince.Limits);
        Assert.Equal(6m, inCounty.UnitPrice);
        Assert.Equal(ServiceFrequency.Weekly, inCounty.Frequency);
        Assert.Equal("每周上门送餐", inCounty.Standard);
        Assert.Equal("GB/T 演示", inCounty.StandardReference);
        Assert.Equal(CatalogTier.National, inCounty.Tier);
        Assert.True(inCounty.Adjusted);
        Assert.Equal([national.Id, province.Id, county.Id], inCounty.VersionIds);
    }

    [Fact]
    public void An_adjustment_left_outside_limits_narrowed_later_above_is_not_used_and_says_so()
    {
        var national = Define("", "LIFE-01", Meal(5));
        var county = Adjust(County, "LIFE-01", new ItemAdjustment(UnitPrice: 9));
        var province = Adjust(Province, "LIFE-01", new ItemAdjustment(Limits: new ItemLimits(PriceMin: 4, PriceMax: 8)));

        var item = At(Village.Value, March, national, province, county).Single();

        Assert.Equal(5m, item.UnitPrice);
        Assert.Contains(item.Notes, n => n.Contains("9 元", StringComparison.Ordinal) && n.Contains("未采用", StringComparison.Ordinal));
    }

    [Fact]
    public void A_lower_tier_definition_of_a_higher_tiers_code_is_ignored()
    {
        var item = At(Village.Value, March, Define("", "LIFE-01", Meal(5)), Define(County, "LIFE-01", Meal(50) with { Name = "改名" })).Single();

        Assert.Equal(("助餐", 5m, CatalogTier.National), (item.Name, item.UnitPrice, item.Tier));
        Assert.Contains(item.Notes, n => n.Contains("重复定义", StringComparison.Ordinal));
    }

    [Fact]
    public void A_switched_off_item_leaves_the_effective_list_of_its_region_only()
    {
        var entries = new[] { Define("", "LIFE-01", Meal()), Define("", "LIFE-02", Cleaning()), Off(County, "LIFE-02") };

        var county = At(Village.Value, March, entries);
        var other = At("371122", March, entries);

        Assert.Equal(["LIFE-01"], county.Where(new CatalogFilter().Matches).Select(i => i.Code));
        var off = county.Single(i => i.Code == "LIFE-02");
        Assert.True(off.SwitchedOff);
        Assert.Equal(CatalogTier.County, off.SwitchOff!.Tier);
        Assert.Contains(off, county.Where(new CatalogFilter(IncludeSwitchedOff: true).Matches));
        Assert.False(other.Single(i => i.Code == "LIFE-02").SwitchedOff);
    }

    [Fact]
    public void Resolution_is_as_of_a_date_and_each_version_keeps_its_own_id()
    {
        var v1 = Define("", "LIFE-01", Meal(5)).Ended(new DateOnly(2026, 7, 1));
        var v2 = Define("", "LIFE-01", Meal(6), from: new DateOnly(2026, 7, 1), version: 2);
        var local = Define(County, "C-01", Cleaning(), from: new DateOnly(2026, 4, 1)).Ended(new DateOnly(2026, 10, 1));
        CatalogEntry[] all = [v1, v2, local];

        Assert.Empty(At(Village.Value, new DateOnly(2025, 12, 31), all));
        Assert.Equal([("LIFE-01", 5m, v1.Id)], At(Village.Value, March, all).Select(i => (i.Code, i.UnitPrice, i.Definition.Id)));
        Assert.Equal([("C-01", 40m), ("LIFE-01", 5m)], At(Village.Value, new DateOnly(2026, 6, 30), all).Select(i => (i.Code, i.UnitPrice)));
        Assert.Equal([("C-01", 40m, local.Id), ("LIFE-01", 6m, v2.Id)], At(Village.Value, new DateOnly(2026, 7, 1), all).Select(i => (i.Code, i.UnitPrice, i.Definition.Id)));
        Assert.Equal([("LIFE-01", 6m)], At(Village.Value, new DateOnly(2026, 10, 1), all).Select(i => (i.Code, i.UnitPrice)));
        Assert.NotEqual(v1.Id, v2.Id);
    }

    [Fact]
    public void A_version_superseded_on_the_day_it_began_is_never_in_force()
    {
        var first = Define("", "LIFE-01", Meal(5)).Ended(Start);
        var second = Define("", "LIFE-01", Meal(6), version: 2);

        Assert.True(first.Superseded);
        Assert.Equal(6m, At(Village.Value, Start, first, second).Single().UnitPrice);
    }

    [Fact]
    public void Filters_select_by_layer_category_tier_target_group_need_flag_and_text()
    {
        var items = At(Village.Value, March, Define("", "LIFE-01", Meal()), Define("", "PSY-01", Counselling()), Define(County, "C-01", Cleaning()));

        string[] Codes(CatalogFilter f) => [.. items.Where(f.Matches).Select(i => i.Code)];
        Assert.Equal(["PSY-01"], Codes(new CatalogFilter(Layer: "development")));
        Assert.Equal(["C-01", "LIFE-01"], Codes(new CatalogFilter(Category: "LIFE")));
        Assert.Equal(["C-01"], Codes(new CatalogFilter(Tier: CatalogTier.County)));
        Assert.Equal(["LIFE-01", "PSY-01"], Codes(new CatalogFilter(TargetGroup: "DIBAO")));
        Assert.Equal(["C-01"], Codes(new CatalogFilter(NeedFlag: "DEPENDENT")));
        Assert.Equal(["LIFE-01"], Codes(new CatalogFilter(Search: "营养")));
        Assert.Equal(["PSY-01"], Codes(new CatalogFilter(Search: "psy")));
    }

    [Fact]
    public void An_item_is_read_back_exactly_from_the_versions_a_plan_recorded_whatever_changed_since()
    {
        var v1 = Define("", "LIFE-01", Meal(5)).Ended(new DateOnly(2026, 7, 1));
        var v2 = Define("", "LIFE-01", Meal(8), from: new DateOnly(2026, 7, 1), version: 2);
        var county = Adjust(County, "LIFE-01", new ItemAdjustment(UnitPrice: 6, Frequency: ServiceFrequency.Weekly)).Ended(new DateOnly(2026, 5, 1));
        var recorded = At(Village.Value, March, v1, v2, county).Single().VersionIds;

        var then = CatalogResolution.FromVersions([.. new[] { v1, v2, county }.Where(e => recorded.Contains(e.Id))])!;
        var now = At(Village.Value, new DateOnly(2026, 8, 1), v1, v2, county).Single();

        Assert.Equal([v1.Id, county.Id], recorded);
        Assert.Equal((6m, ServiceFrequency.Weekly), (then.UnitPrice, then.Frequency));
        Assert.Equal((8m, ServiceFrequency.Daily), (now.UnitPrice, now.Frequency));
        Assert.Null(CatalogResolution.FromVersions([county]));
        Assert.Null(CatalogResolution.FromVersions([v1, Define("", "LIFE-02", Cleaning())]));
    }
}
