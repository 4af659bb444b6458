using Jiuzhu.Kernel;

namespace Jiuzhu.Catalog.Domain;

/// <summary>A tier's entry that shaped an effective item.</summary>
public sealed record AppliedEntry(Guid Id, CatalogTier Tier, string Scope, EntryKind Kind, int Version, DateOnly EffectiveFrom, string? Reason);

/// <summary>An item as a region sees it on a date: the defining tier's content with the adjustments of the tiers below applied.</summary>
public sealed record EffectiveItem(
    string Code,
    string Name,
    string Category,
    string Layer,
    string Unit,
    string? Standard,
    string? StandardReference,
    ServiceFrequency Frequency,
    int DurationMinutes,
    decimal UnitPrice,
    IReadOnlyList<string> TargetGroups,
    IReadOnlyList<string> NeedFlags,
    string OwnerDepartment,
    IReadOnlyList<string> ProviderTypes,
    ItemLimits Limits,
    CatalogTier Tier,
    AppliedEntry Definition,
    IReadOnlyList<AppliedEntry> Adjustments,
    AppliedEntry? SwitchOff,
    IReadOnlyList<string> Notes)
{
    public bool SwitchedOff => SwitchOff is not null;

    public bool Adjusted => Adjustments.Count > 0;

    /// <summary>The ids of every entry version this item was resolved from: what a plan or order records.</summary>
    public IReadOnlyList<Guid> VersionIds => [Definition.Id, .. Adjustments.Select(a => a.Id), .. SwitchOff is { } s ? [s.Id] : Array.Empty<Guid>()];
}

/// <summary>Filters of the catalog browser and the API.</summary>
public sealed record CatalogFilter(
    string? Layer = null, string? Category = null, CatalogTier? Tier = null, string? TargetGroup = null, string? NeedFlag = null,
    string? Search = null, bool IncludeSwitchedOff = false)
{
    public bool Matches(EffectiveItem item) =>
        (IncludeSwitchedOff || !item.SwitchedOff)
        && (string.IsNullOrEmpty(Layer) || item.Layer == Layer)
        && (string.IsNullOrEmpty(Category) || item.Category == Category)
        && (Tier is not { } t || item.Tier == t)
        && (string.IsNullOrEmpty(TargetGroup) || item.TargetGroups.Contains(TargetGroup))
        && (string.IsNullOrEmpty(NeedFlag) || item.NeedFlags.Contains(NeedFlag))
        && (string.IsNullOrWhiteSpace(Search)
            || item.Code.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)
            || item.Name.Contains(Search.Trim(), StringComparison.Ordinal)
            || (item.Standard?.Contains(Search.Trim(), StringComparison.Ordinal) ?? false));
}

/// <summary>
/// Resolves a region's effective catalog from its tiers, on a date. For each item the highest tier that defines it wins
/// (a lower tier cannot redefine it); the tiers below apply their adjustments in order, each value only when it lies
/// within the limits set above it at that point, and may switch it off. Within one scope the latest version in force
/// counts.
/// </summary>
public static class CatalogResolution
{
    public static IReadOnlyList<EffectiveItem> Resolve(RegionCode region, DateOnly asOf, IEnumerable<CatalogEntry> entries) =>
        Resolve(CatalogVocabulary.ChainOf(region), asOf, entries);

