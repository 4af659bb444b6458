using Jiuzhu.Catalog.Adjustment;
using Jiuzhu.Catalog.Domain;
using static Jiuzhu.Tests.Catalog.CatalogTestKit;

namespace Jiuzhu.Tests.Catalog;

public sealed class AdjustmentReportTests
{
    private static readonly ReportPeriod October = new(new(2026, 10, 1), new(2026, 10, 31));
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();

    // The county's catalog: meals and cleaning (basic), counselling (development), and a switched-off item.
    private static readonly IReadOnlyList<EffectiveItem> Catalog = CatalogResolution.Resolve(["", County], new(2026, 10, 1),
    [
        Define("", "LIFE-01", Meal()), Define("", "LIFE-02", Cleaning()), Define("", "PSY-01", Counselling()),
        Define("", "LIFE-09", Meal() with { Name = "送餐上门" }), Off(County, "LIFE-09"),
    ]);

    private static PlannedItem Planned(Guid household, string code, ServiceFrequency frequency, decimal price, DateOnly start, DateOnly end, DateOnly? supersededOn = null)
    {
        var item = Catalog.Single(i => i.Code == code);
        return new(household, code, item.Name, item.Category, item.Layer, item.OwnerDepartment, frequency, price, start, end, supersededOn);
    }

    [Fact]
    public void Planned_times_follow_the_frequency_over_the_days_each_plan_shares_with_the_period()
    {
        var view = AdjustmentReport.Build(County, October,
        [
            Planned(A, "LIFE-01", ServiceFrequency.Daily, 5, new(2026, 1, 1), new(2026, 12, 31)),      // 31 days × 1
            Planned(B, "LIFE-01", ServiceFrequency.Daily, 5, new(2026, 10, 22), new(2027, 10, 21)),    // 10 days × 1
            Planned(A, "LIFE-02", ServiceFrequency.Weekly, 40, new(2026, 1, 1), new(2026, 10, 14)),   // 14 days ÷ 7
            Planned(B, "PSY-01", ServiceFrequency.Monthly, 100, new(2025, 1, 1), new(2025, 12, 31)),  // outside the period
        ], [], null, Catalog);

        var meal = view.Items.Single(i => i.Code == "LIFE-01");
        Assert.Equal((2, 41m, 205m), (meal.Households, meal.PlannedUnits, meal.PlannedAmount));
        var cleaning = view.Items.Single(i => i.Code == "LIFE-02");
        Assert.Equal((1, 2m, 80m), (cleaning.Households, cleaning.PlannedUnits, cleaning.PlannedAmount));
        Assert.DoesNotContain(view.Items, i => i.Code == "PSY-01");
        Assert.Equal((2, 3, 43m, 285m), (view.Summary.Households, view.Summary.PlanItems, view.Summary.PlannedUnits, view.Summary.PlannedAmount));
        Assert.Equal(43m, view.Layers.Single(l => l.Code == "basic").PlannedUnits);
        Assert.Equal(0, view.Layers.Single(l => l.Code == "development").Households);
    }

    [Fact]
    public void A_superseded_plan_counts_until_the_day_before_its_successor_and_the_household_item_counts_once()
    {
        var view = AdjustmentReport.Build(County, October,
        [
            Planned(A, "LIFE-01", ServiceFrequency.Weekly, 5, new(2026, 1, 1), new(2026, 12, 31), supersededOn: new(2026, 10, 15)), // Oct 1–14: 2 times
            Planned(A, "LIFE-01", ServiceFrequency.Daily, 6, new(2026, 10, 15), new(2027, 10, 14)),                                 // Oct 15–31: 17 times
            Planned(B, "LIFE-02", ServiceFrequency.Weekly, 40, new(2026, 1, 1), new(2026, 12, 31), supersededOn: new(2026, 10, 1)),  // never in force in October
        ], [], null, Catalog);

        var meal = Assert.Single(view.Items);
        Assert.Equal(("LIFE-01", 1, 19m, 112m), (meal.Code, meal.Households, meal.PlannedUnits, meal.PlannedAmount));
        Assert.Equal(1, view.Summary.PlanItems);
    }

