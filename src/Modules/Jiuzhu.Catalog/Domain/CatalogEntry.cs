namespace Jiuzhu.Catalog.Domain;

/// <summary>What a tier's entry does to an item.</summary>
public enum EntryKind
{
    /// <summary>Defines an item of the tier's own (a new item, or a new version of one it defined before).</summary>
    Define = 1,

    /// <summary>Adjusts a higher tier's item within the limits set above: price, frequency, duration, standard, narrower limits.</summary>
    Adjust = 2,

    /// <summary>Switches a higher tier's item off in the tier's region.</summary>
    SwitchOff = 3,
}

/// <summary>
/// Limits a tier sets for the tiers below it on one item: a price range, the least and most frequent delivery
/// (<see cref="ServiceFrequency.OnDemand"/> is outside the order and only allowed when no frequency limit is set),
/// and whether the service standard is fixed.
/// </summary>
public sealed record ItemLimits(
    decimal? PriceMin = null, decimal? PriceMax = null,
    ServiceFrequency? FrequencyMin = null, ServiceFrequency? FrequencyMax = null,
    bool StandardFixed = false)
{
    public static ItemLimits None { get; } = new();

    public bool PricePermits(decimal price) => (PriceMin is not { } min || price >= min) && (PriceMax is not { } max || price <= max);

    public bool FrequencyPermits(ServiceFrequency frequency)
    {
        if (FrequencyMin is null && FrequencyMax is null)
        {
            return true;
        }

        return frequency != ServiceFrequency.OnDemand
            && (FrequencyMin is not { } min || frequency >= min)
            && (FrequencyMax is not { } max || frequency <= max);
    }

    /// <summary>True when these limits lie inside <paramref name="outer"/>: a lower tier may narrow limits, never widen them.</summary>
    public bool Within(ItemLimits outer) =>
        (outer.PriceMin is not { } omin || (PriceMin is { } min && min >= omin))
        && (outer.PriceMax is not { } omax || (PriceMax is { } max && max <= omax))
        && (outer.FrequencyMin is not { } fmin || (FrequencyMin is { } f1 && f1 >= fmin))
        && (outer.FrequencyMax is not { } fmax || (FrequencyMax is { } f2 && f2 <= fmax))
        && (!outer.StandardFixed || StandardFixed);

    /// <summary>The text shown to editors, e.g. "单价 4–8 元；频次 每月–每周".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (PriceMin is not null || PriceMax is not null)
        {
            parts.Add($"单价 {PriceMin?.ToString("0.##") ?? "不限"}–{PriceMax?.ToString("0.##") ?? "不限"} 元");
        }

        if (FrequencyMin is not null || FrequencyMax is not null)
        {
            parts.Add($"频次 {(FrequencyMin is { } a ? CatalogVocabulary.FrequencyName(a) : "不限")}–{(FrequencyMax is { } b ? CatalogVocabulary.FrequencyName(b) : "不限")}");
        }

        if (StandardFixed)
        {
            parts.Add("服务标准不可调整");
        }

        return parts.Count == 0 ? "无限制" : string.Join("；", parts);
    }
}

/// <summary>The content of an item as its tier defines it. The layer follows from the category.</summary>
public sealed record ItemContent(
    string Name,
    string Category,
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
    ItemLimits? Limits = null);

/// <summary>What a lower tier changes on a higher tier's item; null leaves a value as it is.</summary>
public sealed record ItemAdjustment(
    decimal? UnitPrice = null,
    ServiceFrequency? Frequency = null,
    int? DurationMinutes = null,
    string? Standard = null,
    string? StandardReference = null,
    ItemLimits? Limits = null);

/// <summary>
/// One version of one tier's entry on one item: a definition, an adjustment or a switch-off, in force from a date
/// (inclusive) until a date (exclusive) or open-ended. Its id is stable: plans and orders record the versions they were
/// made under. A new version of the same scope and item closes the open one; nothing else in an entry ever changes.
/// </summary>
public sealed class CatalogEntry
{
    private CatalogEntry()
    {
        Scope = ItemCode = CreatedBy = string.Empty;
    }