    public static IReadOnlyList<EffectiveItem> Resolve(IReadOnlyList<string> chain, DateOnly asOf, IEnumerable<CatalogEntry> entries)
    {
        var inForce = entries
            .Where(e => chain.Contains(e.Scope) && e.InForceOn(asOf))
            .GroupBy(e => (e.Scope, e.ItemCode))
            .Select(g => g.MaxBy(e => e.Version)!);
        var items = new List<EffectiveItem>();
        foreach (var group in inForce.GroupBy(e => e.ItemCode))
        {
            var ordered = group.OrderBy(e => e.Scope.Length).ToList();
            var definition = ordered.FirstOrDefault(e => e.Kind == EntryKind.Define);
            if (definition is null)
            {
                // Adjustments of an item that no tier above defines (any more) have nothing to adjust.
                continue;
            }

            items.Add(Apply(definition, ordered.Where(e => e.Scope.Length > definition.Scope.Length)));
        }

        return [.. items.OrderBy(i => CategoryOrder(i.Category)).ThenBy(i => i.Code, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The item exactly as a set of entry versions made it (what a plan or order recorded in <see cref="EffectiveItem.VersionIds"/>),
    /// whatever has changed since; null when the set holds no definition or entries of more than one item.
    /// </summary>
    public static EffectiveItem? FromVersions(IReadOnlyCollection<CatalogEntry> versions)
    {
        var definition = versions.Where(e => e.Kind == EntryKind.Define).MinBy(e => e.Scope.Length);
        if (definition is null || versions.Any(e => e.ItemCode != definition.ItemCode))
        {
            return null;
        }

        return Apply(definition, versions.Where(e => e.Scope.Length > definition.Scope.Length).OrderBy(e => e.Scope.Length));
    }

    /// <summary>Limits of a lower tier, completed by those above: what the lower tier leaves unset, the upper one decides.</summary>
    public static ItemLimits Merge(ItemLimits outer, ItemLimits? inner) => inner is null
        ? outer
        : new(inner.PriceMin ?? outer.PriceMin, inner.PriceMax ?? outer.PriceMax, inner.FrequencyMin ?? outer.FrequencyMin,
            inner.FrequencyMax ?? outer.FrequencyMax, inner.StandardFixed || outer.StandardFixed);

    private static EffectiveItem Apply(CatalogEntry definition, IEnumerable<CatalogEntry> below)
    {
        var c = definition.Content();
        var (price, frequency, duration, standard, reference) = (c.UnitPrice, c.Frequency, c.DurationMinutes, c.Standard, c.StandardReference);
        var limits = definition.Limits;
        var adjustments = new List<AppliedEntry>();
        var notes = new List<string>();
        AppliedEntry? off = null;
        foreach (var e in below)
        {
            var tierName = CatalogVocabulary.TierName(e.Tier);
            switch (e.Kind)
            {
                case EntryKind.SwitchOff:
                    off ??= Applied(e);
                    break;
                case EntryKind.Adjust:
                    if (e.UnitPrice is { } p)
                    {
                        if (limits.PricePermits(p))
                        {
                            price = p;
                        }
                        else
                        {
                            notes.Add($"{tierName}调整的单价 {p:0.##} 元超出上级范围（{limits.Describe()}），未采用");
                        }
                    }

                    if (e.Frequency is { } f)
                    {
                        if (limits.FrequencyPermits(f))
                        {
                            frequency = f;
                        }
                        else
                        {
                            notes.Add($"{tierName}调整的频次“{CatalogVocabulary.FrequencyName(f)}”超出上级范围，未采用");
                        }
                    }

                    if (e.DurationMinutes is { } d)
                    {
                        duration = d;
                    }

                    if (e.Standard is not null || e.StandardReference is not null)
                    {
                        if (limits.StandardFixed)
                        {
                            notes.Add($"上级已固定服务标准，{tierName}的调整未采用");
                        }
                        else
                        {
                            standard = e.Standard ?? standard;
                            reference = e.StandardReference ?? reference;
                        }
                    }

                    if (e.HasLimits)
                    {
                        var merged = Merge(limits, e.Limits);
                        if (merged.Within(limits))
                        {
                            limits = merged;
                        }
                        else
                        {
                            notes.Add($"{tierName}设定的限制宽于上级，未采用");
                        }
                    }

                    adjustments.Add(Applied(e));
                    break;
                default:
                    notes.Add($"{tierName}重复定义了上级项目，已忽略");
                    break;
            }
        }

        return new EffectiveItem(
            definition.ItemCode, c.Name, c.Category, CatalogVocabulary.LayerOf(c.Category) ?? string.Empty, c.Unit, standard, reference,
            frequency, duration, price, c.TargetGroups, c.NeedFlags, c.OwnerDepartment, c.ProviderTypes, limits,
            definition.Tier, Applied(definition), adjustments, off, notes);
    }

    private static AppliedEntry Applied(CatalogEntry e) => new(e.Id, e.Tier, e.Scope, e.Kind, e.Version, e.EffectiveFrom, e.Reason);

    private static int CategoryOrder(string category)
    {
        for (var i = 0; i < CatalogVocabulary.Categories.Count; i++)
        {
            if (CatalogVocabulary.Categories[i].Code == category)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
