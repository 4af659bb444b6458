using Jiuzhu.Catalog.Domain;
using Jiuzhu.Kernel;
using MudBlazor;

namespace Jiuzhu.Web.Components.Catalog;

/// <summary>Labels, colours and the editor's choices of the catalog pages.</summary>
public static class CatalogText
{
    /// <summary>Every staff role reads the catalog, its packages and the function-division list.</summary>
    public const string PageRoles =
        Roles.VillageWorker + "," + Roles.TownshipSocialWorker + "," + Roles.CountyOfficer + "," + Roles.CountyApprover + "," + Roles.RegionalAdmin + ","
        + Roles.DepartmentLiaison + "," + Roles.ProviderStaff + "," + Roles.Volunteer + "," + Roles.Auditor + "," + Roles.SystemAdmin + ","
        + Roles.SecurityAdmin + "," + Roles.AuditAdmin;

    public static Color TierColor(CatalogTier tier) => tier switch
    {
        CatalogTier.National => Color.Primary,
        CatalogTier.Provincial => Color.Info,
        _ => Color.Success,
    };

    /// <summary>The name of a scope's tier (国家基本, 地方拓展 or 社区补充).</summary>
    public static string ScopeTierName(string scope) => CatalogVocabulary.TierName(CatalogVocabulary.TierOf(scope) ?? CatalogTier.National);

    /// <summary>The entry the given tier scope has in force on an item (its adjustment, switch-off or own definition), if any.</summary>
    public static AppliedEntry? OwnEntry(EffectiveItem item, string scope) =>
        item.Adjustments.FirstOrDefault(a => a.Scope == scope)
        ?? (item.SwitchOff?.Scope == scope ? item.SwitchOff : null)
        ?? (item.Definition.Scope == scope ? item.Definition : null);

    /// <summary>Every vocabulary name the pages translate: tiers, layers, categories, target groups, need flags, frequencies, entry kinds.</summary>
    public static IEnumerable<string> VocabularyNames() =>
        Enum.GetValues<CatalogTier>().Select(CatalogVocabulary.TierName)
            .Concat(CatalogVocabulary.Layers.Select(l => l.Name))
            .Concat(CatalogVocabulary.Categories.Select(c => c.Name))
            .Concat(CatalogVocabulary.TargetGroups.Select(t => t.Name))
            .Concat(CatalogVocabulary.NeedFlags.Select(n => n.Name))
            .Concat(Enum.GetValues<ServiceFrequency>().Select(CatalogVocabulary.FrequencyName))
            .Concat(Enum.GetValues<EntryKind>().Select(KindName));

    public static string KindName(EntryKind kind) => kind switch
    {
        EntryKind.Define => "定义",
        EntryKind.Adjust => "调整",
        _ => "停用",
    };

    public static string Money(decimal value) => value.ToString("0.##");

    public static DateOnly? Date(DateTime? value) => value is { } d ? DateOnly.FromDateTime(d) : null;

    /// <summary>The region a page shows: the one typed in, else the actor's jurisdiction, else the national base (as the services default).</summary>
    public static string RegionOrDefault(string? text, ICurrentActor actor) =>
        string.IsNullOrWhiteSpace(text) ? actor.Jurisdiction?.Prefix ?? "national" : text.Trim();
}
