using Jiuzhu.Catalog;
using Jiuzhu.Catalog.Domain;
using Jiuzhu.Kernel;
using static Jiuzhu.Tests.Catalog.CatalogTestKit;

namespace Jiuzhu.Tests.Catalog;

public sealed class CatalogRulesTests
{
    private static readonly DateOnly March = new(2026, 3, 1);

    private static EffectiveItem? Above(string scope, params CatalogEntry[] entries) =>
        CatalogResolution.Resolve([.. entries.Select(e => e.Scope).Where(s => CatalogRules.IsAbove(s, scope)).Distinct()], March, entries).SingleOrDefault();

    [Fact]
    public void A_lower_tier_cannot_redefine_a_higher_tiers_item()
    {
        CatalogEntry[] entries = [Define("", "LIFE-01", Meal())];

        var error = CatalogRules.CheckDefine(County, "LIFE-01", Meal(3), March, entries);

        Assert.Equal(("catalog.redefines_higher_tier", 409), (error?.Code, error?.Status));
        Assert.Contains("国家基本", error!.Message, StringComparison.Ordinal);
        Assert.Null(CatalogRules.CheckDefine(County, "C-01", Cleaning(), March, []));
    }

    [Fact]
    public void A_higher_tier_cannot_take_a_code_a_county_already_uses()
    {
        var error = CatalogRules.CheckDefine("", "C-01", Cleaning(), March, [Define(County, "C-01", Cleaning())]);

        Assert.Equal("catalog.code_used_below", error?.Code);
        Assert.Null(CatalogRules.CheckDefine(OtherCounty, "C-01", Cleaning(), March, [Define(County, "C-01", Cleaning())]));
    }

    [Fact]
    public void A_tier_revises_its_own_item_only_from_its_current_versions_date_on()
    {
        CatalogEntry[] own = [Define(County, "C-01", Cleaning(), from: March)];

        Assert.Equal("catalog.bad_effective_date", CatalogRules.CheckDefine(County, "C-01", Cleaning(45), new DateOnly(2026, 2, 1), own)?.Code);
        Assert.Null(CatalogRules.CheckDefine(County, "C-01", Cleaning(45), March, own));
    }

