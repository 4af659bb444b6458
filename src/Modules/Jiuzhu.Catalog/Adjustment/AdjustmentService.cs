using Jiuzhu.Catalog.Domain;
using Jiuzhu.Catalog.Plans;
using Jiuzhu.Catalog.Referrals;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Spreadsheets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Catalog.Adjustment;

/// <summary>
/// Service units delivered per catalog item in a region and period — supplied by the module that records deliveries
/// (service orders). Until one is registered, the report says supply is not yet known rather than showing zeros.
/// </summary>
public interface IServiceDeliveries
{
    Task<IReadOnlyDictionary<string, decimal>> DeliveredAsync(string regionPrefix, DateOnly from, DateOnly to, CancellationToken ct);
}

/// <summary>Reads plans, needs and referrals of a jurisdiction and builds the 动态调整 report, on a page or as a workbook.</summary>
public sealed class AdjustmentService(IPlanData plans, Data.ICatalogData catalogData, CatalogService catalog, ICurrentActor actor, TimeProvider clock, IServiceProvider services)
{
    /// <summary>Roles that read the report: civil-affairs staff who plan and budget services, and auditors.</summary>
    public static readonly string[] Readers = [Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover, Roles.RegionalAdmin, Roles.Auditor];

    public const int MaxDays = 366 * 3;

    public async Task<Result<AdjustmentView>> ReportAsync(string? region, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        if (!Readers.Any(actor.IsInRole))
        {
            return Error.Forbidden("adjustment.forbidden", "您的角色不能查看动态调整分析。");
        }

        string prefix;
        string regionText;
        if (string.IsNullOrWhiteSpace(region))
        {
            if (actor.Jurisdiction is not { } own)
            {
                return Error.Validation("adjustment.region_required", "请指定区划代码。");
            }

            (prefix, regionText) = (own.Prefix, own.Value);
        }
        else if (!RegionCode.TryParse(region.Trim(), out var code))
        {
            return Error.Validation("adjustment.bad_region", $"“{region}”不是区划代码。");
        }
        else if (!actor.Scope.Permits(code))
        {
            return Error.Forbidden("adjustment.outside_jurisdiction", "该地区不在您的管辖范围内。");
        }
        else
        {
            (prefix, regionText) = (code.Prefix, code.Value);
        }

        var (first, last) = DefaultPeriod(ChinaTime.Today(clock));
        var period = new ReportPeriod(from ?? first, to ?? last);
        if (period.To < period.From)
        {
            return Error.Validation("adjustment.bad_period", "结束日期不能早于开始日期。");
        }

        if (period.Days > MaxDays)
        {
            return Error.Validation("adjustment.bad_period", "统计期最长三年。");
        }

        var effective = await catalog.EffectiveAsync(regionText, period.To, new CatalogFilter(IncludeSwitchedOff: true), ct);
        if (!effective.IsSuccess)
        {
            return effective.Error!;
        }

        var (pFrom, pTo) = (period.From, period.To);
        var planned = await (
            from p in plans.HouseholdPlans.AsNoTracking()
            join i in plans.PlanItems.AsNoTracking() on p.Id equals i.PlanId
            where (p.Status == PlanStatus.Approved || p.Status == PlanStatus.Superseded)
                  && p.RegionCode.StartsWith(prefix) && p.StartDate <= pTo && p.EndDate >= pFrom
                  && (p.SupersededOn == null || p.SupersededOn > pFrom)
            select new PlannedItem(p.HouseholdId, i.ItemCode, i.Name, i.Category, i.Layer, i.OwnerDepartment, i.Frequency, i.UnitPrice,
                p.StartDate, p.EndDate, p.SupersededOn))
            .ToListAsync(ct);
        var awaiting = await plans.PlanNeeds.AsNoTracking()
            .Where(n => n.Status == PlanNeedStatus.AwaitingMatch && n.RegionCode.StartsWith(prefix) && n.StartDate <= pTo && n.EndDate >= pFrom)
            .Select(n => new UnmetItem(n.HouseholdId, n.ItemCode)).ToListAsync(ct);
        var declined = await catalogData.Referrals.AsNoTracking()
            .Where(r => r.Status == ReferralStatus.Declined && r.RegionCode.StartsWith(prefix))
            .Select(r => new UnmetItem(r.HouseholdId, r.Key)).ToListAsync(ct);
        var deliveries = services.GetService<IServiceDeliveries>();
        var delivered = deliveries is null ? null : await deliveries.DeliveredAsync(prefix, period.From, period.To, ct);
        return AdjustmentReport.Build(regionText, period, planned, [.. awaiting, .. declined], delivered, effective.Value.Items);
    }

