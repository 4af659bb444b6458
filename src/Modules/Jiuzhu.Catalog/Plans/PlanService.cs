using System.Text.Json;
using Jiuzhu.Assessment;
using Jiuzhu.Assessment.Data;
using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Assessment.Mpi;
using Jiuzhu.Assessment.Policy;
using Jiuzhu.Assessment.Scales;
using Jiuzhu.Cases;
using Jiuzhu.Cases.Data;
using Jiuzhu.Cases.Domain;
using Jiuzhu.Catalog.Domain;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Registry.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Catalog.Plans;

/// <summary>A plan item as pages and the API show it.</summary>
public sealed record PlanItemView(
    Guid Id, string ItemCode, string Name, string Category, string Layer, string Unit, ServiceFrequency Frequency, decimal UnitPrice,
    string OwnerDepartment, string? PackageCode, string Reason, string? Note, bool AddedByWorker, IReadOnlyList<Guid> VersionIds);

/// <summary>One version of a plan in its history.</summary>
public sealed record PlanRevisionView(int Number, PlanStatus Status, string Change, string? Reason, string By, DateTimeOffset At);

/// <summary>A household service plan with its items and history.</summary>
public sealed record PlanView(
    Guid Id, Guid CaseId, string CaseNumber, Guid HouseholdId, string RegionCode, PlanStatus Status, int Revision,
    DateOnly StartDate, DateOnly EndDate, Tier Tier, string TierRuleName, Phase Phase, string? ReturnReason,
    string CreatedBy, DateTimeOffset CreatedAt, string UpdatedBy, DateTimeOffset UpdatedAt, string? DecidedBy, DateTimeOffset? DecidedAt,
    Guid Stamp, IReadOnlyList<string> Packages, IReadOnlyList<PlanItemView> Items, IReadOnlyList<SkippedItem> Skipped,
    IReadOnlyList<PlanRevisionView> Revisions, IReadOnlyList<PlanReviewNote> Review);

/// <summary>An approved plan due for review, with its reasons.</summary>
public sealed record PlanReviewRow(
    Guid PlanId, Guid CaseId, string CaseNumber, Guid HouseholdId, string RegionCode, Tier Tier, Phase Phase, DateOnly StartDate, DateOnly EndDate,
    IReadOnlyList<PlanReviewNote> Notes);

/// <summary>Asks for a proposed plan for a case; the dates default to a year from today.</summary>
public sealed record ProposePlanRequest(Guid CaseId, DateOnly? StartDate = null, DateOnly? EndDate = null);

/// <summary>What a worker changes on a plan.</summary>
public enum PlanChangeKind
{
    /// <summary>Adds a catalog item.</summary>
    Add = 1,

    /// <summary>Removes an item.</summary>
    Remove = 2,

    /// <summary>Changes an item's frequency (and note).</summary>
    Frequency = 3,

    /// <summary>Changes the plan's start and end dates.</summary>
    Dates = 4,
}

/// <summary>One change to a plan, with the reason every change needs and the stamp of the plan it was made on.</summary>
public sealed record PlanChangeRequest(
    PlanChangeKind Kind, string? Reason, Guid Stamp, string? ItemCode = null, Guid? ItemId = null, ServiceFrequency? Frequency = null,
    string? Note = null, DateOnly? StartDate = null, DateOnly? EndDate = null);

/// <summary>Submitting, approving or returning a plan: the stamp it was read at, and for a return the reason.</summary>
public sealed record PlanDecisionRequest(Guid Stamp, string? Reason = null);

/// <summary>A need awaiting matching, as the matching inbox shows it.</summary>
public sealed record PlanNeedView(
    Guid Id, Guid PlanId, Guid CaseId, Guid HouseholdId, string RegionCode, string ItemCode, string Name, string Category, string Layer,
    string OwnerDepartment, ServiceFrequency Frequency, int Priority, DateOnly StartDate, DateOnly EndDate, PlanNeedStatus Status,
    DateTimeOffset CreatedAt);