    [Theory]
    [InlineData(4, null)]
    [InlineData(8, null)]
    [InlineData(3.99, "catalog.price_out_of_limits")]
    [InlineData(8.5, "catalog.price_out_of_limits")]
    public void Price_adjustments_must_lie_within_the_range_set_above(double price, string? code)
    {
        var national = Define("", "LIFE-01", Meal(5));
        var province = Adjust(Province, "LIFE-01", new ItemAdjustment(Limits: new ItemLimits(PriceMin: 4, PriceMax: 8)));

        var error = CatalogRules.CheckAdjust(County, "LIFE-01", new ItemAdjustment(UnitPrice: (decimal)price), March, Above(County, national, province), [national, province]);

        Assert.Equal(code, error?.Code);
        if (error is not null)
        {
            Assert.Contains("4–8 元", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Frequency_adjustments_must_lie_within_the_range_set_above_and_on_demand_is_outside_any_range()
    {
        var national = Define("", "LIFE-02", Cleaning(40, new ItemLimits(FrequencyMin: ServiceFrequency.Monthly, FrequencyMax: ServiceFrequency.Weekly)));
        var above = Above(County, national);

        Assert.Null(CatalogRules.CheckAdjust(County, "LIFE-02", new ItemAdjustment(Frequency: ServiceFrequency.Biweekly), March, above, [national]));
        Assert.Equal("catalog.frequency_out_of_limits", CatalogRules.CheckAdjust(County, "LIFE-02", new ItemAdjustment(Frequency: ServiceFrequency.Daily), March, above, [national])?.Code);
        Assert.Equal("catalog.frequency_out_of_limits", CatalogRules.CheckAdjust(County, "LIFE-02", new ItemAdjustment(Frequency: ServiceFrequency.OnDemand), March, above, [national])?.Code);
    }

    [Fact]
    public void Limits_for_the_tiers_below_may_only_narrow()
    {
        var national = Define("", "LIFE-01", Meal(5, new ItemLimits(PriceMin: 3, PriceMax: 10)));
        var above = Above(Province, national);

        Assert.Null(CatalogRules.CheckAdjust(Province, "LIFE-01", new ItemAdjustment(Limits: new ItemLimits(PriceMin: 4, PriceMax: 8)), March, above, [national]));
        Assert.Null(CatalogRules.CheckAdjust(Province, "LIFE-01", new ItemAdjustment(Limits: new ItemLimits(PriceMax: 8)), March, above, [national]));
        Assert.Equal("catalog.limits_wider", CatalogRules.CheckAdjust(Province, "LIFE-01", new ItemAdjustment(Limits: new ItemLimits(PriceMin: 2, PriceMax: 8)), March, above, [national])?.Code);
        Assert.Equal("catalog.invalid_limits", CatalogRules.CheckAdjust(Province, "LIFE-01", new ItemAdjustment(Limits: new ItemLimits(PriceMin: 8, PriceMax: 4)), March, above, [national])?.Code);
    }

    [Fact]
    public void A_fixed_standard_cannot_be_adjusted_and_an_empty_adjustment_is_refused()
    {
        var national = Define("", "LIFE-01", Meal(5, new ItemLimits(StandardFixed: true)));
        var above = Above(County, national);

        Assert.Equal("catalog.standard_fixed", CatalogRules.CheckAdjust(County, "LIFE-01", new ItemAdjustment(Standard: "另行规定"), March, above, [national])?.Code);
        Assert.Equal("catalog.empty_adjustment", CatalogRules.CheckAdjust(County, "LIFE-01", new ItemAdjustment(), March, above, [national])?.Code);
    }

    [Fact]
    public void Only_a_higher_tiers_item_in_force_can_be_adjusted_or_switched_off()
    {
        var national = Define("", "LIFE-01", Meal());
        var own = Define(County, "C-01", Cleaning());
        var provinceOff = Off(Province, "LIFE-01");

        Assert.Equal("catalog.nothing_above", CatalogRules.CheckSwitchOff("", "LIFE-01", March, null, [national])?.Code);
        Assert.Equal("catalog.own_item", CatalogRules.CheckSwitchOff(County, "C-01", March, null, [own])?.Code);
        Assert.Equal("catalog.item_not_found", CatalogRules.CheckSwitchOff(County, "NOPE-01", March, null, [])?.Code);
        Assert.Equal("catalog.switched_off_above", CatalogRules.CheckAdjust(County, "LIFE-01", new ItemAdjustment(UnitPrice: 4), March, Above(County, national, provinceOff), [national, provinceOff])?.Code);
        Assert.Null(CatalogRules.CheckSwitchOff(County, "LIFE-01", March, Above(County, national), [national]));
    }

    [Fact]
    public void Item_content_is_checked_against_the_vocabulary()
    {
        Assert.Null(CatalogRules.CheckContent(Meal()));
        Assert.Equal("catalog.unknown_category", CatalogRules.CheckContent(Meal() with { Category = "FOOD" })?.Code);
        Assert.Equal("catalog.unknown_department", CatalogRules.CheckContent(Meal() with { OwnerDepartment = "CIVIL" })?.Code);
        Assert.Equal("catalog.unknown_need_flag", CatalogRules.CheckContent(Meal() with { NeedFlags = ["HUNGRY"] })?.Code);
        Assert.Equal("catalog.limits_exclude_default", CatalogRules.CheckContent(Meal(12, new ItemLimits(PriceMax: 10)))?.Code);
        Assert.Equal("catalog.bad_code", CatalogRules.CheckCode("life 01")?.Code);
        Assert.Equal("catalog.invalid_item", CatalogRules.CheckContent(Meal() with { Standard = new string('标', 2001) })?.Code);
        Assert.Equal("catalog.reason_too_long", CatalogRules.CheckReason(new string('因', 501))?.Code);
        Assert.Null(CatalogRules.CheckReason(new string('因', 500)));
    }

    [Fact]
    public void Each_tier_is_edited_by_its_own_levels_administrators_only()
    {
        static ICurrentActor Actor(string role, string region) => new FixedActor(ActorKind.User, Guid.NewGuid(), "u", [role], RegionCode.Parse(region));

        Assert.Equal("", CatalogEditors.ScopeOf(FixedActor.System("seed")));
        Assert.Equal("37", CatalogEditors.ScopeOf(Actor(Roles.RegionalAdmin, "37")));
        Assert.Null(CatalogEditors.ScopeOf(Actor(Roles.RegionalAdmin, "3711")));
        Assert.Equal("371121", CatalogEditors.ScopeOf(Actor(Roles.CountyOfficer, "371121")));
        Assert.Equal("371121", CatalogEditors.ScopeOf(Actor(Roles.CountyApprover, "371121")));
        Assert.Null(CatalogEditors.ScopeOf(Actor(Roles.TownshipSocialWorker, "371121001")));
        Assert.Null(CatalogEditors.ScopeOf(Actor(Roles.SystemAdmin, "371121")));
        Assert.Equal("catalog.tier_forbidden", CatalogEditors.Check(Actor(Roles.CountyOfficer, "371121"), "37")?.Code);
        Assert.Equal("catalog.tier_forbidden", CatalogEditors.Check(Actor(Roles.CountyOfficer, "371121"), "371122")?.Code);
        Assert.Equal("catalog.tier_forbidden", CatalogEditors.Check(Actor(Roles.RegionalAdmin, "37"), "")?.Code);
        Assert.Null(CatalogEditors.Check(Actor(Roles.RegionalAdmin, "37"), "37"));
    }
}
