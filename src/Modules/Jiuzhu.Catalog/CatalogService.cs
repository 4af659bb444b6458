using Jiuzhu.Catalog.Data;
using Jiuzhu.Catalog.Domain;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Catalog;

/// <summary>A region's effective catalog on a date, with the tier scope the current actor may edit (if any).</summary>
public sealed record EffectiveCatalogView(string Region, DateOnly AsOf, IReadOnlyList<string> Chain, string? EditableScope, IReadOnlyList<EffectiveItem> Items);

/// <summary>One version of one tier's entry, as the history and the API show it.</summary>
public sealed record CatalogEntryView(
    Guid Id, string Scope, CatalogTier Tier, string ItemCode, EntryKind Kind, int Version, DateOnly EffectiveFrom, DateOnly? EffectiveTo,
    ItemContent? Content, ItemAdjustment? Adjustment, string? Reason, string CreatedBy, DateTimeOffset CreatedAt)
{
    public static CatalogEntryView From(CatalogEntry e) => new(
        e.Id, e.Scope, e.Tier, e.ItemCode, e.Kind, e.Version, e.EffectiveFrom, e.EffectiveTo,
        e.Kind == EntryKind.Define ? e.Content() : null, e.Kind == EntryKind.Adjust ? e.Adjustment() : null, e.Reason, e.CreatedBy, e.CreatedAt);
}

/// <summary>A tier's new item or new version of its own item.</summary>
public sealed record DefineItemRequest(ItemContent Content, DateOnly? EffectiveFrom = null, string? Reason = null, Guid? Supersedes = null);

/// <summary>A tier's adjustment of a higher tier's item.</summary>
public sealed record AdjustItemRequest(ItemAdjustment Adjustment, DateOnly? EffectiveFrom = null, string? Reason = null, Guid? Supersedes = null);

/// <summary>A tier switches a higher tier's item off, or withdraws its own open entry.</summary>
public sealed record TierChangeRequest(DateOnly? EffectiveFrom = null, string? Reason = null, Guid? Supersedes = null);

/// <summary>
/// The service catalog in three tiers: resolution for a region and date, item versions, and each tier's edits
/// (define, adjust within limits, switch off, withdraw), checked by <see cref="CatalogRules"/> and audited.
/// </summary>
public sealed class CatalogService(ICatalogData data, ICurrentActor actor, IAuditTrail audit, TimeProvider clock)
{
    private static readonly Error Stale = Error.Conflict("catalog.stale", "该项目已被他人修改，请刷新后再保存。");

    public DateOnly Today => ChinaTime.Today(clock);

    /// <summary>The tier chain of a region text: "national" (the base alone) or a region code; null when it is neither.</summary>
    public static IReadOnlyList<string>? ChainOf(string? region) =>
        region is "national" or "00" ? [CatalogVocabulary.NationalScope]
        : RegionCode.TryParse(region, out var code) ? CatalogVocabulary.ChainOf(code)
        : null;

    /// <summary>The region to show when none is asked for: the actor's own jurisdiction, or the national base.</summary>
    public string DefaultRegion => actor.Jurisdiction?.Prefix ?? "national";

    public async Task<Result<EffectiveCatalogView>> EffectiveAsync(string? region, DateOnly? asOf, CatalogFilter? filter = null, CancellationToken ct = default)
    {
        region = string.IsNullOrWhiteSpace(region) ? DefaultRegion : region.Trim();
        if (ChainOf(region) is not { } chain)
        {
            return BadRegion(region);
        }

        var date = asOf ?? Today;
        var items = CatalogResolution.Resolve(chain, date, await LoadAsync(chain, ct));
        var editable = CatalogEditors.ScopeOf(actor);
        return new EffectiveCatalogView(region, date, chain, editable is not null && chain.Contains(editable) ? editable : null,
            [.. items.Where((filter ?? new CatalogFilter()).Matches)]);
    }

    /// <summary>Every version of every tier's entries on one item that a region's chain holds, top tier first.</summary>
    public async Task<Result<IReadOnlyList<CatalogEntryView>>> VersionsAsync(string code, string? region, CancellationToken ct = default)
    {
        region = string.IsNullOrWhiteSpace(region) ? DefaultRegion : region.Trim();
        if (ChainOf(region) is not { } chain)
        {
            return BadRegion(region);
        }

        var entries = await data.CatalogEntries.AsNoTracking().Where(e => e.ItemCode == code && chain.Contains(e.Scope)).ToListAsync(ct);
        if (entries.Count == 0)
        {
            return Error.NotFound("catalog.item_not_found", $"该地区的服务目录中没有项目 {code}。");
        }

        return Result<IReadOnlyList<CatalogEntryView>>.Ok([.. entries.OrderBy(e => e.Scope.Length).ThenBy(e => e.Version).Select(CatalogEntryView.From)]);
    }

