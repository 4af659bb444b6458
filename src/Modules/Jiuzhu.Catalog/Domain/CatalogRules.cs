using System.Text.RegularExpressions;
using Jiuzhu.Kernel;

namespace Jiuzhu.Catalog.Domain;

/// <summary>
/// What a tier may write: its own items (new ones, or new versions of those it defined), and for a higher tier's item an
/// adjustment within the limits set above or a switch-off. A lower tier never redefines a higher tier's item. Every
/// check is pure: it sees the entries of the item's code and, for adjustments, the item as the tiers above resolve it.
/// </summary>
public static partial class CatalogRules
{
    public static Error? CheckCode(string? code) =>
        code is not null && CodePattern().IsMatch(code)
            ? null
            : Error.Validation("catalog.bad_code", "编码须为 2–32 位大写字母、数字、连字符或下划线，例如 LIFE-01。");

    public static Error? CheckContent(ItemContent? content)
    {
        if (content is null)
        {
            return Error.Validation("catalog.invalid_item", "缺少服务项目内容。");
        }

        if (string.IsNullOrWhiteSpace(content.Name) || content.Name.Trim().Length > 100)
        {
            return Error.Validation("catalog.invalid_item", "请填写项目名称（不超过 100 字）。");
        }

        if (CatalogVocabulary.LayerOf(content.Category) is null)
        {
            return Error.Validation("catalog.unknown_category", $"未知的服务领域：{content.Category}");
        }

        if (string.IsNullOrWhiteSpace(content.Unit) || content.Unit.Trim().Length > 16)
        {
            return Error.Validation("catalog.invalid_item", "请填写计量单位（不超过 16 字）。");
        }

        if (CheckStandard(content.Standard, content.StandardReference) is { } standard)
        {
            return standard;
        }

        if (string.Join(',', content.ProviderTypes ?? []).Length > 400)
        {
            return Error.Validation("catalog.invalid_item", "服务提供方类型过长（合计不超过 400 字符）。");
        }

        if (!Enum.IsDefined(content.Frequency))
        {
            return Error.Validation("catalog.invalid_item", "未知的服务频次。");
        }

        if (content.DurationMinutes is <= 0 or > 24 * 60)
        {
            return Error.Validation("catalog.invalid_item", "单次服务时长须在 1 到 1440 分钟之间。");
        }

        if (content.UnitPrice < 0)
        {
            return Error.Validation("catalog.invalid_item", "单价不能为负数。");
        }

        if (!Departments.IsKnown(content.OwnerDepartment))
        {
            return Error.Validation("catalog.unknown_department", $"未知的主管部门：{content.OwnerDepartment}");
        }

        if ((content.TargetGroups ?? []).FirstOrDefault(g => CatalogVocabulary.TargetGroups.All(t => t.Code != g)) is { } group)
        {
            return Error.Validation("catalog.unknown_target_group", $"未知的救助对象类别：{group}");
        }

        if ((content.NeedFlags ?? []).FirstOrDefault(f => CatalogVocabulary.NeedFlags.All(t => t.Code != f)) is { } flag)
        {
            return Error.Validation("catalog.unknown_need_flag", $"未知的需求标记：{flag}");
        }

        var limits = content.Limits ?? ItemLimits.None;
        if (CheckLimitsShape(limits) is { } shape)
        {
            return shape;
        }

        if (!limits.PricePermits(content.UnitPrice) || !limits.FrequencyPermits(content.Frequency))
        {
            return Error.Validation("catalog.limits_exclude_default", "项目自身的单价或频次不在其设定的限制范围内。");
        }

        return null;
    }

    /// <summary>A tier adds an item or a new version of its own item.</summary>
    public static Error? CheckDefine(string scope, string code, ItemContent content, DateOnly from, IReadOnlyList<CatalogEntry> sameCode)
    {
        if ((CheckCode(code) ?? CheckContent(content)) is { } invalid)
        {
            return invalid;
        }

        if (sameCode.FirstOrDefault(e => e.Kind == EntryKind.Define && IsAbove(e.Scope, scope)) is { } above)
        {
            return Error.Conflict("catalog.redefines_higher_tier",
                $"{code} 是{CatalogVocabulary.TierName(above.Tier)}目录的项目，下级不能重新定义，只能在上级设定的范围内调整或停用。");
        }

        if (sameCode.FirstOrDefault(e => e.Kind == EntryKind.Define && IsAbove(scope, e.Scope)) is { } below)
        {
            return Error.Conflict("catalog.code_used_below",
                $"编码 {code} 已被下级（{below.Scope}）的{CatalogVocabulary.TierName(below.Tier)}项目使用，请换一个编码。");
        }

        return CheckDate(scope, from, sameCode);
    }

