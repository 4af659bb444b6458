using Jiuzhu.Kernel;

namespace Jiuzhu.Catalog.Domain;

/// <summary>
/// A service package (服务包): a base list every household given the package gets, plus optional modules (基础目录 + 弹性模块)
/// chosen for a household. A tier may give a package its own lists for its region; the longest prefix wins.
/// </summary>
public sealed class CatalogPackage
{
    private CatalogPackage()
    {
        Scope = Code = Name = BaseItems = OptionalModules = TypicalNeedFlags = UpdatedBy = string.Empty;
    }

    public CatalogPackage(string scope, string code, PackageContent content, string by, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Scope = scope;
        Code = code;
        Name = BaseItems = OptionalModules = TypicalNeedFlags = UpdatedBy = string.Empty;
        Replace(content, by, now);
    }

    public Guid Id { get; private set; }

    /// <summary>"" for the national package, or a province or county prefix.</summary>
    public string Scope { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    /// <summary>Comma-separated item codes.</summary>
    public string BaseItems { get; private set; }

    /// <summary>Comma-separated item codes.</summary>
    public string OptionalModules { get; private set; }

    /// <summary>Comma-separated need flags the package is typically for.</summary>
    public string TypicalNeedFlags { get; private set; }

    public string UpdatedBy { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public Guid Stamp { get; private set; }

    public PackageContent Content() => new(Name, CatalogEntry.Split(BaseItems), CatalogEntry.Split(OptionalModules), CatalogEntry.Split(TypicalNeedFlags));

    internal void Replace(PackageContent content, string by, DateTimeOffset now)
    {
        Name = content.Name.Trim();
        BaseItems = string.Join(',', content.BaseItems);
        OptionalModules = string.Join(',', content.OptionalModules);
        TypicalNeedFlags = string.Join(',', content.TypicalNeedFlags ?? []);
        UpdatedBy = by;
        UpdatedAt = now;
        Stamp = Guid.NewGuid();
    }
}

/// <summary>What a package holds.</summary>
public sealed record PackageContent(string Name, IReadOnlyList<string> BaseItems, IReadOnlyList<string> OptionalModules, IReadOnlyList<string>? TypicalNeedFlags = null)
{
    /// <summary>Checks the lists against the items the package's scope has (in its catalog and not switched off): every item there, none twice.</summary>
    public Error? Check(IReadOnlySet<string> available)
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 100)
        {
            return Error.Validation("package.invalid", "请填写服务包名称（不超过 100 字）。");
        }

        if (BaseItems is null || BaseItems.Count == 0)
        {
            return Error.Validation("package.invalid", "基础目录至少要有一个服务项目。");
        }

        if (string.Join(',', BaseItems).Length > 1000 || string.Join(',', OptionalModules ?? []).Length > 1000)
        {
            return Error.Validation("package.invalid", "基础目录或弹性模块的项目过多（每项合计不超过 1000 字符）。");
        }

        var all = BaseItems.Concat(OptionalModules ?? []).ToList();
        if (all.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return Error.Validation("package.duplicate_item", $"{twice.Key} 在服务包中出现了不止一次（基础目录和弹性模块不能重复）。");
        }

        if (all.FirstOrDefault(c => !available.Contains(c)) is { } missing)
        {
            return Error.Validation("package.unknown_item", $"{missing} 不在本级有效的服务目录中（不存在或已停用）。");
        }

        if ((TypicalNeedFlags ?? []).FirstOrDefault(f => CatalogVocabulary.NeedFlags.All(t => t.Code != f)) is { } flag)
        {
            return Error.Validation("catalog.unknown_need_flag", $"未知的需求标记：{flag}");
        }

        return null;
    }
}

/// <summary>A package as a region sees it, with where its lists come from.</summary>
public sealed record PackageView(string Code, string Scope, CatalogTier Tier, PackageContent Content, Guid Stamp, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>A plan item proposed by expanding a package: the item, how often, and a one-line reason a worker can check.</summary>
public sealed record ProposedPlanItem(
    string ItemCode, string Name, string Unit, ServiceFrequency Frequency, decimal UnitPrice, bool Optional, string Reason, IReadOnlyList<Guid> VersionIds);

/// <summary>An item of the package the region's catalog cannot give, and why.</summary>
public sealed record SkippedItem(string ItemCode, string Reason);

/// <summary>The result of expanding a package against a region's effective catalog.</summary>
public sealed record PackageExpansion(string PackageCode, string PackageName, IReadOnlyList<ProposedPlanItem> Items, IReadOnlyList<SkippedItem> Skipped);

/// <summary>
/// Turns a package into proposed plan items against a region's effective catalog: every base item, and the optional
/// modules either as chosen or, when none are chosen, those whose need flags the household has. Items the region has
/// switched off or lacks are reported, not proposed.
/// </summary>
public static class PackageExpander
{
    public static Result<PackageExpansion> Expand(
        string packageCode, PackageContent package, IReadOnlyList<EffectiveItem> catalog,
        IReadOnlyCollection<string>? chosenModules = null, IReadOnlyCollection<string>? householdNeeds = null)
    {
        if (chosenModules?.FirstOrDefault(m => !package.OptionalModules.Contains(m)) is { } stray)
        {
            return Error.Validation("package.unknown_module", $"{stray} 不是{package.Name}的弹性模块。");
        }

        var byCode = catalog.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var items = new List<ProposedPlanItem>();
        var skipped = new List<SkippedItem>();
        void Propose(string code, bool optional, string reason)
        {
            if (!byCode.TryGetValue(code, out var item))
            {
                skipped.Add(new SkippedItem(code, "本地区目录中没有该项目"));
            }
            else if (item.SwitchOff is { } off)
            {
                skipped.Add(new SkippedItem(code, $"{item.Name}已由{CatalogVocabulary.TierName(off.Tier)}层级在本地停用"));
            }
            else
            {
                items.Add(new ProposedPlanItem(item.Code, item.Name, item.Unit, item.Frequency, item.UnitPrice, optional, reason, item.VersionIds));
            }
        }

        foreach (var code in package.BaseItems)
        {
            Propose(code, false, $"{package.Name}·基础目录");
        }

        var needs = householdNeeds ?? [];
        foreach (var code in package.OptionalModules)
        {
            if (chosenModules is not null)
            {
                if (chosenModules.Contains(code))
                {
                    Propose(code, true, $"{package.Name}·弹性模块（已选）");
                }
            }
            else if (byCode.TryGetValue(code, out var item) && item.NeedFlags.Where(needs.Contains).ToList() is { Count: > 0 } matched)
            {
                Propose(code, true, $"{package.Name}·弹性模块：适用于{string.Join("、", matched.Select(CatalogVocabulary.NeedFlagName))}");
            }
        }

        return new PackageExpansion(packageCode, package.Name, items, skipped);
    }
}