    /// <summary>One entry version by its stable id (what plans and orders keep).</summary>
    public async Task<Result<CatalogEntryView>> EntryAsync(Guid id, CancellationToken ct = default) =>
        await data.CatalogEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) is { } e
            ? CatalogEntryView.From(e)
            : Error.NotFound("catalog.version_not_found", "服务项目版本不存在。");

    /// <summary>An item as the given entry versions made it: how a plan or order reads back the version it was made under.</summary>
    public async Task<Result<EffectiveItem>> ItemOfVersionsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        var list = ids.Distinct().ToList();
        var entries = await data.CatalogEntries.AsNoTracking().Where(e => list.Contains(e.Id)).ToListAsync(ct);
        if (entries.Count != list.Count)
        {
            return Error.NotFound("catalog.version_not_found", "服务项目版本不存在。");
        }

        return CatalogResolution.FromVersions(entries) is { } item
            ? item
            : Error.Validation("catalog.bad_versions", "这些版本不属于同一个服务项目，或缺少项目定义。");
    }

    public async Task<Result<CatalogEntryView>> DefineAsync(string scopeText, string code, DefineItemRequest request, CancellationToken ct = default)
    {
        var prepared = Prepare(scopeText, request.EffectiveFrom, request.Reason);
        if (!prepared.IsSuccess)
        {
            return prepared.Error!;
        }

        var (scope, from) = prepared.Value;
        var sameCode = await data.CatalogEntries.Where(e => e.ItemCode == code).ToListAsync(ct);
        if (CatalogRules.CheckDefine(scope, code, request.Content, from, sameCode) is { } invalid)
        {
            return invalid;
        }

        var entry = CatalogEntry.Define(scope, code, NextVersion(scope, sameCode), request.Content, from, Trim(request.Reason), actor.Name, clock.GetUtcNow());
        var isNew = CatalogRules.Open(scope, sameCode) is null;
        return await WriteAsync(entry, sameCode, request.Supersedes,
            $"{(isNew ? "新增" : "修订")}{CatalogVocabulary.TierName(entry.Tier)}项目 {code} {entry.Name}（第 {entry.Version} 版，{from:yyyy-MM-dd} 起）：单价 {entry.UnitPrice:0.##} 元，{CatalogVocabulary.FrequencyName(entry.Frequency!.Value)}", ct);
    }

    public async Task<Result<CatalogEntryView>> AdjustAsync(string scopeText, string code, AdjustItemRequest request, CancellationToken ct = default)
    {
        var prepared = Prepare(scopeText, request.EffectiveFrom, request.Reason);
        if (!prepared.IsSuccess)
        {
            return prepared.Error!;
        }

        var (scope, from) = prepared.Value;
        var sameCode = await data.CatalogEntries.Where(e => e.ItemCode == code).ToListAsync(ct);
        var above = Above(scope, code, from, sameCode);
        if (CatalogRules.CheckAdjust(scope, code, request.Adjustment, from, above, sameCode) is { } invalid)
        {
            return invalid;
        }

        var a = request.Adjustment;
        var entry = CatalogEntry.Adjust(scope, code, NextVersion(scope, sameCode), a, from, Trim(request.Reason), actor.Name, clock.GetUtcNow());
        var changes = new List<string>();
        if (a.UnitPrice is { } p)
        {
            changes.Add($"单价 {above!.UnitPrice:0.##} → {p:0.##} 元");
        }

        if (a.Frequency is { } f)
        {
            changes.Add($"频次 {CatalogVocabulary.FrequencyName(above!.Frequency)} → {CatalogVocabulary.FrequencyName(f)}");
        }

        if (a.DurationMinutes is { } d)
        {
            changes.Add($"时长 {d} 分钟");
        }

        if (a.Standard is not null || a.StandardReference is not null)
        {
            changes.Add("服务标准");
        }

        if (a.Limits is { } l)
        {
            changes.Add($"对下级的限制：{l.Describe()}");
        }

        return await WriteAsync(entry, sameCode, request.Supersedes,
            $"{CatalogVocabulary.TierName(entry.Tier)}（{scope}）调整 {code} {above!.Name}（{from:yyyy-MM-dd} 起）：{string.Join("，", changes)}", ct);
    }

    public async Task<Result<CatalogEntryView>> SwitchOffAsync(string scopeText, string code, TierChangeRequest request, CancellationToken ct = default)
    {
        var prepared = Prepare(scopeText, request.EffectiveFrom, request.Reason);
        if (!prepared.IsSuccess)
        {
            return prepared.Error!;
        }

        var (scope, from) = prepared.Value;
        var sameCode = await data.CatalogEntries.Where(e => e.ItemCode == code).ToListAsync(ct);
        var above = Above(scope, code, from, sameCode);
        if (CatalogRules.CheckSwitchOff(scope, code, from, above, sameCode) is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return Error.Validation("catalog.reason_required", "停用上级项目须说明原因。");
        }

        var entry = CatalogEntry.SwitchOff(scope, code, NextVersion(scope, sameCode), from, Trim(request.Reason), actor.Name, clock.GetUtcNow());
        return await WriteAsync(entry, sameCode, request.Supersedes,
            $"{CatalogVocabulary.TierName(entry.Tier)}（{scope}）停用 {code} {above!.Name}（{from:yyyy-MM-dd} 起）：{entry.Reason}", ct);
    }

    /// <summary>Ends the tier's open entry on an item: an adjustment or switch-off is withdrawn, an own item retired.</summary>
    public async Task<Result<CatalogEntryView>> WithdrawAsync(string scopeText, string code, TierChangeRequest request, CancellationToken ct = default)
    {
        var prepared = Prepare(scopeText, request.EffectiveFrom, request.Reason);
        if (!prepared.IsSuccess)
        {
            return prepared.Error!;
        }

        var (scope, from) = prepared.Value;
        var sameCode = await data.CatalogEntries.Where(e => e.ItemCode == code).ToListAsync(ct);
        var open = CatalogRules.Open(scope, sameCode);
        if (open is null)
        {
            return Error.NotFound("catalog.nothing_to_withdraw", $"本级对 {code} 没有现行的定义、调整或停用。");
        }

        if (open.Id != request.Supersedes)
        {
            return Stale;
        }

        if (from < open.EffectiveFrom)
        {
            return Error.Validation("catalog.bad_effective_date", $"生效日期不能早于本级现行版本的生效日期 {open.EffectiveFrom:yyyy-MM-dd}。");
        }

        if (open.Kind == EntryKind.Define && sameCode.Any(e => CatalogRules.IsAbove(scope, e.Scope) && e.EffectiveTo == null))
        {
            return Error.Conflict("catalog.item_in_use_below", $"下级仍在调整或停用 {code}，请先由下级撤销后再停止本级项目。");
        }

        open.End(from);
        var what = open.Kind switch { EntryKind.Define => "停止本级项目", EntryKind.Adjust => "撤销调整", _ => "恢复（撤销停用）" };
        audit.Record(new AuditEvent("catalog.withdraw", "catalog-entry", open.Id.ToString(), RegionOf(scope), AuditOutcome.Success,
            $"{CatalogVocabulary.TierName(open.Tier)}（{CatalogVocabulary.ScopeLabel(scope)}）{what} {code}（{from:yyyy-MM-dd} 起）{(Trim(request.Reason) is { } r ? "：" + r : string.Empty)}"));
        return await SaveAsync(open, ct);
    }

    /// <summary>The item as the tiers above <paramref name="scope"/> resolve it on a date.</summary>
    private static EffectiveItem? Above(string scope, string code, DateOnly on, IReadOnlyList<CatalogEntry> sameCode)
    {
        var chain = sameCode.Select(e => e.Scope).Where(s => CatalogRules.IsAbove(s, scope)).Distinct().ToList();
        return CatalogResolution.Resolve(chain, on, sameCode).FirstOrDefault(i => i.Code == code);
    }

    private Result<(string Scope, DateOnly From)> Prepare(string scopeText, DateOnly? effectiveFrom, string? reason)
    {
        if (CatalogVocabulary.ParseScope(scopeText) is not { } scope)
        {
            return Error.Validation("catalog.bad_scope", $"“{scopeText}”不是目录层级：国家基本目录用 national，地方拓展用 2 位省级代码，社区补充用 6 位县级代码。");
        }

        if (CatalogEditors.Check(actor, scope) is { } forbidden)
        {
            return forbidden;
        }

        if (CatalogRules.CheckReason(reason) is { } tooLong)
        {
            return tooLong;
        }

        var from = effectiveFrom ?? Today;
        if (from < Today)
        {
            return Error.Validation("catalog.backdated", "生效日期不能早于今天：已按原版本办理的计划和订单不能被追溯改变。");
        }

        return (scope, from);
    }

    private async Task<Result<CatalogEntryView>> WriteAsync(CatalogEntry entry, IReadOnlyList<CatalogEntry> sameCode, Guid? supersedes, string summary, CancellationToken ct)
    {
        var open = CatalogRules.Open(entry.Scope, sameCode);
        if (open?.Id != supersedes)
        {
            return Stale;
        }

        open?.End(entry.EffectiveFrom);
        data.CatalogEntries.Add(entry);
        audit.Record(new AuditEvent($"catalog.{entry.Kind.ToString().ToLowerInvariant()}", "catalog-entry", entry.Id.ToString(), RegionOf(entry.Scope), AuditOutcome.Success, summary));
        return await SaveAsync(entry, ct);
    }

    private async Task<Result<CatalogEntryView>> SaveAsync(CatalogEntry entry, CancellationToken ct)
    {
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Stale;
        }

        return CatalogEntryView.From(entry);
    }

    private async Task<List<CatalogEntry>> LoadAsync(IReadOnlyList<string> chain, CancellationToken ct)
    {
        var scopes = chain.ToList();
        return await data.CatalogEntries.AsNoTracking().Where(e => scopes.Contains(e.Scope)).ToListAsync(ct);
    }

    internal static int NextVersion(string scope, IEnumerable<CatalogEntry> sameCode) =>
        sameCode.Where(e => e.Scope == scope).Select(e => e.Version).DefaultIfEmpty(0).Max() + 1;

    internal static string? RegionOf(string scope) => RegionCode.TryParse(scope, out var code) ? code.Value : null;

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static Error BadRegion(string region) =>
        Error.Validation("catalog.bad_region", $"“{region}”不是区划代码（或 national 表示国家基本目录）。");
}
