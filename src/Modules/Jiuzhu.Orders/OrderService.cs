using System.Globalization;
using System.Security.Cryptography;
using Jiuzhu.Catalog.Domain;
using Jiuzhu.Catalog.Plans;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Orders.Data;
using Jiuzhu.Orders.Domain;
using Jiuzhu.Providers;
using Jiuzhu.Providers.Domain;
using Jiuzhu.Registry.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Orders;

/// <summary>Dispatches a need to a provider: orders for the windows in [From, To] (default: the coming seven days).</summary>
public sealed record DispatchRequest(Guid NeedId, Guid ProviderId, Guid? ServicePointId = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>What a dispatch created, and the windows it could not fill because the provider's capacity was taken.</summary>
public sealed record DispatchResult(Guid NeedId, Guid ProviderId, IReadOnlyList<OrderView> Orders, IReadOnlyList<ServiceWindow> CapacityFull);

/// <summary>One move on an order; which fields matter depends on the action.</summary>
public sealed record OrderActRequest(
    Guid Version, string? Reason = null, double? Latitude = null, double? Longitude = null, int? DurationMinutes = null, string? Notes = null,
    string? Code = null, int? Rating = null, string? Comment = null);

/// <summary>An order as its readers see it; <see cref="ConfirmationCode"/> only for civil-affairs staff, never for the provider.</summary>
public sealed record OrderView(
    Guid Id, string Number, Guid? NeedId, Guid? PlanId, Guid? CaseId, Guid HouseholdId, string RegionCode, string ItemCode, string ItemName, int Priority,
    bool DeliveredAtHome, Guid ProviderId, string ProviderName, Guid? ServicePointId, DateOnly WindowStart, DateOnly WindowEnd, OrderStatus Status,
    string StatusName, DateTimeOffset DispatchedAt, DateTimeOffset? StartedAt, int? CheckInDistanceMetres, DateTimeOffset? CompletedAt,
    int? DurationMinutes, string? Notes, string? VerifiedBy, DateTimeOffset? VerifiedAt, bool VerifiedByCode, int? Rating, string? RatingComment,
    string? Reason, Guid Version, string? ConfirmationCode, IReadOnlyList<OrderEventView> Events, string? Household = null,
    IReadOnlyList<PhotoView>? Photos = null, string? RatingCode = null);

/// <summary>A photo of a delivered service (its content is fetched separately, and every viewing is audited).</summary>
public sealed record PhotoView(Guid Id, string FileName, string ContentType, int Size, string By, DateTimeOffset At);

/// <summary>What a generation run created: orders for the coming windows of needs already taken on, and windows whose capacity was full.</summary>
public sealed record GenerationResult(DateOnly From, DateOnly To, int Assignments, int Created, int CapacityFull, int Failed = 0);

/// <summary>How often a provider declined lately.</summary>
public sealed record DeclineStats(Guid ProviderId, int Answered, int Declined, bool Flagged);

public sealed record OrderEventView(OrderAction? Action, OrderStatus? From, OrderStatus To, string What, string By, DateTimeOffset At, string? Note);

/// <summary>Filters of the order lists.</summary>
public sealed record OrderFilter(
    OrderStatus? Status = null, Guid? ProviderId = null, Guid? HouseholdId = null, string? Region = null, DateOnly? From = null, DateOnly? To = null,
    bool NewestFirst = false, bool OpenOnly = false);

/// <summary>Settings of the order lifecycle.</summary>
public sealed class OrderOptions
{
    public const string Section = "Orders";

    /// <summary>How far from the household (or service point) a check-in may be, in metres.</summary>
    public int CheckInToleranceMetres { get; set; } = 300;
}

/// <summary>
/// Service orders from dispatch to rated delivery: every move checked by <see cref="OrderWorkflow"/>, by the right party,
/// against the order's version (two people acting at once — only one wins), with capacity held and released through a
/// conditional update, and audited.
/// </summary>
public sealed class OrderService(
    IOrdersData data, IPlanData plans, IRegistryData registry, IProviderSupply supply, Providers.Data.IProvidersData providers, ICurrentActor actor,
    IAuditTrail audit, IFieldProtector protector, TimeProvider clock, Microsoft.Extensions.Options.IOptions<OrderOptions> settings)
{
    private static readonly Error NotFound = Error.NotFound("order.not_found", "服务订单不存在，或您无权查看。");
    private static readonly Error Stale = Error.Conflict("order.stale", "订单刚被他人处理，请刷新后再操作。");

    private DateOnly Today => ChinaTime.Today(clock);

    public async Task<Result<DispatchResult>> DispatchAsync(DispatchRequest request, CancellationToken ct = default)
    {
        if (!OrderWorkflow.Dispatchers.Any(actor.IsInRole))
        {
            return Error.Forbidden("order.forbidden", "只有乡镇社工或县民政业务员可以派单。");
        }

        var need = await plans.PlanNeeds.FirstOrDefaultAsync(n => n.Id == request.NeedId, ct);
        if (need is null)
        {
            return Error.NotFound("order.need_not_found", "待匹配需求不存在，或不在您的管辖范围内。");
        }

        if (need.Status != PlanNeedStatus.AwaitingMatch)
        {
            return Error.Conflict("order.need_not_awaiting", "该需求已匹配或已撤销，不能再派单。");
        }

        var from = request.From ?? Today;
        var to = request.To ?? from.AddDays(6);
        if (to < from || to.DayNumber - from.DayNumber > 62 || from < Today)
        {
            return Error.Validation("order.bad_window", "派单时段须从今天或以后开始，结束不早于开始，最长两个月。");
        }

        var offer = await supply.SupplyAsync(need.RegionCode, need.ItemCode, from, ct);
        if (!offer.IsSuccess)
        {
            return offer.Error!;
        }

        if (offer.Value.Excluded.FirstOrDefault(e => e.Id == request.ProviderId) is { } excluded)
        {
            return Error.Conflict("order.provider_unqualified", $"{excluded.Name}：{excluded.Message}");
        }

        if (offer.Value.Providers.FirstOrDefault(p => p.Id == request.ProviderId) is not { } provider)
        {
            return Error.Validation("order.provider_not_offering", $"该机构不提供 {need.ItemCode} {need.Name}，或不服务该家庭所在地区。");
        }

        var capacities = provider.Capacities.Where(c => c.ItemCode == need.ItemCode).ToList();
        if (capacities.Count == 0)
        {
            return Error.Conflict("order.no_capacity", $"{provider.Name}尚未登记 {need.ItemCode} {need.Name} 的服务产能。");
        }

        if (request.ServicePointId is { } pointId && provider.Points.All(p => p.Id != pointId))
        {
            return Error.Validation("order.bad_service_point", "所选服务网点不属于该机构。");
        }

        var windows = need.Frequency == ServiceFrequency.OnDemand
            ? (from <= need.EndDate && to >= need.StartDate ? [new ServiceWindow(from < need.StartDate ? need.StartDate : from, to > need.EndDate ? need.EndDate : to)] : [])
            : RecurringSchedule.Windows(need.Frequency, need.StartDate, need.EndDate, from, to);
        if (windows.Count == 0)
        {
            return Error.Validation("order.outside_plan", $"所选时段不在服务计划的服务期（{need.StartDate:yyyy-MM-dd} 至 {need.EndDate:yyyy-MM-dd}）内。");
        }

        var now = clock.GetUtcNow();
        var source = new OrderSource(need.Id, need.PlanId, need.CaseId, need.HouseholdId, need.RegionCode, need.ItemCode, need.Name, need.VersionIds,
            need.Priority, DeliveredAtHome: request.ServicePointId is null);
        try
        {
            return await DispatchInTransactionAsync(need, provider, capacities, windows, source, request.ServicePointId, from, to, now, ct);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            // Another dispatcher took the need or the last capacity meanwhile (PostgreSQL: unique index; SQLite: a write
            // after a concurrent commit). Nothing of this attempt was kept.
            return Stale;
        }
    }

    private async Task<Result<DispatchResult>> DispatchInTransactionAsync(
        PlanNeed need, SupplyProvider provider, IReadOnlyList<CapacityView> capacities, IReadOnlyList<ServiceWindow> windows, OrderSource source,
        Guid? servicePointId, DateOnly from, DateOnly to, DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await data.Database.BeginTransactionAsync(ct);

        // Take the need first, with one conditional update: of two dispatchers sending it at once, only one goes on.
        var needId = need.Id;
        if (await plans.PlanNeeds.Where(n => n.Id == needId && n.Status == PlanNeedStatus.AwaitingMatch)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.Status, PlanNeedStatus.Matched), ct) == 0)
        {
            return Stale;
        }

        // Windows that already have a live order (served before the need came back to matching) are not dispatched again.
        var live = (await data.ServiceOrders.AsNoTracking()
            .Where(o => o.NeedId == needId && o.Status != OrderStatus.Declined && o.Status != OrderStatus.Cancelled)
            .Select(o => o.WindowStart).ToListAsync(ct)).ToHashSet();
        var created = new List<ServiceOrder>();
        var full = new List<ServiceWindow>();
        foreach (var window in windows.Where(w => !live.Contains(w.Start)))
        {
            // Capacity is taken on the day the service is due from: the window's start, or the first day dispatched.
            var held = await HoldAsync(provider.Id, need.ItemCode, capacities, window.Start < from ? from : window.Start, ct);
            if (held is null)
            {
                full.Add(window);
                continue;
            }

            var order = new ServiceOrder(source, provider.Id, provider.Name, servicePointId, window, protector.Protect(NewCode()), protector.Protect(NewCode()), actor.Name, now);
            order.Hold(held);
            data.ServiceOrders.Add(order);
            data.OrderEvents.Add(new OrderEvent(order, null, null, actor.Name, now, $"派单给{provider.Name}"));
            created.Add(order);
        }

        if (created.Count == 0)
        {
            return Error.Conflict("order.capacity_full", $"{provider.Name}在所选时段的 {need.ItemCode} {need.Name} 产能已满。");
        }

        data.NeedAssignments.Add(new NeedAssignment(need.Id, need.RegionCode, provider.Id, provider.Name, servicePointId, actor.Name, now));
        audit.Record(new AuditEvent("order.dispatch", "plan-need", need.Id.ToString(), need.RegionCode, AuditOutcome.Success,
            $"需求 {need.ItemCode} {need.Name}（优先级 {need.Priority}）派给{provider.Name}：{created.Count} 张订单（{from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}），{full.Count} 个时段产能已满"));
        await data.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new DispatchResult(need.Id, provider.Id, [.. created.Select(o => View(o, []))], full);
    }

    /// <summary>Moves an order one step along its lifecycle.</summary>
    public async Task<Result<OrderView>> ActAsync(Guid id, OrderAction action, OrderActRequest request, CancellationToken ct = default)
    {
        var order = await OrderAccess.Visible(data.ServiceOrders, actor).FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return NotFound;
        }

        var roles = Roles.AccountRoles.Where(actor.IsInRole).ToList();
        if (OrderWorkflow.Find(action) is { } move && move.Roles.Contains(Roles.ProviderStaff) && actor.IsInRole(Roles.ProviderStaff) && !OrderAccess.ForProvider(actor, order))
        {
            roles.Remove(Roles.ProviderStaff);
        }

        if (OrderWorkflow.Check(order.Status, action, roles, request.Reason) is { } refused)
        {
            return refused;
        }

        if (order.Version != request.Version)
        {
            return Stale;
        }

        try
        {
            return await ActInTransactionAsync(order, action, request, ct);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            // Someone else acted on the order (or took its capacity) at the same moment; nothing of this attempt was kept.
            return Stale;
        }
    }

    private async Task<Result<OrderView>> ActInTransactionAsync(ServiceOrder order, OrderAction action, OrderActRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var from = order.Status;
        var to = OrderWorkflow.Find(action)!.To;
        var reason = request.Reason?.Trim();
        string? note = reason;
        await using var tx = await data.Database.BeginTransactionAsync(ct);
        switch (action)
        {
            case OrderAction.Start:
                var checkedIn = await CheckInAsync(order, request.Latitude, request.Longitude, ct);
                if (!checkedIn.IsSuccess)
                {
                    return checkedIn.Error!;
                }

                order.CheckIn(now, checkedIn.Value ?? -1);
                note = checkedIn.Value is { } metres ? $"签到位置距{(order.DeliveredAtHome ? "服务对象住址" : "服务网点")} {metres} 米" : "住址或网点没有坐标，未核对签到位置";
                break;
            case OrderAction.Complete:
                if (request.DurationMinutes is not (> 0 and <= 1440))
                {
                    return Error.Validation("order.bad_duration", "请填写服务时长（1–1440 分钟）。");
                }

                if (request.Notes?.Trim().Length > ServiceOrder.MaxText)
                {
                    return Error.Validation("order.text_too_long", "服务记录不能超过 500 字。");
                }

                order.Finish(now, request.DurationMinutes.Value, string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim());
                note = $"服务 {request.DurationMinutes} 分钟";
                break;
            case OrderAction.Verify:
                order.Verify(actor.Name, now, byCode: false);
                break;
            case OrderAction.ConfirmByCode:
                if (await TryCodeAsync(order, order.ConfirmationCode, request.Code, ct) is { } wrong)
                {
                    await data.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                    return wrong;
                }

                order.Verify(actor.Name, now, byCode: true);
                note = "服务对象凭确认码确认";
                break;
            case OrderAction.Rate:
                if (request.Rating is not (>= 1 and <= 5))
                {
                    return Error.Validation("order.bad_rating", "评分须为 1 到 5 星。");
                }

                if (request.Comment?.Trim().Length > ServiceOrder.MaxText)
                {
                    return Error.Validation("order.text_too_long", "评价不能超过 500 字。");
                }

                order.Rate(request.Rating.Value, string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim());
                note = $"{request.Rating} 星";
                break;
            case OrderAction.Decline:
                await ReturnNeedAsync(order, $"{order.ProviderName}拒单：{reason}", now, ct);
                break;
        }

        if (OrderWorkflow.ReleasingCapacity.Contains(action))
        {
            await ReleaseAsync(order, ct);
        }

        order.Move(to, actor.Name, now, action is OrderAction.Decline or OrderAction.Cancel or OrderAction.NoShow or OrderAction.Complain ? reason : null);
        data.OrderEvents.Add(new OrderEvent(order, action, from, actor.Name, now, note));
        audit.Record(new AuditEvent($"order.{action.ToString().ToLowerInvariant()}", "service-order", order.Id.ToString(), order.RegionCode, AuditOutcome.Success,
            $"订单 {order.Number}（{order.ItemCode}，{order.ProviderName}）{OrderWorkflow.StatusName(from)} → {OrderWorkflow.StatusName(to)}"));
        await data.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ViewAsync(order.Id, ct);
    }

    /// <summary>
    /// The beneficiary rates a verified order with the order number and the confirmation code given to the household — no
    /// account needed. Five wrong codes lock the order's code.
    /// </summary>
    public async Task<Result<string>> RateByCodeAsync(string? number, string? code, int? rating, string? comment, CancellationToken ct = default)
    {
        // The same answer for an unknown number, an order not open for rating and a wrong code: the endpoint is anonymous.
        var wrong = Error.Validation("order.bad_code", "订单号或评价码不正确，或这个订单还不能评价。");
        var order = string.IsNullOrWhiteSpace(number) ? null : await data.ServiceOrders.FirstOrDefaultAsync(o => o.Number == number.Trim().ToUpperInvariant(), ct);
        if (order is null || order.Status != OrderStatus.Verified)
        {
            return wrong;
        }

        if (await TryCodeAsync(order, order.RatingCode, code, ct) is { } refused)
        {
            await data.SaveChangesAsync(ct);
            return refused.Code == "order.code_locked" ? Error.Conflict("order.code_locked", "评价码错误次数过多，已停用，请联系村（社区）救助协理员代为评价。") : wrong;
        }

        if (rating is not (>= 1 and <= 5))
        {
            return Error.Validation("order.bad_rating", "评分须为 1 到 5 星。");
        }

        if (comment?.Trim().Length > ServiceOrder.MaxText)
        {
            return Error.Validation("order.text_too_long", "评价不能超过 500 字。");
        }

        var now = clock.GetUtcNow();
        var from = order.Status;
        order.Rate(rating.Value, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());
        order.Move(OrderStatus.Rated, "服务对象", now);
        data.OrderEvents.Add(new OrderEvent(order, OrderAction.Rate, from, "服务对象", now, $"服务对象凭确认码评价 {rating} 星"));
        audit.Record(new AuditEvent("order.rate", "service-order", order.Id.ToString(), order.RegionCode, AuditOutcome.Success,
            $"订单 {order.Number}（{order.ItemCode}，{order.ProviderName}）由服务对象凭确认码评价 {rating} 星"));
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale;
        }

        return $"{order.ItemName}（{order.ProviderName}）";
    }

    /// <summary>Adds a photo of the service (provider staff, while serving or after completion): JPEG, PNG or WebP by content, at most 2 MB, five per order, encrypted.</summary>
    public async Task<Result<OrderView>> AddPhotoAsync(Guid id, string? fileName, Stream content, long length, CancellationToken ct = default)
    {
        var order = await OrderAccess.Visible(data.ServiceOrders, actor).FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
        {
            return NotFound;
        }

        if (!OrderAccess.ForProvider(actor, order))
        {
            return Error.Forbidden("order.forbidden", "只有承接订单的服务机构人员可以上传服务照片。");
        }

        if (order.Status is not (OrderStatus.Started or OrderStatus.Completed))
        {
            return Error.Conflict("order.illegal_transition", "只能在服务中或完成后上传服务照片。");
        }

        if (length <= 0 || length > OrderAttachment.MaxBytes)
        {
            return Error.Validation("order.photo_too_large", "照片不能为空，且不超过 2 MB。");
        }

        if (await data.OrderAttachments.CountAsync(a => a.OrderId == id, ct) >= OrderAttachment.MaxPerOrder)
        {
            return Error.Conflict("order.too_many_photos", "每张订单最多上传 5 张照片。");
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (bytes.Length > OrderAttachment.MaxBytes)
        {
            return Error.Validation("order.photo_too_large", "照片不能为空，且不超过 2 MB。");
        }

        if (OrderAttachment.SniffImage(bytes) is not { } type)
        {
            return Error.Validation("order.photo_type", "只能上传 JPEG、PNG 或 WebP 格式的照片。");
        }

        var name = Path.GetFileName(fileName ?? "photo");
        name = name.Length is 0 or > 200 ? "photo" : name;
        var now = clock.GetUtcNow();
        data.OrderAttachments.Add(new OrderAttachment(order, type, name, bytes.Length, protector.ProtectBytes(bytes), actor.Name, now));
        data.OrderEvents.Add(new OrderEvent(order, null, order.Status, actor.Name, now, $"上传服务照片（{bytes.Length / 1024} KB）"));
        audit.Record(new AuditEvent("order.photo", "service-order", order.Id.ToString(), order.RegionCode, AuditOutcome.Success,
            $"订单 {order.Number} 上传服务照片 {bytes.Length} 字节"));
        await data.SaveChangesAsync(ct);
        return await ViewAsync(order.Id, ct);
    }

    /// <summary>A photo's content, for a reader of the order; every viewing is audited.</summary>
    public async Task<Result<(byte[] Content, string ContentType)>> PhotoAsync(Guid id, Guid photoId, CancellationToken ct = default)
    {
        var order = await OrderAccess.Visible(data.ServiceOrders.AsNoTracking(), actor).FirstOrDefaultAsync(o => o.Id == id, ct);
        var photo = order is null ? null : await data.OrderAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == photoId && a.OrderId == id, ct);
        if (order is null || photo is null)
        {
            return NotFound;
        }

        await audit.WriteNowAsync(new AuditEvent("order.photo-view", "service-order", order.Id.ToString(), order.RegionCode, AuditOutcome.Success,
            $"查看订单 {order.Number} 的服务照片"), ct);
        return (protector.UnprotectBytes(photo.Content), photo.ContentType);
    }

    /// <summary>
    /// Orders for the coming windows of every need a provider has taken on (recurring meals, weekly cleaning…), inside
    /// the caller's view; a window that already has its order is skipped, so running it twice changes nothing.
    /// </summary>
    public async Task<Result<GenerationResult>> GenerateAsync(DateOnly? from, int days, CancellationToken ct = default)
    {
        if (!OrderWorkflow.Dispatchers.Any(actor.IsInRole) && !actor.Scope.AllowsAll)
        {
            return Error.Forbidden("order.forbidden", "只有乡镇社工或县民政业务员可以生成周期订单。");
        }

        if (days is < 1 or > 31)
        {
            return Error.Validation("order.bad_window", "生成的天数须在 1 到 31 之间。");
        }

        var first = from ?? Today;
        if (first < Today)
        {
            return Error.Validation("order.bad_window", "只能生成今天及以后的订单。");
        }

        var last = first.AddDays(days - 1);
        var prefix = actor.Scope.AllowsAll ? string.Empty : actor.Jurisdiction?.Prefix ?? "-";
        var assignments = await data.NeedAssignments.AsNoTracking().Where(a => a.EndedAt == null && a.RegionCode.StartsWith(prefix)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var (created, full) = (0, 0);
        var failed = 0;
        foreach (var a in assignments)
        {
            try
            {
                created += await GenerateForAsync(a, first, last, now, () => full++, ct);
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
            {
                // Another run or a dispatch made the same window's order meanwhile: forget this need's attempt, go on.
                data.ChangeTracker.Clear();
                failed++;
            }
        }

        return new GenerationResult(first, last, assignments.Count, created, full, failed);
    }

    private async Task<int> GenerateForAsync(NeedAssignment a, DateOnly first, DateOnly last, DateTimeOffset now, Action windowFull, CancellationToken ct)
    {
        var need = await plans.PlanNeeds.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(n => n.Id == a.NeedId, ct);
        if (need is null || need.Status != PlanNeedStatus.Matched)
        {
            // The plan was superseded (or the need withdrawn): the provider's assignment ends and its open orders from today are cancelled.
            await EndAssignmentAsync(a.Id, "服务计划已被新计划取代，需求已撤销", now, ct);
            return 0;
        }

        if (need.Frequency == ServiceFrequency.OnDemand)
        {
            return 0;
        }

        var have = (await data.ServiceOrders.AsNoTracking()
            .Where(o => o.NeedId == need.Id && o.WindowStart >= first.AddDays(-31) && o.Status != OrderStatus.Declined && o.Status != OrderStatus.Cancelled)
            .Select(o => o.WindowStart).ToListAsync(ct)).ToHashSet();
        var windows = RecurringSchedule.Windows(need.Frequency, need.StartDate, need.EndDate, first, last).Where(w => !have.Contains(w.Start)).ToList();
        if (windows.Count == 0)
        {
            return 0;
        }

        var offer = await supply.SupplyAsync(need.RegionCode, need.ItemCode, first, ct);
        var provider = offer.IsSuccess ? offer.Value.Providers.FirstOrDefault(p => p.Id == a.ProviderId) : null;
        var capacities = provider?.Capacities.Where(c => c.ItemCode == need.ItemCode).ToList() ?? [];
        if (provider is null || capacities.Count == 0)
        {
            for (var i = 0; i < windows.Count; i++)
            {
                windowFull();
            }

            return 0;
        }

        var source = new OrderSource(need.Id, need.PlanId, need.CaseId, need.HouseholdId, need.RegionCode, need.ItemCode, need.Name, need.VersionIds,
            need.Priority, DeliveredAtHome: a.ServicePointId is null);
        await using var tx = await data.Database.BeginTransactionAsync(ct);
        var made = 0;
        foreach (var window in windows)
        {
            var held = await HoldAsync(provider.Id, need.ItemCode, capacities, window.Start < first ? first : window.Start, ct);
            if (held is null)
            {
                windowFull();
                continue;
            }

            var order = new ServiceOrder(source, provider.Id, provider.Name, a.ServicePointId, window, protector.Protect(NewCode()), protector.Protect(NewCode()), actor.Name, now);
            order.Hold(held);
            data.ServiceOrders.Add(order);
            data.OrderEvents.Add(new OrderEvent(order, null, null, actor.Name, now, $"按周期生成，派给{provider.Name}"));
            made++;
        }

        if (made > 0)
        {
            audit.Record(new AuditEvent("order.generate", "plan-need", need.Id.ToString(), need.RegionCode, AuditOutcome.Success,
                $"需求 {need.ItemCode} {need.Name} 按周期生成 {made} 张订单（{first:yyyy-MM-dd} 至 {last:yyyy-MM-dd}），派给{provider.Name}"));
        }

        await data.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return made;
    }

    /// <summary>Ends an assignment: its provider's open orders from today on are cancelled and their capacity released.</summary>
    private async Task EndAssignmentAsync(Guid assignmentId, string why, DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await data.Database.BeginTransactionAsync(ct);
        var assignment = await data.NeedAssignments.FirstAsync(x => x.Id == assignmentId, ct);
        assignment.End(now, why);
        var today = Today;
        var open = await data.ServiceOrders
            .Where(o => o.NeedId == assignment.NeedId && o.ProviderId == assignment.ProviderId && o.WindowEnd >= today
                && (o.Status == OrderStatus.Dispatched || o.Status == OrderStatus.Accepted))
            .ToListAsync(ct);
        foreach (var order in open)
        {
            var was = order.Status;
            await ReleaseAsync(order, ct);
            order.Move(OrderStatus.Cancelled, actor.Name, now, why);
            data.OrderEvents.Add(new OrderEvent(order, OrderAction.Cancel, was, actor.Name, now, why));
        }

        audit.Record(new AuditEvent("order.assignment-end", "plan-need", assignment.NeedId.ToString(), assignment.RegionCode, AuditOutcome.Success,
            $"{assignment.ProviderName}的服务安排结束：{why}；取消 {open.Count} 张未开始的订单"));
        await data.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }


    /// <summary>Answers (accepted or declined) and declines of each provider's orders dispatched in the last 30 days.</summary>
    public async Task<IReadOnlyDictionary<Guid, DeclineStats>> DeclineStatsAsync(IReadOnlyCollection<Guid> providerIds, CancellationToken ct = default)
    {
        var since = clock.GetUtcNow().AddDays(-DeclineFlag.WindowDays);
        var rows = await data.ServiceOrders.AsNoTracking()
            .Where(o => providerIds.Contains(o.ProviderId) && o.AnsweredAt != null && o.AnsweredAt >= since)
            .GroupBy(o => o.ProviderId)
            .Select(g => new { Provider = g.Key, Answered = g.Count(), Declined = g.Count(o => o.Status == OrderStatus.Declined) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Provider, r => new DeclineStats(r.Provider, r.Answered, r.Declined, DeclineFlag.IsFlagged(r.Answered, r.Declined)));
    }

    public async Task<Result<OrderView>> GetAsync(Guid id, CancellationToken ct = default) =>
        await OrderAccess.Visible(data.ServiceOrders.AsNoTracking(), actor).AnyAsync(o => o.Id == id, ct) ? await ViewAsync(id, ct) : NotFound;

    public async Task<Result<Page<OrderView>>> ListAsync(OrderFilter filter, PageRequest page, CancellationToken ct = default)
    {
        if (!OrderAccess.Readers.Any(actor.IsInRole) && !actor.Scope.AllowsAll)
        {
            return Error.Forbidden("order.forbidden", "您的角色不能查看服务订单。");
        }

        var query = OrderAccess.Visible(data.ServiceOrders.AsNoTracking(), actor);
        if (!string.IsNullOrWhiteSpace(filter.Region))
        {
            if (!RegionCode.TryParse(filter.Region, out var code))
            {
                return Error.Validation("order.bad_region", $"“{filter.Region}”不是区划代码。");
            }

            var prefix = code.Prefix;
            query = query.Where(o => o.RegionCode.StartsWith(prefix));
        }

        if (filter.Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        if (filter.ProviderId is { } provider)
        {
            query = query.Where(o => o.ProviderId == provider);
        }

        if (filter.HouseholdId is { } household)
        {
            query = query.Where(o => o.HouseholdId == household);
        }

        if (filter.From is { } from)
        {
            query = query.Where(o => o.WindowEnd >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(o => o.WindowStart <= to);
        }

        if (filter.OpenOnly)
        {
            // Still something to do: not finished, not verified.
            query = query.Where(o => o.Status == OrderStatus.Dispatched || o.Status == OrderStatus.Accepted || o.Status == OrderStatus.Started || o.Status == OrderStatus.Completed);
        }

        var total = await query.CountAsync(ct);
        var ordered = filter.NewestFirst
            ? query.OrderByDescending(o => o.WindowStart).ThenBy(o => o.Priority).ThenBy(o => o.Number)
            : query.OrderBy(o => o.WindowStart).ThenBy(o => o.Priority).ThenBy(o => o.Number);
        var rows = await ordered.Skip(page.Skip).Take(page.SafeSize).ToListAsync(ct);
        var where = await WhereAsync(rows.Select(o => o.HouseholdId), ct);
        return new Page<OrderView>([.. rows.Select(o => View(o, []) with { Household = where.GetValueOrDefault(o.HouseholdId) })], total, page.SafePage, page.SafeSize);
    }

    private async Task<Result<int?>> CheckInAsync(ServiceOrder order, double? latitude, double? longitude, CancellationToken ct)
    {
        if (latitude is not (>= -90 and <= 90) || longitude is not (>= -180 and <= 180))
        {
            return Error.Validation("order.location_required", "签到须提供当前位置（纬度、经度）。");
        }

        (double? Lat, double? Lon) target = (null, null);
        if (!order.DeliveredAtHome && order.ServicePointId is { } pointId)
        {
            target = await providers.ServicePoints.AsNoTracking().Where(p => p.Id == pointId).Select(p => new ValueTuple<double?, double?>(p.Latitude, p.Longitude)).FirstOrDefaultAsync(ct);
        }
        else
        {
            target = await registry.Households.IgnoreQueryFilters().AsNoTracking().Where(h => h.Id == order.HouseholdId)
                .Select(h => new ValueTuple<double?, double?>(h.Latitude, h.Longitude)).FirstOrDefaultAsync(ct);
        }

        if (target.Lat is not { } lat || target.Lon is not { } lon)
        {
            return (int?)null;
        }

        var metres = (int)Math.Round(Matching.GreatCircle.Metres(new(latitude.Value, longitude.Value), new(lat, lon)));
        return metres > settings.Value.CheckInToleranceMetres
            ? Error.Validation("order.checkin_too_far", $"签到位置距{(order.DeliveredAtHome ? "服务对象住址" : "服务网点")} {metres} 米，超出允许的 {settings.Value.CheckInToleranceMetres} 米，请到达后再签到。")
            : metres;
    }

    /// <summary>Takes one unit of every capacity the provider declared for the item, in the periods holding <paramref name="day"/>; null when any is full.</summary>
    private async Task<string?> HoldAsync(Guid providerId, string item, IReadOnlyList<CapacityView> capacities, DateOnly day, CancellationToken ct)
    {
        var held = new List<(int Period, DateOnly Start)>();
        foreach (var capacity in capacities)
        {
            var period = (int)capacity.Period;
            var start = PeriodStart(capacity.Period, day);
            await data.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO provider_capacity_use (\"ProviderId\", \"ItemCode\", \"Period\", \"PeriodStart\", \"Used\") VALUES ({providerId}, {item}, {period}, {start}, 0) ON CONFLICT DO NOTHING", ct);
            var quantity = capacity.Quantity;
            var taken = await data.CapacityUses
                .Where(u => u.ProviderId == providerId && u.ItemCode == item && u.Period == period && u.PeriodStart == start && u.Used < quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.Used, u => u.Used + 1), ct);
            if (taken == 0)
            {
                foreach (var (p, s) in held)
                {
                    await ReleaseOneAsync(providerId, item, p, s, ct);
                }

                return null;
            }

            held.Add((period, start));
        }

        return string.Join(';', held.Select(h => $"{h.Period}:{h.Start:yyyy-MM-dd}"));
    }

    private async Task ReleaseAsync(ServiceOrder order, CancellationToken ct)
    {
        foreach (var entry in order.HeldCapacity.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(':');
            await ReleaseOneAsync(order.ProviderId, order.ItemCode, int.Parse(parts[0], CultureInfo.InvariantCulture),
                DateOnly.ParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), ct);
        }

        order.Hold(string.Empty);
    }

    private Task<int> ReleaseOneAsync(Guid providerId, string item, int period, DateOnly start, CancellationToken ct) =>
        data.CapacityUses.Where(u => u.ProviderId == providerId && u.ItemCode == item && u.Period == period && u.PeriodStart == start && u.Used > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Used, u => u.Used - 1), ct);

    /// <summary>A declined need goes back to matching: the assignment ends and the provider's other open orders for it are cancelled.</summary>
    private async Task ReturnNeedAsync(ServiceOrder declined, string why, DateTimeOffset now, CancellationToken ct)
    {
        if (declined.NeedId is not { } needId)
        {
            return;
        }

        foreach (var assignment in await data.NeedAssignments.Where(a => a.NeedId == needId && a.ProviderId == declined.ProviderId && a.EndedAt == null).ToListAsync(ct))
        {
            assignment.End(now, why);
        }

        var others = await data.ServiceOrders
            .Where(o => o.NeedId == needId && o.ProviderId == declined.ProviderId && o.Id != declined.Id && (o.Status == OrderStatus.Dispatched || o.Status == OrderStatus.Accepted))
            .ToListAsync(ct);
        foreach (var other in others)
        {
            var was = other.Status;
            await ReleaseAsync(other, ct);
            other.Move(OrderStatus.Cancelled, actor.Name, now, why);
            data.OrderEvents.Add(new OrderEvent(other, OrderAction.Cancel, was, actor.Name, now, why));
        }

        if (await plans.PlanNeeds.IgnoreQueryFilters().FirstOrDefaultAsync(n => n.Id == needId, ct) is { } need)
        {
            need.ReturnToMatching();
        }
    }

    /// <summary>
    /// Counts a try before comparing — one conditional update, so parallel guesses cannot share a count — and refuses
    /// once five tries failed; a right code resets nothing (it is used once). Wrong codes are audited. Null when right.
    /// </summary>
    private async Task<Error?> TryCodeAsync(ServiceOrder order, string protectedCode, string? code, CancellationToken ct)
    {
        var id = order.Id;
        var counted = await data.ServiceOrders.Where(o => o.Id == id && o.CodeFailures < ServiceOrder.MaxCodeFailures)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.CodeFailures, o => o.CodeFailures + 1), ct);
        if (counted == 0)
        {
            return Error.Conflict("order.code_locked", "确认码错误次数过多，已停用，请由村（社区）救助协理员核验。");
        }

        if (CodeMatches(protectedCode, code))
        {
            // The right code does not count as a failure.
            await data.ServiceOrders.Where(o => o.Id == id && o.CodeFailures > 0)
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.CodeFailures, o => o.CodeFailures - 1), ct);
            return null;
        }

        // Recorded with the caller's next save.
        audit.Record(new AuditEvent("order.code-wrong", "service-order", order.Id.ToString(), order.RegionCode, AuditOutcome.Failed,
            $"订单 {order.Number} 输入的确认码或评价码不正确"));
        return Error.Validation("order.bad_code", "确认码不正确。");
    }

    private bool CodeMatches(string protectedCode, string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return false;
        }

        var expected = System.Text.Encoding.ASCII.GetBytes(protector.Unprotect(protectedCode));
        var given = System.Text.Encoding.ASCII.GetBytes(code.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private async Task<OrderView> ViewAsync(Guid id, CancellationToken ct)
    {
        var order = await data.ServiceOrders.AsNoTracking().SingleAsync(o => o.Id == id, ct);
        var events = await data.OrderEvents.AsNoTracking().Where(e => e.OrderId == id).OrderBy(e => e.At).ToListAsync(ct);
        var where = await WhereAsync([order.HouseholdId], ct);
        var photos = await data.OrderAttachments.AsNoTracking().Where(a => a.OrderId == id).OrderBy(a => a.At)
            .Select(a => new PhotoView(a.Id, a.FileName, a.ContentType, a.Size, a.By, a.At)).ToListAsync(ct);
        return View(order, events) with { Household = where.GetValueOrDefault(order.HouseholdId), Photos = photos };
    }

    /// <summary>
    /// Whom to serve and where: the head's name and the address, which the provider needs to deliver (no identity or phone
    /// numbers). Read past the region filter because provider staff have no jurisdiction; only for orders already visible.
    /// </summary>
    private async Task<Dictionary<Guid, string>> WhereAsync(IEnumerable<Guid> households, CancellationToken ct)
    {
        var ids = households.Distinct().ToList();
        return await registry.Households.IgnoreQueryFilters().AsNoTracking().Where(h => ids.Contains(h.Id))
            .ToDictionaryAsync(h => h.Id, h => $"{h.HeadName}，{h.Address}", ct);
    }

    private OrderView View(ServiceOrder o, IReadOnlyList<OrderEvent> events) => new(
        o.Id, o.Number, o.NeedId, o.PlanId, o.CaseId, o.HouseholdId, o.RegionCode, o.ItemCode, o.ItemName, o.Priority, o.DeliveredAtHome, o.ProviderId,
        o.ProviderName, o.ServicePointId, o.WindowStart, o.WindowEnd, o.Status, OrderWorkflow.StatusName(o.Status), o.DispatchedAt, o.StartedAt,
        o.CheckInDistanceMetres is >= 0 ? o.CheckInDistanceMetres : null, o.CompletedAt, o.DurationMinutes, o.Notes, o.VerifiedBy, o.VerifiedAt,
        o.VerifiedByCode, o.Rating, o.RatingComment, o.Reason, o.Version,
        SeesCodes(o) ? protector.Unprotect(o.ConfirmationCode) : null,
        [.. events.Select(e => new OrderEventView(e.Action, e.From, e.To, e.Action is { } a ? OrderWorkflow.ActionName(a) : e.From is null ? "派单" : "上传服务照片", e.By, e.At, e.Note))],
        RatingCode: SeesCodes(o) ? protector.Unprotect(o.RatingCode) : null);

    /// <summary>The codes go on the household's service slip: only the civil-affairs staff who hand it over see them, never the provider.</summary>
    private bool SeesCodes(ServiceOrder o) =>
        new[] { Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer }.Any(actor.IsInRole) && !OrderAccess.ForProvider(actor, o);

    internal static DateOnly PeriodStart(CapacityPeriod period, DateOnly day) => period switch
    {
        CapacityPeriod.Day => day,
        CapacityPeriod.Week => RecurringSchedule.WeekStart(day),
        _ => new DateOnly(day.Year, day.Month, 1),
    };

    private static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
}
