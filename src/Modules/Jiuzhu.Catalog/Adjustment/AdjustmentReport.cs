using Jiuzhu.Catalog.Domain;

namespace Jiuzhu.Catalog.Adjustment;

/// <summary>A period of whole days, both ends included.</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The days a plan in force from <paramref name="start"/> to <paramref name="end"/> (both included) shares with the period.</summary>
    public int Overlap(DateOnly start, DateOnly end)
    {
        var first = start > From ? start : From;
        var last = end < To ? end : To;
        return Math.Max(0, last.DayNumber - first.DayNumber + 1);
    }
}

/// <summary>One item of one plan that was in force at some time: the demand side of the report.</summary>
public sealed record PlannedItem(
    Guid HouseholdId, string ItemCode, string Name, string Category, string Layer, string OwnerDepartment, ServiceFrequency Frequency,
    decimal UnitPrice, DateOnly Start, DateOnly End, DateOnly? SupersededOn)
{
    /// <summary>The last day the plan was in force: its end date, or the day before a newer plan took its place.</summary>
    public DateOnly LastDay => SupersededOn is { } on && on.AddDays(-1) < End ? on.AddDays(-1) : End;
}

/// <summary>A household's item that is planned but not being served: a need still awaiting matching, or a declined referral.</summary>
public sealed record UnmetItem(Guid HouseholdId, string ItemCode);

/// <summary>Totals of the report.</summary>
public sealed record AdjustmentSummary(
    int Households, int PlanItems, decimal PlannedUnits, decimal PlannedAmount, decimal DevelopmentShare, decimal DevelopmentAmountShare,
    decimal? DeliveredUnits, int UnmetItems, int ItemsInCatalog, int ItemsNeverUsed);

/// <summary>Demand and supply of a group of items (a layer, a category or one item).</summary>
public sealed record AdjustmentRow(
    string Code, string Name, string Layer, int Households, decimal PlannedUnits, decimal PlannedAmount, decimal Share, decimal? DeliveredUnits,
    decimal? UnitsShort, int UnmetItems);

/// <summary>An item of the region's catalog no plan in force during the period used.</summary>
public sealed record UnusedItem(string Code, string Name, string Category, string Layer, CatalogTier Tier);

/// <summary>
/// 动态调整: what a jurisdiction's plans asked for in a period, by layer, category and item, against what was delivered,
/// what is not being served, the development layer's share, and the catalog items nobody used.
/// </summary>
public sealed record AdjustmentView(
    string Region, ReportPeriod Period, bool SupplyKnown, AdjustmentSummary Summary, IReadOnlyList<AdjustmentRow> Layers,
    IReadOnlyList<AdjustmentRow> Categories, IReadOnlyList<AdjustmentRow> Items, IReadOnlyList<UnusedItem> NeverUsed);

/// <summary>Builds the 动态调整 report from plan items, unmet items, deliveries and the region's catalog; no database.</summary>
public static class AdjustmentReport
{
    public const string DevelopmentLayer = "development";

    /// <summary>
    /// Service times one household receives per day at a frequency: daily 1, weekly 1/7, biweekly 1/14, monthly 12/365;
    /// on-demand items plan no fixed number of times.
    /// </summary>
    public static decimal PerDay(ServiceFrequency frequency) => frequency switch
    {
        ServiceFrequency.Daily => 1m,
        ServiceFrequency.Weekly => 1m / 7,
        ServiceFrequency.Biweekly => 1m / 14,
        ServiceFrequency.Monthly => 12m / 365,
        _ => 0m,
    };