    /// <summary>A tier adjusts a higher tier's item; <paramref name="above"/> is the item as the tiers above resolve it on <paramref name="from"/>.</summary>
    public static Error? CheckAdjust(string scope, string code, ItemAdjustment? adjustment, DateOnly from, EffectiveItem? above, IReadOnlyList<CatalogEntry> sameCode)
    {
        if (TargetAbove(scope, code, above, sameCode) is { } missing)
        {
            return missing;
        }

        if (adjustment is null || adjustment is { UnitPrice: null, Frequency: null, DurationMinutes: null, Standard: null, StandardReference: null, Limits: null })
        {
            return Error.Validation("catalog.empty_adjustment", "请至少调整一项：单价、频次、时长、服务标准或对下级的限制。");
        }

        var limits = above!.Limits;
        if (adjustment.UnitPrice is { } price && (price < 0 || !limits.PricePermits(price)))
        {
            return Error.Validation("catalog.price_out_of_limits", $"单价 {price:0.##} 元超出上级设定的范围（{limits.Describe()}）。");
        }

        if (adjustment.Frequency is { } frequency && (!Enum.IsDefined(frequency) || !limits.FrequencyPermits(frequency)))
        {
            return Error.Validation("catalog.frequency_out_of_limits", $"服务频次“{CatalogVocabulary.FrequencyName(frequency)}”超出上级设定的范围（{limits.Describe()}）。");
        }

        if (adjustment.DurationMinutes is <= 0 or > 24 * 60)
        {
            return Error.Validation("catalog.invalid_item", "单次服务时长须在 1 到 1440 分钟之间。");
        }

        if (CheckStandard(adjustment.Standard, adjustment.StandardReference) is { } standard)
        {
            return standard;
        }

        if ((adjustment.Standard is not null || adjustment.StandardReference is not null) && limits.StandardFixed)
        {
            return Error.Validation("catalog.standard_fixed", "上级已固定该项目的服务标准，不能调整。");
        }

        if (adjustment.Limits is { } own)
        {
            if (CheckLimitsShape(own) is { } shape)
            {
                return shape;
            }

            if (!CatalogResolution.Merge(limits, own).Within(limits))
            {
                return Error.Validation("catalog.limits_wider", $"对下级的限制只能收窄，不能宽于上级（{limits.Describe()}）。");
            }
        }

        return CheckDate(scope, from, sameCode);
    }

    /// <summary>A tier switches a higher tier's item off in its region.</summary>
    public static Error? CheckSwitchOff(string scope, string code, DateOnly from, EffectiveItem? above, IReadOnlyList<CatalogEntry> sameCode) =>
        TargetAbove(scope, code, above, sameCode) ?? CheckDate(scope, from, sameCode);

    /// <summary>Why an entry is made: optional, at most 500 characters.</summary>
    public static Error? CheckReason(string? reason) =>
        reason?.Trim().Length > 500 ? Error.Validation("catalog.reason_too_long", "说明不能超过 500 字。") : null;

    /// <summary>True when <paramref name="upper"/> is a tier scope above <paramref name="lower"/> (a shorter prefix of it).</summary>
    public static bool IsAbove(string upper, string lower) => upper.Length < lower.Length && lower.StartsWith(upper, StringComparison.Ordinal);

    /// <summary>The open (latest) entry of a scope on an item, if any.</summary>
    public static CatalogEntry? Open(string scope, IEnumerable<CatalogEntry> sameCode) =>
        sameCode.Where(e => e.Scope == scope && e.EffectiveTo is null).MaxBy(e => e.Version);

    private static Error? TargetAbove(string scope, string code, EffectiveItem? above, IReadOnlyList<CatalogEntry> sameCode)
    {
        if (scope.Length == 0)
        {
            return Error.Validation("catalog.nothing_above", "国家基本目录之上没有其他层级，请直接编辑项目。");
        }

        if (sameCode.Any(e => e.Scope == scope && e.Kind == EntryKind.Define))
        {
            return Error.Validation("catalog.own_item", $"{code} 是本级自有项目，请直接编辑，不能调整或停用。");
        }

        if (above is null)
        {
            return Error.NotFound("catalog.item_not_found", $"上级目录中没有在该日期有效的项目 {code}。");
        }

        return above.SwitchedOff ? Error.Validation("catalog.switched_off_above", $"{code} 已被上级停用，不能再调整。") : null;
    }

    private static Error? CheckDate(string scope, DateOnly from, IReadOnlyList<CatalogEntry> sameCode) =>
        Open(scope, sameCode) is { } open && from < open.EffectiveFrom
            ? Error.Validation("catalog.bad_effective_date", $"生效日期不能早于本级现行版本的生效日期 {open.EffectiveFrom:yyyy-MM-dd}。")
            : null;

    private static Error? CheckStandard(string? standard, string? reference) =>
        standard?.Trim().Length > 2000 || reference?.Trim().Length > 200
            ? Error.Validation("catalog.invalid_item", "服务标准不能超过 2000 字，标准依据不能超过 200 字。")
            : null;

    private static Error? CheckLimitsShape(ItemLimits limits)
    {
        if (limits.PriceMin < 0 || limits.PriceMax < 0 || (limits.PriceMin is { } a && limits.PriceMax is { } b && a > b))
        {
            return Error.Validation("catalog.invalid_limits", "单价范围有误：下限不能高于上限，也不能为负数。");
        }

        if (limits.FrequencyMin == ServiceFrequency.OnDemand || limits.FrequencyMax == ServiceFrequency.OnDemand
            || (limits.FrequencyMin is { } lo && limits.FrequencyMax is { } hi && lo > hi))
        {
            return Error.Validation("catalog.invalid_limits", "频次范围有误：“按需”不能作为限制，最低频次不能高于最高频次。");
        }

        return null;
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9_-]{1,31}$")]
    private static partial Regex CodePattern();
}