    /// <summary>The report as a workbook: 概览, 按层级, 按服务领域, 按项目, 未使用项目.</summary>
    public async Task<Result<byte[]>> WorkbookAsync(string? region, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var report = await ReportAsync(region, from, to, ct);
        return report.IsSuccess ? AdjustmentWorkbook.Write(report.Value) : report.Error!;
    }

    /// <summary>The current quarter so far: what a county reviews when it adjusts its catalog and budget.</summary>
    public static (DateOnly From, DateOnly To) DefaultPeriod(DateOnly today) =>
        (new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1), today);
}

/// <summary>Writes the 动态调整 report as an .xlsx workbook with numeric cells.</summary>
public static class AdjustmentWorkbook
{
    public static byte[] Write(AdjustmentView v)
    {
        var s = v.Summary;
        string N(decimal? value) => value?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        string P(decimal share) => (share * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        var overview = new XlsxWorksheet("概览", [new("指标", 28), new("数值", 18, Number: true), new("说明", 60, Wrap: true)],
        [
            ["区划", v.Region, string.Empty],
            ["统计期", $"{v.Period.From:yyyy-MM-dd} 至 {v.Period.To:yyyy-MM-dd}", $"{v.Period.Days} 天"],
            ["有服务计划的家庭（户）", N(s.Households), "统计期内有已批准计划在执行的家庭"],
            ["计划服务项目（户次）", N(s.PlanItems), "一户一个项目计一次"],
            ["计划服务次数", N(s.PlannedUnits), "按频次折算：每日 1 次，每周 1/7，每两周 1/14，每月 12/365；按需项目不计次数"],
            ["计划金额（元）", N(s.PlannedAmount), "计划服务次数 × 单价"],
            ["发展支持层占比（%）", P(s.DevelopmentShare), "发展支持层项目占全部计划项目（户次）的比例"],
            ["发展支持层金额占比（%）", P(s.DevelopmentAmountShare), string.Empty],
            ["已提供服务次数", v.SupplyKnown ? N(s.DeliveredUnits) : string.Empty, v.SupplyKnown ? "来自服务订单" : "服务订单启用后统计"],
            ["未落实项目（户次）", N(s.UnmetItems), "民政需求仍待匹配，或其他部门的转介被拒绝"],
            ["目录项目数", N(s.ItemsInCatalog), "本地区有效目录（不含本地停用）"],
            ["未使用的目录项目", N(s.ItemsNeverUsed), "统计期内没有任何计划使用"],
        ]);
        XlsxWorksheet Rows(string name, string first, IReadOnlyList<AdjustmentRow> rows) => new(name,
            [
                new(first, 12, Text: true), new("名称", 24), new("层级", 12), new("家庭（户）", 12, Number: true), new("计划次数", 12, Number: true),
                new("计划金额（元）", 14, Number: true), new("占计划项目（%）", 14, Number: true), new("已提供次数", 12, Number: true),
                new("缺口次数", 12, Number: true), new("未落实（户次）", 14, Number: true),
            ],
            rows.Select(r => (IReadOnlyList<string>)[r.Code, r.Name, CatalogVocabulary.LayerName(r.Layer), N(r.Households), N(r.PlannedUnits), N(r.PlannedAmount),
                P(r.Share), N(r.DeliveredUnits), N(r.UnitsShort), N(r.UnmetItems)]).ToList());
        var unused = new XlsxWorksheet("未使用项目", [new("编码", 12, Text: true), new("名称", 28), new("服务领域", 14), new("层级", 12), new("目录层级", 12)],
            v.NeverUsed.Select(u => (IReadOnlyList<string>)[u.Code, u.Name, CatalogVocabulary.CategoryName(u.Category), CatalogVocabulary.LayerName(u.Layer),
                CatalogVocabulary.TierName(u.Tier)]).ToList());
        return XlsxWriter.Write([overview, Rows("按层级", "层级代码", v.Layers), Rows("按服务领域", "领域代码", v.Categories), Rows("按项目", "项目编码", v.Items), unused]);
    }
}