    internal CatalogEntry(string scope, string itemCode, EntryKind kind, int version, DateOnly from, string? reason, string by, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Scope = scope;
        Tier = CatalogVocabulary.TierOf(scope) ?? throw new ArgumentException($"Not a catalog scope: '{scope}'", nameof(scope));
        ItemCode = itemCode;
        Kind = kind;
        Version = version;
        EffectiveFrom = from;
        Reason = reason;
        CreatedBy = by;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    /// <summary>The region prefix of the tier: "" national, a province or a county.</summary>
    public string Scope { get; private set; }

    public CatalogTier Tier { get; private set; }

    public string ItemCode { get; private set; }

    public EntryKind Kind { get; private set; }

    /// <summary>1, 2, … per scope and item.</summary>
    public int Version { get; private set; }

    public DateOnly EffectiveFrom { get; private set; }

    /// <summary>Exclusive; null while open.</summary>
    public DateOnly? EffectiveTo { get; private set; }

    public string? Name { get; private set; }

    public string? Category { get; private set; }

    public string? Unit { get; private set; }

    public string? Standard { get; private set; }

    public string? StandardReference { get; private set; }

    public ServiceFrequency? Frequency { get; private set; }

    public int? DurationMinutes { get; private set; }

    public decimal? UnitPrice { get; private set; }

    /// <summary>Comma-separated codes.</summary>
    public string? TargetGroups { get; private set; }

    /// <summary>Comma-separated codes.</summary>
    public string? NeedFlags { get; private set; }

    public string? OwnerDepartment { get; private set; }

    /// <summary>Comma-separated codes.</summary>
    public string? ProviderTypes { get; private set; }

    public decimal? PriceMin { get; private set; }

    public decimal? PriceMax { get; private set; }

    public ServiceFrequency? FrequencyMin { get; private set; }

    public ServiceFrequency? FrequencyMax { get; private set; }

    public bool StandardFixed { get; private set; }

    /// <summary>Why the tier made this entry (shown in the history).</summary>
    public string? Reason { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>True when the entry's interval is empty (it was superseded on the day it began).</summary>
    public bool Superseded => EffectiveTo is { } to && to <= EffectiveFrom;

    public bool InForceOn(DateOnly date) => EffectiveFrom <= date && (EffectiveTo is not { } to || date < to);

    public ItemLimits Limits => new(PriceMin, PriceMax, FrequencyMin, FrequencyMax, StandardFixed);

    public static CatalogEntry Define(string scope, string code, int version, ItemContent content, DateOnly from, string? reason, string by, DateTimeOffset now)
    {
        var e = new CatalogEntry(scope, code, EntryKind.Define, version, from, reason, by, now)
        {
            Name = content.Name.Trim(),
            Category = content.Category,
            Unit = content.Unit.Trim(),
            Standard = Blank(content.Standard),
            StandardReference = Blank(content.StandardReference),
            Frequency = content.Frequency,
            DurationMinutes = content.DurationMinutes,
            UnitPrice = content.UnitPrice,
            TargetGroups = Join(content.TargetGroups),
            NeedFlags = Join(content.NeedFlags),
            OwnerDepartment = content.OwnerDepartment,
            ProviderTypes = Join(content.ProviderTypes),
        };
        e.SetLimits(content.Limits);
        return e;
    }

    public static CatalogEntry Adjust(string scope, string code, int version, ItemAdjustment adjustment, DateOnly from, string? reason, string by, DateTimeOffset now)
    {
        var e = new CatalogEntry(scope, code, EntryKind.Adjust, version, from, reason, by, now)
        {
            UnitPrice = adjustment.UnitPrice,
            Frequency = adjustment.Frequency,
            DurationMinutes = adjustment.DurationMinutes,
            Standard = Blank(adjustment.Standard),
            StandardReference = Blank(adjustment.StandardReference),
        };
        e.SetLimits(adjustment.Limits);
        return e;
    }

    public static CatalogEntry SwitchOff(string scope, string code, int version, DateOnly from, string? reason, string by, DateTimeOffset now) =>
        new(scope, code, EntryKind.SwitchOff, version, from, reason, by, now);

    public ItemContent Content() => new(
        Name ?? string.Empty, Category ?? string.Empty, Unit ?? string.Empty, Standard, StandardReference,
        Frequency ?? ServiceFrequency.OnDemand, DurationMinutes ?? 0, UnitPrice ?? 0,
        Split(TargetGroups), Split(NeedFlags), OwnerDepartment ?? string.Empty, Split(ProviderTypes), Limits);

    public ItemAdjustment Adjustment() => new(UnitPrice, Frequency, DurationMinutes, Standard, StandardReference, HasLimits ? Limits : null);

    public bool HasLimits => PriceMin is not null || PriceMax is not null || FrequencyMin is not null || FrequencyMax is not null || StandardFixed;

    /// <summary>Ends the entry: it is not in force from <paramref name="on"/> on.</summary>
    internal void End(DateOnly on) => EffectiveTo = on < EffectiveFrom ? EffectiveFrom : on;

    internal static IReadOnlyList<string> Split(string? text) => (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static string Join(IReadOnlyList<string>? codes) => string.Join(',', (codes ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private void SetLimits(ItemLimits? limits)
    {
        PriceMin = limits?.PriceMin;
        PriceMax = limits?.PriceMax;
        FrequencyMin = limits?.FrequencyMin;
        FrequencyMax = limits?.FrequencyMax;
        StandardFixed = limits?.StandardFixed ?? false;
    }
}