/// <summary>
/// Household service plans (一户一策) inside the case workflow: the township social worker has a plan proposed from the
/// household's current assessment and the region's catalog, edits it (every change with a reason), and submits it; the
/// county approver (县民政审批人) approves it, turning its items into needs awaiting matching, or returns it with a
/// reason. The case moves with the plan (制定救助方案, 提交审批, 批准, 退回方案修改) in the same transaction. Every change
/// is a new plan version and an audit entry; reasons, which may mention ages and ability levels, stay in the plan and
/// out of the audit summaries.
/// </summary>
public sealed class PlanService(
    IPlanData data,
    ICasesData cases,
    IAssessmentData assessments,
    IRegistryData registry,
    InstrumentCatalog instruments,
    IFieldProtector protector,
    CatalogService catalog,
    PackageService packages,
    CaseService caseService,
    Referrals.ReferralService referrals,
    ICurrentActor actor,
    IAuditTrail audit,
    TimeProvider clock)
{
    /// <summary>Roles that propose, edit and submit plans.</summary>
    public static readonly string[] Planners = [Roles.TownshipSocialWorker, Roles.CountyOfficer];

    /// <summary>Roles that approve or return plans.</summary>
    public static readonly string[] Approvers = [Roles.CountyApprover];

    /// <summary>Roles that read plans in their jurisdiction.</summary>
    public static readonly string[] Readers =
        [Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover, Roles.RegionalAdmin, Roles.Auditor];

    /// <summary>Roles that read the needs awaiting matching.</summary>
    public static readonly string[] NeedReaders = [Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover, Roles.RegionalAdmin];

    /// <summary>Case states in which a plan is made: after the first assessment, and revised at reassessment during service or review.</summary>
    public static readonly CaseStatus[] PlannableStates = [CaseStatus.Assessing, CaseStatus.PlanDrafted, CaseStatus.InService, CaseStatus.UnderReview];

    private static readonly CaseStatus[] ServiceStates = [CaseStatus.InService, CaseStatus.UnderReview];

    private static readonly Error NotFound = Error.NotFound("plan.not_found", "服务计划不存在，或不在您的管辖范围内。");

    private static readonly Error Stale = Error.Conflict("plan.stale", "服务计划已被他人修改，请刷新后再操作。");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DateOnly Today => ChinaTime.Today(clock);

    public async Task<Result<PlanView>> ProposeAsync(ProposePlanRequest request, CancellationToken ct = default)
    {
        if (!Planners.Any(actor.IsInRole))
        {
            return Error.Forbidden("plan.forbidden", "只有乡镇社工或县民政业务员可以制定服务计划。");
        }

        var @case = await cases.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.CaseId, ct);
        if (@case is null)
        {
            return Error.NotFound("case.not_found", "个案不存在，或不在您的管辖范围内。");
        }

        if (!PlannableStates.Contains(@case.Status))
        {
            return Error.Conflict("plan.case_state", "个案须处于“评估中”“已制定方案”（或服务中、复核中）才能制定服务计划。");
        }

        if (await data.HouseholdPlans.AnyAsync(p => p.CaseId == @case.Id
                && (p.Status == PlanStatus.Draft || p.Status == PlanStatus.Submitted || p.Status == PlanStatus.Returned), ct))
        {
            return Error.Conflict("plan.exists", "本个案已有尚未批准的服务计划，请在该计划上修改。");
        }

        var start = request.StartDate ?? Today;
        var end = request.EndDate ?? start.AddYears(1).AddDays(-1);
        if (CheckDates(start, end) is { } badDates)
        {
            return badDates;
        }

        var standing = await assessments.Standings.AsNoTracking().FirstOrDefaultAsync(s => s.HouseholdId == @case.HouseholdId, ct);
        if (standing is null)
        {
            return Error.Conflict("plan.no_assessment", "该家庭尚无已提交的需求评估，请先完成评估再制定服务计划。");
        }

        var profile = await ProfileAsync(@case.HouseholdId, standing.AssessmentId, standing.Tier, standing.TierRuleName, standing.Phase, ct);
        var region = @case.RegionCode;
        var effective = await catalog.EffectiveAsync(region, Today, new CatalogFilter(IncludeSwitchedOff: true), ct);
        var offered = await packages.ListAsync(region, ct);
        var proposal = PlanProposer.Propose(profile, effective.Value.Items, offered.Value);

        var now = clock.GetUtcNow();
        var plan = new HouseholdPlan(@case.Id, @case.Number, @case.HouseholdId, region, standing.AssessmentId, standing.Tier, standing.TierRuleName,
            standing.Phase, start, end, JsonSerializer.Serialize(proposal.Skipped, Json), actor.Name, now);
        foreach (var item in proposal.Items)
        {
            plan.Add(item, null, addedByWorker: false);
        }

        data.HouseholdPlans.Add(plan);
        var packagesText = proposal.Packages.Count == 0 ? "未套用服务包" : "套用" + string.Join("、", proposal.Packages.Select(p => p.Name));
        data.PlanRevisions.Add(plan.Revise($"依据评估提出建议计划：{packagesText}，{proposal.Items.Count} 个项目", null, actor.Name, now));
        audit.Record(new AuditEvent("plan.propose", "plan", plan.Id.ToString(), region, AuditOutcome.Success,
            $"个案 {@case.Number} 依据评估 {standing.AssessmentId} 提出服务计划（第 1 版）：{packagesText}，{proposal.Items.Count} 个项目，"
            + $"{proposal.Skipped.Count} 个项目未纳入；服务期 {start:yyyy-MM-dd} 至 {end:yyyy-MM-dd}"));
        var saved = @case.Status == CaseStatus.Assessing
            ? await MoveCaseAsync(@case, CaseAction.DraftPlan, null, ct)
            : await SaveAsync(ct);
        return saved ?? (Result<PlanView>)await ViewAsync(plan.Id, ct);
    }

    public async Task<Result<PlanView>> GetAsync(Guid id, CancellationToken ct = default)
    {
        if (!Readers.Any(actor.IsInRole))
        {
            return Error.Forbidden("plan.forbidden", "您的角色不能查看服务计划。");
        }

        return await data.HouseholdPlans.AsNoTracking().AnyAsync(p => p.Id == id, ct) ? await ViewAsync(id, ct) : NotFound;
    }

    /// <summary>The plans of a case, newest first.</summary>
    public async Task<Result<IReadOnlyList<PlanView>>> ForCaseAsync(Guid caseId, CancellationToken ct = default)
    {
        if (!Readers.Any(actor.IsInRole))
        {
            return Error.Forbidden("plan.forbidden", "您的角色不能查看服务计划。");
        }

        var ids = await data.HouseholdPlans.AsNoTracking().Where(p => p.CaseId == caseId).OrderByDescending(p => p.CreatedAt).Select(p => p.Id).ToListAsync(ct);
        var views = new List<PlanView>();
        foreach (var id in ids)
        {
            views.Add(await ViewAsync(id, ct));
        }

        return Result<IReadOnlyList<PlanView>>.Ok(views);
    }

    /// <summary>One change by the worker: add, remove, change an item's frequency, or change the dates; each with a reason.</summary>
    public async Task<Result<PlanView>> ChangeAsync(Guid id, PlanChangeRequest request, CancellationToken ct = default)
    {
        if (!Planners.Any(actor.IsInRole))
        {
            return Error.Forbidden("plan.forbidden", "只有乡镇社工或县民政业务员可以修改服务计划。");
        }

        var plan = await data.HouseholdPlans.Include(p => p.Items).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return NotFound;
        }

        if (!plan.Editable)
        {
            return Error.Conflict("plan.not_editable", "服务计划已提交或已批准，不能再修改。");
        }

        if (plan.Stamp != request.Stamp)
        {
            return Stale;
        }

        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return Error.Validation("plan.reason_required", "修改服务计划须说明理由。");
        }

        if (reason.Length > 500 || request.Note?.Trim().Length > 1000)
        {
            return Error.Validation("plan.text_too_long", "理由不超过 500 字，备注不超过 1000 字。");
        }

        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        Result<string> changed = request.Kind switch
        {
            PlanChangeKind.Add => await AddItemAsync(plan, request.ItemCode, request.Frequency, note, reason, ct),
            PlanChangeKind.Remove => RemoveItem(plan, request.ItemId),
            PlanChangeKind.Frequency => await ChangeFrequencyAsync(plan, request.ItemId, request.Frequency, note, ct),
            PlanChangeKind.Dates => ChangeDates(plan, request.StartDate, request.EndDate),
            _ => Error.Validation("plan.bad_change", "未知的修改类型。"),
        };
        if (!changed.IsSuccess)
        {
            return changed.Error!;
        }

        var now = clock.GetUtcNow();
        data.PlanRevisions.Add(plan.Revise(changed.Value, reason, actor.Name, now));
        audit.Record(new AuditEvent("plan.change", "plan", plan.Id.ToString(), plan.RegionCode, AuditOutcome.Success,
            $"个案 {plan.CaseNumber} 服务计划第 {plan.Revision} 版：{changed.Value}"));
        return await SaveAsync(ct) ?? (Result<PlanView>)await ViewAsync(plan.Id, ct);
    }

    /// <summary>Submits the plan for approval; the case goes to 待审批.</summary>
    public async Task<Result<PlanView>> SubmitAsync(Guid id, PlanDecisionRequest request, CancellationToken ct = default)
    {
        if (!Planners.Any(actor.IsInRole))
        {
            return Error.Forbidden("plan.forbidden", "只有乡镇社工或县民政业务员可以提交服务计划。");
        }

        var plan = await data.HouseholdPlans.Include(p => p.Items).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return NotFound;
        }

        if (!plan.Editable)
        {
            return Error.Conflict("plan.not_editable", "只有草稿或被退回的服务计划可以提交。");
        }

        if (plan.Stamp != request.Stamp)
        {
            return Stale;
        }

        if (plan.Items.Count == 0)
        {
            return Error.Validation("plan.empty", "服务计划至少要有一个服务项目。");
        }

        var @case = await CaseOfAsync(plan, ct);
        if (@case is null || (@case.Status != CaseStatus.PlanDrafted && !ServiceStates.Contains(@case.Status)))
        {
            return CaseState(@case, "已制定方案");
        }

        plan.Submit();
        var now = clock.GetUtcNow();
        data.PlanRevisions.Add(plan.Revise("提交审批", null, actor.Name, now));
        audit.Record(new AuditEvent("plan.submit", "plan", plan.Id.ToString(), plan.RegionCode, AuditOutcome.Success,
            $"个案 {plan.CaseNumber} 服务计划第 {plan.Revision} 版提交审批：{plan.Items.Count} 个项目"));
        var saved = @case.Status == CaseStatus.PlanDrafted ? await MoveCaseAsync(@case, CaseAction.SubmitForApproval, null, ct) : await SaveAsync(ct);
        return saved ?? (Result<PlanView>)await ViewAsync(plan.Id, ct);
    }

    /// <summary>
    /// Approves a submitted plan: each item becomes a need awaiting matching with a priority from the household's tier
    /// now; an earlier approved plan of the household is superseded and its unmatched needs withdrawn. The case is approved.
    /// </summary>
    public async Task<Result<PlanView>> ApproveAsync(Guid id, PlanDecisionRequest request, CancellationToken ct = default)
    {
        var decided = await DecidableAsync(id, request, ct);
        if (!decided.IsSuccess)
        {
            return decided.Error!;
        }

        var (plan, @case) = decided.Value;
        var tier = await assessments.Standings.AsNoTracking().Where(s => s.HouseholdId == plan.HouseholdId).Select(s => (Tier?)s.Tier).FirstOrDefaultAsync(ct)
            ?? plan.Tier;
        var now = clock.GetUtcNow();
        var earlier = await data.HouseholdPlans.Where(p => p.HouseholdId == plan.HouseholdId && p.Status == PlanStatus.Approved && p.Id != plan.Id).ToListAsync(ct);
        foreach (var old in earlier)
        {
            old.Supersede(Today);
            // Needs still awaiting matching and needs a provider serves are both withdrawn: the new plan's needs take their place
            // (the orders module ends the providers' assignments and cancels their open orders at its next generation run).
            var open = await data.PlanNeeds.Where(n => n.PlanId == old.Id && (n.Status == PlanNeedStatus.AwaitingMatch || n.Status == PlanNeedStatus.Matched)).ToListAsync(ct);
            open.ForEach(n => n.Withdraw());
            data.PlanRevisions.Add(old.Revise($"被个案 {plan.CaseNumber} 的新计划替代，{open.Count} 项需求撤销", null, actor.Name, now));
        }

        plan.Approve(actor.Name, now);
        // Items another department owns go to it as referrals (职能划分), not to matching.
        var needs = 0;
        var referred = 0;
        foreach (var item in plan.Items)
        {
            if (item.OwnerDepartment != Referrals.ReferralService.CivilAffairs)
            {
                var routed = await referrals.ReferPlanItemAsync(plan.HouseholdId, plan.RegionCode, plan.CaseId, item.ItemCode, item.Name, item.OwnerDepartment, item.Reason, ct);
                if (!routed.IsSuccess)
                {
                    return routed.Error!;
                }

                referred++;
                continue;
            }

            data.PlanNeeds.Add(new PlanNeed(plan, item, tier, now));
            needs++;
        }

        var routedText = referred > 0 ? $"，{referred} 个项目转介其他部门" : string.Empty;
        data.PlanRevisions.Add(plan.Revise($"批准：{needs} 个项目转为待匹配需求（优先级 {PlanNeed.PriorityOf(tier)}）{routedText}", null, actor.Name, now));
        audit.Record(new AuditEvent("plan.approve", "plan", plan.Id.ToString(), plan.RegionCode, AuditOutcome.Success,
            $"个案 {plan.CaseNumber} 服务计划第 {plan.Revision} 版批准：{needs} 项待匹配需求，优先级 {PlanNeed.PriorityOf(tier)}{routedText}"
            + (earlier.Count > 0 ? $"；替代此前已批准的计划 {earlier.Count} 份" : string.Empty)));
        var saved = @case.Status == CaseStatus.PendingApproval ? await MoveCaseAsync(@case, CaseAction.Approve, null, ct) : await SaveAsync(ct);
        return saved ?? (Result<PlanView>)await ViewAsync(plan.Id, ct);
    }

    /// <summary>Returns a submitted plan to the worker with a reason; the case goes back to 已制定方案.</summary>
    public async Task<Result<PlanView>> ReturnAsync(Guid id, PlanDecisionRequest request, CancellationToken ct = default)
    {
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) && Approvers.Any(actor.IsInRole))
        {
            return Error.Validation("plan.reason_required", "退回服务计划须说明理由。");
        }

        if (reason is { Length: > 1000 })
        {
            return Error.Validation("plan.text_too_long", "理由不超过 1000 字。");
        }

        var decided = await DecidableAsync(id, request, ct);
        if (!decided.IsSuccess)
        {
            return decided.Error!;
        }

        var (plan, @case) = decided.Value;
        var now = clock.GetUtcNow();
        plan.Return(reason!, actor.Name, now);
        data.PlanRevisions.Add(plan.Revise("退回修改", reason, actor.Name, now));
        audit.Record(new AuditEvent("plan.return", "plan", plan.Id.ToString(), plan.RegionCode, AuditOutcome.Success,
            $"个案 {plan.CaseNumber} 服务计划第 {plan.Revision} 版退回修改（理由记于计划）"));
        // The case timeline points to the plan rather than copying the reason, which may name ages or ability levels.
        var saved = @case.Status == CaseStatus.PendingApproval
            ? await MoveCaseAsync(@case, CaseAction.ReturnPlan, $"服务计划退回修改，理由见计划第 {plan.Revision} 版", ct)
            : await SaveAsync(ct);
        return saved ?? (Result<PlanView>)await ViewAsync(plan.Id, ct);
    }

    /// <summary>Needs awaiting matching in a region inside the actor's jurisdiction (default: all of it), most urgent first.</summary>
    /// <summary>
    /// Approved plans due for review inside the caller's jurisdiction (or <paramref name="region"/>): reassessed households,
    /// changed tiers or phases, service periods ending within 30 days or over; the nearest end first.
    /// </summary>
    public async Task<Result<Page<PlanReviewRow>>> ReviewsAsync(string? region, PageRequest page, CancellationToken ct = default)
    {
        if (!NeedReaders.Any(actor.IsInRole))
        {
            return Error.Forbidden("plan.forbidden", "您的角色不能查看待复核的服务计划。");
        }

        var plans = data.HouseholdPlans.AsNoTracking().Where(p => p.Status == PlanStatus.Approved);
        if (!string.IsNullOrWhiteSpace(region))
        {
            if (!RegionCode.TryParse(region, out var code))
            {
                return Error.Validation("plan.bad_region", $"“{region}”不是区划代码。");
            }

            if (!actor.Scope.Permits(code))
            {
                return Error.Forbidden("plan.outside_jurisdiction", "该地区不在您的管辖范围内。");
            }

            var prefix = code.Prefix;
            plans = plans.Where(p => p.RegionCode.StartsWith(prefix));
        }

        var today = Today;
        var soon = today.AddDays(PlanReview.EndingWithinDays);
        var due = from p in plans
                  join s in assessments.Standings.AsNoTracking() on p.HouseholdId equals s.HouseholdId into standings
                  from s in standings.DefaultIfEmpty()
                  where p.EndDate <= soon || (s != null && (s.AssessmentId != p.AssessmentId || s.Tier != p.Tier || s.Phase != p.Phase))
                  select new { Plan = p, Standing = s == null ? null : new CurrentStanding(s.AssessmentId, s.Tier, s.Phase) };
        var total = await due.CountAsync(ct);
        var rows = await due.OrderBy(d => d.Plan.EndDate).ThenBy(d => d.Plan.CaseNumber).Skip(page.Skip).Take(page.SafeSize).ToListAsync(ct);
        return new Page<PlanReviewRow>([.. rows.Select(d => new PlanReviewRow(d.Plan.Id, d.Plan.CaseId, d.Plan.CaseNumber, d.Plan.HouseholdId,
            d.Plan.RegionCode, d.Standing?.Tier ?? d.Plan.Tier, d.Standing?.Phase ?? d.Plan.Phase, d.Plan.StartDate, d.Plan.EndDate,
            PlanReview.Of(d.Plan.Status, d.Plan.AssessmentId, d.Plan.Tier, d.Plan.Phase, d.Plan.EndDate, d.Standing, today)))], total, page.SafePage, page.SafeSize);
    }

    public async Task<Result<Page<PlanNeedView>>> NeedsAsync(string? region, PlanNeedStatus? status, PageRequest page, CancellationToken ct = default)
    {
        if (!NeedReaders.Any(actor.IsInRole))
        {
            return Error.Forbidden("plan.forbidden", "您的角色不能查看待匹配需求。");
        }

        var query = data.PlanNeeds.AsNoTracking().Where(n => n.Status == (status ?? PlanNeedStatus.AwaitingMatch));
        if (!string.IsNullOrWhiteSpace(region))
        {
            if (!RegionCode.TryParse(region, out var code))
            {
                return Error.Validation("plan.bad_region", $"“{region}”不是区划代码。");
            }

            if (!actor.Scope.Permits(code))
            {
                return Error.Forbidden("plan.outside_jurisdiction", "该地区不在您的管辖范围内。");
            }

            var prefix = code.Prefix;
            query = query.Where(n => n.RegionCode.StartsWith(prefix));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(n => n.Priority).ThenBy(n => n.CreatedAt).ThenBy(n => n.ItemCode)
            .Skip(page.Skip).Take(page.SafeSize).ToListAsync(ct);
        return new Page<PlanNeedView>([.. rows.Select(n => new PlanNeedView(n.Id, n.PlanId, n.CaseId, n.HouseholdId, n.RegionCode, n.ItemCode, n.Name,
            n.Category, n.Layer, n.OwnerDepartment, n.Frequency, n.Priority, n.StartDate, n.EndDate, n.Status, n.CreatedAt))], total, page.SafePage, page.SafeSize);
    }

    private async Task<Result<string>> AddItemAsync(HouseholdPlan plan, string? code, ServiceFrequency? frequency, string? note, string reason, CancellationToken ct)
    {
        code = code?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            return Error.Validation("plan.item_required", "请选择要添加的服务项目。");
        }

        if (plan.Items.Any(i => i.ItemCode == code))
        {
            return Error.Conflict("plan.item_exists", $"{code} 已在服务计划中。");
        }

        var effective = await catalog.EffectiveAsync(plan.RegionCode, Today, new CatalogFilter(IncludeSwitchedOff: true), ct);
        var item = effective.Value.Items.FirstOrDefault(i => i.Code == code);
        if (item is null)
        {
            return Error.Validation("plan.unknown_item", $"本地区的服务目录中没有项目 {code}。");
        }

        if (item.SwitchedOff)
        {
            return Error.Validation("plan.item_switched_off", $"{code} {item.Name}已在本地停用，不能纳入服务计划。");
        }

        var often = frequency ?? item.Frequency;
        if (!Enum.IsDefined(often) || !item.Limits.FrequencyPermits(often))
        {
            return Error.Validation("plan.frequency_out_of_limits", $"{item.Name}的频次须在目录限制之内（{item.Limits.Describe()}）。");
        }

        plan.Add(new PlanProposalItem(item.Code, item.Name, item.Category, item.Layer, item.Unit, often, item.UnitPrice, item.OwnerDepartment, null,
            $"{item.Code} {item.Name}：社工添加：{reason}", item.VersionIds), note, addedByWorker: true);
        return $"新增 {item.Code} {item.Name}（{CatalogVocabulary.FrequencyName(often)}）";
    }

    private Result<string> RemoveItem(HouseholdPlan plan, Guid? itemId)
    {
        if (plan.Items.FirstOrDefault(i => i.Id == itemId) is not { } item)
        {
            return Error.NotFound("plan.item_not_found", "服务计划中没有该项目。");
        }

        plan.Remove(item);
        data.PlanItems.Remove(item);
        return $"删除 {item.ItemCode} {item.Name}";
    }

    private async Task<Result<string>> ChangeFrequencyAsync(HouseholdPlan plan, Guid? itemId, ServiceFrequency? frequency, string? note, CancellationToken ct)
    {
        if (plan.Items.FirstOrDefault(i => i.Id == itemId) is not { } item)
        {
            return Error.NotFound("plan.item_not_found", "服务计划中没有该项目。");
        }

        if (frequency is not { } often || !Enum.IsDefined(often))
        {
            return Error.Validation("plan.frequency_required", "请选择频次。");
        }

        if (often == item.Frequency && (note is null || note == item.Note))
        {
            return Error.Validation("plan.no_change", "频次和备注都没有变化。");
        }

        // The limits are those of the versions the item was taken under, not of whatever the catalog says today.
        var recorded = await catalog.ItemOfVersionsAsync(item.VersionIdList, ct);
        if (recorded.IsSuccess && !recorded.Value.Limits.FrequencyPermits(often))
        {
            return Error.Validation("plan.frequency_out_of_limits", $"{item.Name}的频次须在目录限制之内（{recorded.Value.Limits.Describe()}）。");
        }

        var old = item.Frequency;
        item.Change(often, note);
        return old == often
            ? $"{item.ItemCode} {item.Name} 修改备注"
            : $"{item.ItemCode} {item.Name} 频次 {CatalogVocabulary.FrequencyName(old)} → {CatalogVocabulary.FrequencyName(often)}";
    }

    private static Result<string> ChangeDates(HouseholdPlan plan, DateOnly? start, DateOnly? end)
    {
        if (start is not { } s || end is not { } e)
        {
            return Error.Validation("plan.bad_dates", "请填写服务期的开始和结束日期。");
        }

        if (CheckDates(s, e) is { } bad)
        {
            return bad;
        }

        plan.SetDates(s, e);
        return $"服务期改为 {s:yyyy-MM-dd} 至 {e:yyyy-MM-dd}";
    }

    private static Error? CheckDates(DateOnly start, DateOnly end) =>
        end < start ? Error.Validation("plan.bad_dates", "服务期的结束日期不能早于开始日期。")
        : end > start.AddYears(1) ? Error.Validation("plan.bad_dates", "服务期最长一年，到期前应复评并重新制定计划。")
        : null;

    private async Task<Result<(HouseholdPlan Plan, Case Case)>> DecidableAsync(Guid id, PlanDecisionRequest request, CancellationToken ct)
    {
        if (!Approvers.Any(actor.IsInRole))
        {
            return Error.Forbidden("plan.forbidden", "只有县民政审批人可以审批服务计划。");
        }

        var plan = await data.HouseholdPlans.Include(p => p.Items).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return NotFound;
        }

        if (plan.Status != PlanStatus.Submitted)
        {
            return Error.Conflict("plan.not_submitted", "只有待审批的服务计划可以批准或退回。");
        }

        if (plan.Stamp != request.Stamp)
        {
            return Stale;
        }

        var @case = await CaseOfAsync(plan, ct);
        if (@case is null || (@case.Status != CaseStatus.PendingApproval && !ServiceStates.Contains(@case.Status)))
        {
            return CaseState(@case, "待审批");
        }

        return Result<(HouseholdPlan Plan, Case Case)>.Ok((plan, @case));
    }

    private Task<Case?> CaseOfAsync(HouseholdPlan plan, CancellationToken ct) =>
        cases.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == plan.CaseId, ct);

    private static Error CaseState(Case? @case, string expected) => Error.Conflict("plan.case_state",
        $"个案当前为“{(@case is null ? "—" : CaseWorkflow.StatusName(@case.Status))}”，须为“{expected}”（或服务中、复核中）。");

    // The case moves in the same save as the plan: the case service saves the unit of work holding both.
    private async Task<Error?> MoveCaseAsync(Case @case, CaseAction action, string? reason, CancellationToken ct)
    {
        var moved = await caseService.TransitionAsync(@case.Id, new TransitionRequest(action, reason, @case.Version), ct);
        return moved.IsSuccess ? null : moved.Error!.Code == "case.stale" ? Stale : moved.Error;
    }

    private async Task<Error?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await data.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            return Stale;
        }
    }

    /// <summary>What the proposal reads: the tier and phase, the deprived indicators, the members' ages, flags and scales.</summary>
    private async Task<HouseholdProfile> ProfileAsync(Guid householdId, Guid assessmentId, Tier tier, string tierRuleName, Phase phase, CancellationToken ct)
    {
        var assessment = await assessments.Assessments.AsNoTracking().SingleAsync(a => a.Id == assessmentId, ct);
        var answers = AssessmentAnswers.FromJson(protector.Unprotect(assessment.ProtectedAnswers));
        var definition = await instruments.DefinitionAsync(assessment.InstrumentId, ct);
        var outcome = InstrumentEvaluation.Evaluate(definition, answers.Values, answers.ScaleResults);
        var household = await registry.Households.AsNoTracking().Where(h => h.Id == householdId).Select(h => new { h.Category, h.Needs }).SingleAsync(ct);
        var year = Today.Year;
        var people = await registry.Persons.AsNoTracking().Where(p => p.HouseholdId == householdId)
            .Select(p => new { p.Id, p.BirthYear, p.Needs }).ToListAsync(ct);
        var members = people.Select(p =>
        {
            var scales = (answers.Scales ?? []).Where(s => s.PersonId == p.Id).ToList();
            var barthel = scales.Where(s => s.Measure == ScaleMeasure.BarthelTotal).Select(s => (int?)s.Value).Min();
            var level = scales.Where(s => s.Measure == ScaleMeasure.ElderlyAbilityLevel).Select(s => (ElderlyAbilityLevel?)(int)s.Value).Max();
            return new MemberProfile(year - p.BirthYear, p.Needs, barthel, level);
        }).ToList();
        var deprived = outcome.Indicators.Where(i => i.State == Deprivation.Deprived).Select(i => new DeprivedIndicator(i.Code, i.Name)).ToList();
        return new HouseholdProfile(tier, tierRuleName, phase, household.Category, household.Needs, members, deprived);
    }

    private async Task<PlanView> ViewAsync(Guid id, CancellationToken ct)
    {
        var plan = await data.HouseholdPlans.AsNoTracking().Include(p => p.Items).SingleAsync(p => p.Id == id, ct);
        var revisions = await data.PlanRevisions.AsNoTracking().Where(r => r.PlanId == id).OrderByDescending(r => r.Number).ToListAsync(ct);
        var skipped = JsonSerializer.Deserialize<List<SkippedItem>>(plan.Skipped, Json) ?? [];
        var standing = await assessments.Standings.AsNoTracking().Where(s => s.HouseholdId == plan.HouseholdId)
            .Select(s => new CurrentStanding(s.AssessmentId, s.Tier, s.Phase)).FirstOrDefaultAsync(ct);
        return new PlanView(plan.Id, plan.CaseId, plan.CaseNumber, plan.HouseholdId, plan.RegionCode, plan.Status, plan.Revision, plan.StartDate,
            plan.EndDate, plan.Tier, plan.TierRuleName, plan.Phase, plan.ReturnReason, plan.CreatedBy, plan.CreatedAt, plan.UpdatedBy, plan.UpdatedAt,
            plan.DecidedBy, plan.DecidedAt, plan.Stamp,
            [.. plan.Items.Select(i => i.PackageCode).OfType<string>().Distinct()],
            [.. plan.Items.OrderBy(i => i.PackageCode is null).ThenBy(i => i.PackageCode).ThenBy(i => i.ItemCode, StringComparer.Ordinal).Select(i => new PlanItemView(
                i.Id, i.ItemCode, i.Name, i.Category, i.Layer, i.Unit, i.Frequency, i.UnitPrice, i.OwnerDepartment, i.PackageCode, i.Reason, i.Note,
                i.AddedByWorker, i.VersionIdList))],
            skipped,
            [.. revisions.Select(r => new PlanRevisionView(r.Number, r.Status, r.Change, r.Reason, r.By, r.At))],
            PlanReview.Of(plan.Status, plan.AssessmentId, plan.Tier, plan.Phase, plan.EndDate, standing, Today));
    }
}