    public static AdjustmentView Build(
        string region, ReportPeriod period, IEnumerable<PlannedItem> planned, IEnumerable<UnmetItem> unmet,
        IReadOnlyDictionary<string, decimal>? delivered, IReadOnlyList<EffectiveItem> catalog)
    {
        // One line per household and item: a household planned the same item twice (a plan and the one that replaced it) counts once, with both plans' units.
        var lines = planned
            .Select(p => (Item: p, Days: period.Overlap(p.Start, p.LastDay)))
            .Where(x => x.Days > 0)
            .GroupBy(x => (x.Item.HouseholdId, x.Item.ItemCode))
            .Select(g =>
            {
                var latest = g.MaxBy(x => x.Item.Start).Item;
                var units = g.Sum(x => x.Days * PerDay(x.Item.Frequency));
                var amount = g.Sum(x => x.Days * PerDay(x.Item.Frequency) * x.Item.UnitPrice);
                return new Line(latest.HouseholdId, latest.ItemCode, latest.Name, latest.Category, latest.Layer, units, amount);
            })
            .ToList();
        var unmetSet = unmet.Select(u => (u.HouseholdId, u.ItemCode)).ToHashSet();
        var unmetLines = lines.Where(l => unmetSet.Contains((l.HouseholdId, l.ItemCode))).ToList();

        var totalLines = lines.Count;
        var totalAmount = lines.Sum(l => l.Amount);
        decimal Share(int count) => totalLines == 0 ? 0m : Math.Round((decimal)count / totalLines, 4);

        // Where each item belongs: as the plans recorded it, else as the region's catalog has it.
        var placeOf = new Dictionary<string, (string Name, string Category, string Layer)>(StringComparer.Ordinal);
        foreach (var i in catalog)
        {
            placeOf[i.Code] = (i.Name, i.Category, i.Layer);
        }

        foreach (var l in lines)
        {
            placeOf[l.ItemCode] = (l.Name, l.Category, l.Layer);
        }

        AdjustmentRow Row(string code, string name, string layer, Func<string, bool> covers)
        {
            var group = lines.Where(l => covers(l.ItemCode)).ToList();
            var units = Math.Round(group.Sum(l => l.Units), 1);
            decimal? done = delivered?.Where(d => covers(d.Key)).Sum(d => d.Value);
            return new AdjustmentRow(code, name, layer, group.Select(l => l.HouseholdId).Distinct().Count(), units, Math.Round(group.Sum(l => l.Amount), 2),
                Share(group.Count), done, done is { } d ? Math.Max(0m, units - d) : null, unmetLines.Count(l => covers(l.ItemCode)));
        }

        bool InLayer(string code, string layer) => placeOf.TryGetValue(code, out var p) && p.Layer == layer;
        bool InCategory(string code, string category) => placeOf.TryGetValue(code, out var p) && p.Category == category;
        var layers = CatalogVocabulary.Layers.Select(t => Row(t.Code, t.Name, t.Code, c => InLayer(c, t.Code))).ToList();
        var categories = CatalogVocabulary.Categories
            .Where(c => placeOf.Values.Any(p => p.Category == c.Code))
            .Select(c => Row(c.Code, c.Name, c.Layer, code => InCategory(code, c.Code)))
            .ToList();
        var codes = lines.Select(l => l.ItemCode).Concat(delivered?.Where(d => d.Value > 0).Select(d => d.Key) ?? []).Distinct(StringComparer.Ordinal);
        var items = codes
            .Select(code => Row(code, placeOf.TryGetValue(code, out var p) ? p.Name : code, placeOf.TryGetValue(code, out var q) ? q.Layer : string.Empty, c => c == code))
            .OrderByDescending(r => r.Households).ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList();

        var used = lines.Select(l => l.ItemCode).ToHashSet(StringComparer.Ordinal);
        var neverUsed = catalog.Where(i => !i.SwitchedOff && !used.Contains(i.Code) && !(delivered?.GetValueOrDefault(i.Code) > 0))
            .OrderBy(i => i.Code, StringComparer.Ordinal)
            .Select(i => new UnusedItem(i.Code, i.Name, i.Category, i.Layer, i.Tier))
            .ToList();
        var development = lines.Where(l => l.Layer == DevelopmentLayer).ToList();
        var summary = new AdjustmentSummary(
            lines.Select(l => l.HouseholdId).Distinct().Count(), totalLines, Math.Round(lines.Sum(l => l.Units), 1), Math.Round(totalAmount, 2),
            Share(development.Count), totalAmount == 0 ? 0m : Math.Round(development.Sum(l => l.Amount) / totalAmount, 4),
            delivered?.Values.Sum(), unmetLines.Count, catalog.Count(i => !i.SwitchedOff), neverUsed.Count);
        return new AdjustmentView(region, period, delivered is not null, summary, layers, categories, items, neverUsed);
    }

    private sealed record Line(Guid HouseholdId, string ItemCode, string Name, string Category, string Layer, decimal Units, decimal Amount);
}
