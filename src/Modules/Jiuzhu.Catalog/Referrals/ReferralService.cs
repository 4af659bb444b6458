using Jiuzhu.Cases.Calendar;
using Jiuzhu.Catalog.Data;
using Jiuzhu.Kernel;
using Jiuzhu.Registry.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Catalog.Referrals;

/// <summary>A referral as its readers see it.</summary>
public sealed record ReferralRow(
    Guid Id, Guid HouseholdId, string HeadName, string RegionCode, Guid? CaseId, string Key, string Name, string Department, string DepartmentName,
    string Rule, string Reason, ReferralStatus Status, string StatusName, DateTimeOffset DueAt, bool Overdue, string CreatedBy, DateTimeOffset CreatedAt,
    string? AnsweredBy, DateTimeOffset? AnsweredAt, string? DeclineReason, string? Outcome, DateTimeOffset? CompletedAt, Guid Version);

/// <summary>What a worker refers: a household, the need or item (function-division code or catalog item code), and why.</summary>
public sealed record ReferralRequest(Guid HouseholdId, string? Key, string? Reason, Guid? CaseId);

/// <summary>
/// Referrals (转介) of needs another department owns by the region's function-division list: township social workers
/// and county officers send them; the owner department's liaisons (or its system, by API key) accept or decline with a
/// reason and record the outcome. Every step is audited.
/// </summary>
public sealed class ReferralService(
    ICatalogData data, IRegistryData registry, DivisionService division, DeadlineService deadlines, ICurrentActor actor, IAuditTrail audit, TimeProvider clock)
{
    public static readonly string[] Senders = [Roles.TownshipSocialWorker, Roles.CountyOfficer];

    public static readonly string[] Answerers = [Roles.DepartmentLiaison, Roles.DepartmentSystem];

    public static readonly string[] Readers = [Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover, Roles.RegionalAdmin,
        Roles.Auditor, .. Answerers];

    internal const string CivilAffairs = "civil-affairs";

    public bool CanSend => Senders.Any(actor.IsInRole);

    public bool CanAnswer => Answerers.Any(actor.IsInRole) && Departments.IsKnown(actor.Department);

    public async Task<Result<ReferralRow>> SendAsync(ReferralRequest request, CancellationToken ct = default)
    {
        if (!CanSend)
        {
            return Error.Forbidden("referral.forbidden", "只有乡镇社工或县民政业务员可以发起转介。");
        }

        if (string.IsNullOrWhiteSpace(request.Key))
        {
            return Error.Validation("referral.key_required", "请选择要转介的服务或需求。");
        }

        if (Referral.Text(request.Reason, "referral.reason_required", "请说明转介的理由（家庭的需要）。") is { } bad)
        {
            return bad;
        }

        var household = await registry.Households.AsNoTracking().Where(h => h.Id == request.HouseholdId && h.MergedIntoId == null)
            .Select(h => new { h.Id, h.RegionCode, h.HeadName }).FirstOrDefaultAsync(ct);
        if (household is null)
        {
            return Error.NotFound("referral.household_not_found", "找不到该家庭户，或不在您的管辖范围内。");
        }

        var owner = await division.OwnerAsync(household.RegionCode, request.Key, ct);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        if (owner.Value.OwnerDepartment == CivilAffairs)
        {
            return Error.Validation("referral.own_department",
                $"“{owner.Value.Name}”按职能划分由民政部门提供，请列入家庭服务计划，无需转介。");
        }

        var key = owner.Value.Key;
        if (await IsOpenAsync(household.Id, key, ct))
        {
            return Error.Conflict("referral.duplicate", $"该家庭的“{owner.Value.Name}”已转介给{owner.Value.DepartmentName}，尚未办结。");
        }

        var added = await AddAsync(household.Id, household.RegionCode, request.CaseId, key, owner.Value.Name, owner.Value.OwnerDepartment, owner.Value.Why,
            request.Reason!.Trim(), string.Empty, ct);
        if (!added.IsSuccess)
        {
            return added.Error!;
        }

        var referral = added.Value;
        await data.SaveChangesAsync(ct);
        return Row(referral, household.HeadName, clock.GetUtcNow());
    }

    /// <summary>
    /// Refers an item of an approved plan that another department owns (the item's owner in the region's catalog)
    /// instead of making it a need awaiting matching. Added to the caller's unit of work (the approval saves it); an
    /// open referral of the same item for the household is kept rather than doubled. Returns whether one was added.
    /// </summary>
    internal async Task<Result<bool>> ReferPlanItemAsync(
        Guid householdId, string regionCode, Guid caseId, string itemCode, string itemName, string department, string reason, CancellationToken ct)
    {
        if (await IsOpenAsync(householdId, itemCode, ct))
        {
            return false;
        }

        var added = await AddAsync(householdId, regionCode, caseId, itemCode, itemName, department,
            $"服务目录中“{itemName}”由{Departments.Name(department)}承办", reason, "服务计划批准：", ct);
        if (!added.IsSuccess)
        {
            return added.Error!;
        }

        return true;
    }

    private Task<bool> IsOpenAsync(Guid householdId, string key, CancellationToken ct) =>
        data.Referrals.AnyAsync(r => r.HouseholdId == householdId && r.Key == key && (r.Status == ReferralStatus.Sent || r.Status == ReferralStatus.Accepted), ct);

    // A referral with its answer deadline, added to the unit of work and audited (the caller saves).
    private async Task<Result<Referral>> AddAsync(
        Guid householdId, string regionCode, Guid? caseId, string key, string name, string department, string rule, string reason, string origin,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await deadlines.DueAsync(DeadlineStep.ReferralAnswer, "service", RegionCode.Parse(regionCode), now, ct);
        if (!due.IsSuccess)
        {
            return due.Error!;
        }

        var referral = new Referral(householdId, regionCode, caseId, key, name, department, rule, reason, due.Value, actor.Name, now);
        data.Referrals.Add(referral);
        audit.Record(new AuditEvent("referral.send", "referral", referral.Id.ToString(), referral.RegionCode, AuditOutcome.Success,
            $"{origin}将“{referral.Name}”转介给{Departments.Name(referral.Department)}（{referral.Rule}），答复期限 {ChinaTime.Format(due.Value)}"));
        return referral;
    }

    /// <summary>
    /// A department's inbox (its liaisons and system see the referrals to it in their jurisdiction), or, for civil-affairs
    /// staff, the referrals of their jurisdiction; optionally of one status. Oldest deadline first.
    /// </summary>
    public async Task<Result<IReadOnlyList<ReferralRow>>> InboxAsync(ReferralStatus? status, CancellationToken ct = default)
    {
        if (!Readers.Any(actor.IsInRole))
        {
            return Error.Forbidden("referral.forbidden", "您的角色不能查看转介。");
        }

        var query = Visible();
        if (status is { } s)
        {
            query = query.Where(r => r.Status == s);
        }

        var rows = await query.OrderBy(r => r.DueAt).ThenBy(r => r.Id).Take(500).ToListAsync(ct);
        return Result<IReadOnlyList<ReferralRow>>.Ok(await RowsAsync(rows, ct));
    }

    // Referrals in the jurisdiction (the context's region filter); a department's liaisons and system see only theirs.
    private IQueryable<Referral> Visible()
    {
        var query = data.Referrals.AsNoTracking();
        if (!Answerers.Any(actor.IsInRole))
        {
            return query;
        }

        var department = actor.Department ?? "#";
        return query.Where(r => r.Department == department);
    }

    public async Task<Result<IReadOnlyList<ReferralRow>>> ForHouseholdAsync(Guid householdId, CancellationToken ct = default)
    {
        if (!Readers.Any(actor.IsInRole))
        {
            return Error.Forbidden("referral.forbidden", "您的角色不能查看转介。");
        }

        var query = Visible().Where(r => r.HouseholdId == householdId);

        return Result<IReadOnlyList<ReferralRow>>.Ok(await RowsAsync(await query.OrderByDescending(r => r.CreatedAt).ToListAsync(ct), ct));
    }

    public Task<Result<ReferralRow>> AcceptAsync(Guid id, Guid version, CancellationToken ct = default) =>
        AnswerAsync(id, version, "referral.accept", r => r.Accept(actor.Name, clock.GetUtcNow()), r => $"{Departments.Name(r.Department)}接收转介“{r.Name}”", ct);

    public Task<Result<ReferralRow>> DeclineAsync(Guid id, string? reason, Guid version, CancellationToken ct = default) =>
        AnswerAsync(id, version, "referral.decline", r => r.Decline(actor.Name, reason, clock.GetUtcNow()),
            r => $"{Departments.Name(r.Department)}退回转介“{r.Name}”：{r.DeclineReason}", ct);

    public Task<Result<ReferralRow>> CompleteAsync(Guid id, string? outcome, Guid version, CancellationToken ct = default) =>
        AnswerAsync(id, version, "referral.complete", r => r.Complete(actor.Name, outcome, clock.GetUtcNow()),
            r => $"{Departments.Name(r.Department)}办结转介“{r.Name}”", ct);

    private async Task<Result<ReferralRow>> AnswerAsync(
        Guid id, Guid version, string action, Func<Referral, Result> change, Func<Referral, string> summary, CancellationToken ct)
    {
        if (!CanAnswer)
        {
            return Error.Forbidden("referral.forbidden", "只有承办部门的联络员可以答复转介。");
        }

        var referral = await data.Referrals.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null || referral.Department != actor.Department)
        {
            return Error.NotFound("referral.not_found", "找不到该转介，或它不是转给您所在部门的。");
        }

        if (referral.Version != version)
        {
            return Error.Conflict("referral.stale", "转介已被他人处理，请刷新。");
        }

        var changed = change(referral);
        if (!changed.IsSuccess)
        {
            return changed.Error!;
        }

        audit.Record(new AuditEvent(action, "referral", referral.Id.ToString(), referral.RegionCode, AuditOutcome.Success, summary(referral)));
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("referral.stale", "转介已被他人处理，请刷新。");
        }

        return (await RowsAsync([referral], ct))[0];
    }

    private async Task<IReadOnlyList<ReferralRow>> RowsAsync(IReadOnlyList<Referral> referrals, CancellationToken ct)
    {
        var ids = referrals.Select(r => r.HouseholdId).Distinct().ToList();
        var heads = await registry.Households.IgnoreQueryFilters().AsNoTracking().Where(h => ids.Contains(h.Id))
            .Select(h => new { h.Id, h.HeadName }).ToDictionaryAsync(h => h.Id, h => h.HeadName, ct);
        var now = clock.GetUtcNow();
        return [.. referrals.Select(r => Row(r, heads.GetValueOrDefault(r.HouseholdId, "—"), now))];
    }

    private static ReferralRow Row(Referral r, string headName, DateTimeOffset now) => new(
        r.Id, r.HouseholdId, headName, r.RegionCode, r.CaseId, r.Key, r.Name, r.Department, Departments.Name(r.Department), r.Rule, r.Reason, r.Status,
        Referral.StatusName(r.Status), r.DueAt, r.Status == ReferralStatus.Sent && now > r.DueAt, r.CreatedBy, r.CreatedAt, r.AnsweredBy, r.AnsweredAt,
        r.DeclineReason, r.Outcome, r.CompletedAt, r.Version);
}