    [Fact]
    public void The_development_share_unmet_items_and_items_never_used_are_reported()
    {
        var whole = (new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        var view = AdjustmentReport.Build(County, October,
        [
            Planned(A, "LIFE-01", ServiceFrequency.Daily, 5, whole.Item1, whole.Item2),
            Planned(A, "PSY-01", ServiceFrequency.Biweekly, 100, whole.Item1, whole.Item2),
            Planned(B, "LIFE-01", ServiceFrequency.Daily, 5, whole.Item1, whole.Item2),
            Planned(B, "PSY-01", ServiceFrequency.OnDemand, 100, whole.Item1, whole.Item2),
        ], [new(B, "LIFE-01"), new(B, "PSY-01"), new(A, "LIFE-02")], null, Catalog);

        // 2 of 4 household-items are in the development layer; on-demand counselling plans no times but the household is counted.
        Assert.Equal(0.5m, view.Summary.DevelopmentShare);
        Assert.Equal(2, view.Items.Single(i => i.Code == "PSY-01").Households);
        // Unmet: only items that are planned (A's cleaning is not in a plan of the period).
        Assert.Equal(2, view.Summary.UnmetItems);
        Assert.Equal(1, view.Layers.Single(l => l.Code == "development").UnmetItems);
        // Cleaning is never used; the switched-off item is not counted as unused, nor in the catalog.
        Assert.Equal(["LIFE-02"], view.NeverUsed.Select(u => u.Code));
        Assert.Equal((3, 1), (view.Summary.ItemsInCatalog, view.Summary.ItemsNeverUsed));
        Assert.False(view.SupplyKnown);
        Assert.All(view.Items, i => Assert.Null(i.DeliveredUnits));
    }

    [Fact]
    public void Deliveries_give_supply_and_the_shortfall_per_item_layer_and_category()
    {
        var view = AdjustmentReport.Build(County, October,
            [Planned(A, "LIFE-01", ServiceFrequency.Daily, 5, new(2026, 1, 1), new(2026, 12, 31))], [],
            new Dictionary<string, decimal> { ["LIFE-01"] = 25, ["LIFE-02"] = 3 }, Catalog);

        var meal = view.Items.Single(i => i.Code == "LIFE-01");
        Assert.Equal((31m, 25m, 6m), (meal.PlannedUnits, meal.DeliveredUnits, meal.UnitsShort));
        var cleaning = view.Items.Single(i => i.Code == "LIFE-02");
        Assert.Equal((0, 3m, 0m), (cleaning.Households, cleaning.DeliveredUnits, cleaning.UnitsShort));
        Assert.Equal(28m, view.Categories.Single(c => c.Code == "LIFE").DeliveredUnits);
        Assert.Equal(28m, view.Summary.DeliveredUnits);
        Assert.DoesNotContain(view.NeverUsed, u => u.Code == "LIFE-02");
        Assert.True(view.SupplyKnown);
    }

    [Fact]
    public void The_workbook_holds_five_sheets_with_numbers_as_numbers()
    {
        var view = AdjustmentReport.Build(County, October,
            [Planned(A, "LIFE-01", ServiceFrequency.Daily, 5, new(2026, 1, 1), new(2026, 12, 31))], [], null, Catalog);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(AdjustmentWorkbook.Write(view)));
        Assert.Equal(5, zip.Entries.Count(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)));
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet4.xml")!.Open());
        var items = reader.ReadToEnd();
        Assert.Contains("助餐", items, StringComparison.Ordinal);
        Assert.Contains("<v>155</v>", items, StringComparison.Ordinal);
    }

    [Fact]
    public void Frequencies_per_day()
    {
        Assert.Equal(1m, AdjustmentReport.PerDay(ServiceFrequency.Daily));
        Assert.Equal(4m, Math.Round(AdjustmentReport.PerDay(ServiceFrequency.Weekly) * 28, 10));
        Assert.Equal(12m, Math.Round(AdjustmentReport.PerDay(ServiceFrequency.Monthly) * 365, 10));
        Assert.Equal(0m, AdjustmentReport.PerDay(ServiceFrequency.OnDemand));
        Assert.Equal(31, October.Days);
        Assert.Equal(0, October.Overlap(new(2026, 11, 1), new(2026, 12, 1)));
    }
}
