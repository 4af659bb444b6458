using Jiuzhu.Catalog.Adjustment;
using Jiuzhu.Catalog.Domain;
using Jiuzhu.Catalog.Plans;
using Jiuzhu.Kernel;
using Jiuzhu.Matching;
using Jiuzhu.Orders.Data;
using Jiuzhu.Orders.Domain;
using Jiuzhu.Providers;
using Jiuzhu.Providers.Domain;
using Jiuzhu.Registry.Data;
using Jiuzhu.Registry.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiuzhu.Orders.Dispatching;

/// <summary>How far a household reaches a provider, per delivery mode (issue 6 defaults).</summary>
public sealed class MatchingOptions
{
    public const string Section = "Matching";

    public double WalkMinutes { get; set; } = 15;

    public double WalkMetresPerSecond { get; set; } = 1.0;

    public double ElderlyWalkMetresPerSecond { get; set; } = 0.8;

    public double DetourFactor { get; set; } = 1.3;

    /// <summary>Items delivered at home: the provider travels from its nearest service point (e.g. 30 minutes by e-bike).</summary>
    public double HomeMinutes { get; set; } = 30;

    public double HomeMetresPerSecond { get; set; } = 4.0;

    /// <summary>Items the resident goes to (canteen meals, activities, training); everything else is delivered at home.</summary>
    public List<string> OnSiteItems { get; set; } = ["LIFE-01"];

    public List<string> OnSiteCategories { get; set; } = ["SOCIAL", "SKILL"];
}

/// <summary>A need the run assigned, and to which provider and point, how far.</summary>
public sealed record ProposedAssignment(
    Guid NeedId, Guid HouseholdId, string RegionCode, string ItemCode, string ItemName, int Priority, Guid ProviderId, string ProviderName, Guid PointId,
    string PointName, int Metres, int Minutes, bool OnSite);

/// <summary>A need the run could not serve, and why (in Chinese, for the coverage-gap list).</summary>
public sealed record UnservedNeed(Guid NeedId, Guid HouseholdId, string RegionCode, string ItemCode, string ItemName, int Priority, string Reason, string Why);

/// <summary>A county-wide (or township) matching run, previewed before anyone confirms it.</summary>
public sealed record MatchingPreview(
    string Region, int Needs, int Assigned, long TotalMetres, IReadOnlyDictionary<int, PriorityCount> ByPriority, IReadOnlyList<ProposedAssignment> Assignments,
    IReadOnlyList<UnservedNeed> Unserved);

/// <summary>One of the best providers for a need, with its reason.</summary>
public sealed record ProviderOption(Guid ProviderId, string ProviderName, Guid PointId, string PointName, int Metres, int Minutes, bool InReach, int FreeSlots, string Reason);

/// <summary>A need of a plan and where it stands: awaiting matching, or served by a provider.</summary>
public sealed record PlanNeedState(Guid NeedId, string ItemCode, string ItemName, int Priority, PlanNeedStatus Status, string? ProviderName, bool OnSite);

/// <summary>The outcome of confirming a run: per need, its orders or why it could not be dispatched.</summary>
public sealed record ConfirmOutcome(Guid NeedId, bool Dispatched, int Orders, string? Error);

public sealed record ConfirmRequest(IReadOnlyList<ConfirmItem> Assignments);

public sealed record ConfirmItem(Guid NeedId, Guid ProviderId, Guid? PointId);

/// <summary>
/// Matches approved needs awaiting matching to providers: who offers the item with valid qualifications in the household's
/// region, which service point is within reach (walking for items the resident goes to, the provider's travel for items
/// delivered at home), and how many households its remaining capacity still takes — then the optimal assignment
/// (<see cref="Matcher"/>: most red needs, then yellow, then green, then least distance). A person confirms the preview;
/// confirming dispatches orders through <see cref="OrderService"/>.
/// </summary>
public sealed class MatchingService(
    IPlanData plans, IRegistryData registry, IProviderSupply supply, IOrdersData orders, OrderService dispatcher, ICurrentActor actor,
    IOptions<MatchingOptions> settings, TimeProvider clock)
{
    private MatchingOptions Options => settings.Value;

    public async Task<Result<MatchingPreview>> PreviewAsync(string? region, CancellationToken ct = default)
    {
        if (!OrderWorkflow.Dispatchers.Any(actor.IsInRole))
        {
            return Error.Forbidden("matching.forbidden", "只有乡镇社工或县民政业务员可以进行资源匹配。");
        }

        var prefix = actor.Jurisdiction?.Prefix ?? string.Empty;
        if (!string.IsNullOrWhiteSpace(region))
        {
            if (!RegionCode.TryParse(region, out var code))
            {
                return Error.Validation("matching.bad_region", $"“{region}”不是区划代码。");
            }

            if (!actor.Scope.Permits(code))
            {
                return Error.Forbidden("matching.outside_jurisdiction", "该地区不在您的管辖范围内。");
            }

            prefix = code.Prefix;
        }

        var needs = await plans.PlanNeeds.AsNoTracking()
            .Where(n => n.Status == PlanNeedStatus.AwaitingMatch && n.RegionCode.StartsWith(prefix) && n.OwnerDepartment == "civil-affairs")
            .OrderBy(n => n.Priority).ThenBy(n => n.CreatedAt).ToListAsync(ct);
        var households = await HouseholdsAsync(needs.Select(n => n.HouseholdId), ct);
        var candidates = new List<Candidate>[needs.Count];
        var resources = new List<(SupplyProvider Provider, string Item)>();
        var resourceIndex = new Dictionary<(Guid, string), int>();
        var unreachableWhy = new string?[needs.Count];
        for (var i = 0; i < needs.Count; i++)
        {
            (candidates[i], unreachableWhy[i]) = await CandidatesAsync(needs[i], households.GetValueOrDefault(needs[i].HouseholdId), ct);
            foreach (var c in candidates[i].Where(c => c.InReach))
            {
                if (!resourceIndex.ContainsKey((c.Provider.Id, needs[i].ItemCode)))
                {
                    resourceIndex[(c.Provider.Id, needs[i].ItemCode)] = resources.Count;
                    resources.Add((c.Provider, needs[i].ItemCode));
                }
            }
        }

        var capacities = new int[resources.Count];
        for (var r = 0; r < resources.Count; r++)
        {
            var (provider, item) = resources[r];
            var loads = needs.Where(n => n.ItemCode == item).Select(n => n.Frequency).ToList();
            capacities[r] = await FreeSlotsAsync(provider, item, loads, ct);
        }

        var edges = new List<FeasibleEdge>();
        for (var i = 0; i < needs.Count; i++)
        {
            foreach (var c in candidates[i].Where(c => c.InReach))
            {
                edges.Add(FeasibleEdge.FromMetres(i, resourceIndex[(c.Provider.Id, needs[i].ItemCode)], c.Metres));
            }
        }

        var problem = new MatchingProblem([.. needs.Select(n => n.Priority)], capacities, edges);
        var result = Matcher.Solve(problem);
        var assignments = new List<ProposedAssignment>();
        var unserved = new List<UnservedNeed>();
        for (var i = 0; i < needs.Count; i++)
        {
            var n = needs[i];
            var r = result.ResourceOf(i);
            if (r >= 0)
            {
                var chosen = candidates[i].Where(c => c.InReach && c.Provider.Id == resources[r].Provider.Id).MinBy(c => c.Metres)!;
                assignments.Add(new ProposedAssignment(n.Id, n.HouseholdId, n.RegionCode, n.ItemCode, n.Name, n.Priority, chosen.Provider.Id, chosen.Provider.Name,
                    chosen.Point.Id, chosen.Point.Name, (int)Math.Round(chosen.Metres), chosen.Minutes, chosen.OnSite));
                continue;
            }

            var (reason, why) = result.ReasonOf(i) == UnassignedReason.CapacityFull
                ? ("capacity_full", "附近机构的服务能力已被同等或更紧急的需求占满")
                : unreachableWhy[i] is { } w ? (w.StartsWith("附近机构资质", StringComparison.Ordinal) ? "qualification_expired" : w.StartsWith("住户", StringComparison.Ordinal) ? "no_location" : "no_provider_nearby", w)
                : ("no_provider_nearby", "附近没有提供该项目的服务机构");
            unserved.Add(new UnservedNeed(n.Id, n.HouseholdId, n.RegionCode, n.ItemCode, n.Name, n.Priority, reason, why));
        }

        var byPriority = Enumerable.Range(1, 3).ToDictionary(p => p, p => result.ByPriority(p));
        return new MatchingPreview(prefix, needs.Count, result.Assigned, result.TotalMillimetres / 1000, byPriority, assignments, unserved);
    }

    /// <summary>The three best providers for one need, reachable ones with free capacity first, nearest first, each with its reason.</summary>
    public async Task<Result<IReadOnlyList<ProviderOption>>> OptionsAsync(Guid needId, CancellationToken ct = default)
    {
        if (!OrderWorkflow.Dispatchers.Any(actor.IsInRole))
        {
            return Error.Forbidden("matching.forbidden", "只有乡镇社工或县民政业务员可以进行资源匹配。");
        }

        var need = await plans.PlanNeeds.AsNoTracking().FirstOrDefaultAsync(n => n.Id == needId, ct);
        if (need is null)
        {
            return Error.NotFound("matching.need_not_found", "需求不存在，或不在您的管辖范围内。");
        }

        var households = await HouseholdsAsync([need.HouseholdId], ct);
        var (candidates, why) = await CandidatesAsync(need, households.GetValueOrDefault(need.HouseholdId), ct);
        var options = new List<ProviderOption>();
        var declines = await dispatcher.DeclineStatsAsync([.. candidates.Select(c => c.Provider.Id).Distinct()], ct);
        foreach (var c in candidates.GroupBy(c => c.Provider.Id).Select(g => g.MinBy(c => c.Metres)!))
        {
            var free = await FreeSlotsAsync(c.Provider, need.ItemCode, [need.Frequency], ct);
            var how = c.OnSite ? "步行" : "上门";
            var reason = !c.InReach ? $"{how}约 {c.Minutes} 分钟（{Math.Round(c.Metres)} 米），超出服务圈"
                : free == 0 ? $"{how}约 {c.Minutes} 分钟（{Math.Round(c.Metres)} 米），但本期产能已满"
                : $"{how}约 {c.Minutes} 分钟（{Math.Round(c.Metres)} 米），资质有效，本期还可接 {free} 户";
            if (declines.GetValueOrDefault(c.Provider.Id) is { Flagged: true } d)
            {
                reason += $"；注意：近 {DeclineFlag.WindowDays} 天拒单 {d.Declined}/{d.Answered} 次";
            }

            options.Add(new ProviderOption(c.Provider.Id, c.Provider.Name, c.Point.Id, c.Point.Name, (int)Math.Round(c.Metres), c.Minutes, c.InReach, free, reason));
        }

        if (options.Count == 0 && why is not null)
        {
            return Error.NotFound("matching.no_options", why);
        }

        return options.OrderByDescending(o => o.InReach && o.FreeSlots > 0).ThenBy(o => o.Metres).Take(3).ToList();
    }

    /// <summary>The needs an approved plan produced, with the provider serving each (if any).</summary>
    public async Task<IReadOnlyList<PlanNeedState>> NeedsOfPlanAsync(Guid planId, CancellationToken ct = default)
    {
        var needs = await plans.PlanNeeds.AsNoTracking().Where(n => n.PlanId == planId).OrderBy(n => n.ItemCode).ToListAsync(ct);
        var ids = needs.Select(n => n.Id).ToList();
        var serving = await orders.NeedAssignments.AsNoTracking().Where(a => ids.Contains(a.NeedId) && a.EndedAt == null)
            .ToDictionaryAsync(a => a.NeedId, a => a.ProviderName, ct);
        return [.. needs.Select(n => new PlanNeedState(n.Id, n.ItemCode, n.Name, n.Priority, n.Status, serving.GetValueOrDefault(n.Id), IsOnSite(n.ItemCode)))];
    }

    /// <summary>Dispatches the confirmed assignments, each need on its own: one that fails (taken meanwhile, capacity gone) does not stop the rest.</summary>
    public async Task<Result<IReadOnlyList<ConfirmOutcome>>> ConfirmAsync(ConfirmRequest request, CancellationToken ct = default)
    {
        if (!OrderWorkflow.Dispatchers.Any(actor.IsInRole))
        {
            return Error.Forbidden("matching.forbidden", "只有乡镇社工或县民政业务员可以确认匹配结果。");
        }

        if (request.Assignments is not { Count: > 0 and <= 2000 })
        {
            return Error.Validation("matching.bad_confirm", "请确认 1 到 2000 条匹配结果。");
        }

        var outcomes = new List<ConfirmOutcome>();
        foreach (var a in request.Assignments)
        {
            var done = await dispatcher.DispatchAsync(new DispatchRequest(a.NeedId, a.ProviderId, a.PointId), ct);
            outcomes.Add(done.IsSuccess ? new ConfirmOutcome(a.NeedId, true, done.Value.Orders.Count, null) : new ConfirmOutcome(a.NeedId, false, 0, done.Error!.Message));
        }

        return outcomes;
    }

    private bool IsOnSite(string itemCode) =>
        Options.OnSiteItems.Contains(itemCode) || Options.OnSiteCategories.Any(c => itemCode.StartsWith(c + "-", StringComparison.Ordinal));

    private async Task<Dictionary<Guid, (GeoPoint? Point, NeedFlags Flags)>> HouseholdsAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var all = ids.Distinct().ToList();
        var found = new Dictionary<Guid, (GeoPoint?, NeedFlags)>();
        foreach (var chunk in all.Chunk(2000))
        {
            var rows = await registry.Households.AsNoTracking().Where(h => chunk.Contains(h.Id))
                .Select(h => new { h.Id, h.Latitude, h.Longitude, h.Needs }).ToListAsync(ct);
            foreach (var h in rows)
            {
                found[h.Id] = (h.Latitude is { } lat && h.Longitude is { } lon ? new GeoPoint(lat, lon) : null, h.Needs);
            }
        }

        return found;
    }

    private readonly Dictionary<(string, string), Result<SupplyView>> _supply = [];

    private async Task<(List<Candidate> Candidates, string? Why)> CandidatesAsync(PlanNeed need, (GeoPoint? Point, NeedFlags Flags) household, CancellationToken ct)
    {
        if (!_supply.TryGetValue((need.RegionCode, need.ItemCode), out var offer))
        {
            offer = await supply.SupplyAsync(need.RegionCode, need.ItemCode, ChinaTime.Today(clock), ct);
            _supply[(need.RegionCode, need.ItemCode)] = offer;
        }

        if (!offer.IsSuccess)
        {
            return ([], offer.Error!.Message);
        }

        if (household.Point is not { } home)
        {
            return ([], "住户没有坐标，无法计算服务距离，请在家庭户信息中补充位置");
        }

        var onSite = IsOnSite(need.ItemCode);
        var elderly = (household.Flags & (NeedFlags.ElderlyLivingAlone | NeedFlags.Aged80Plus | NeedFlags.Dependent)) != 0;
        var reach = onSite
            ? new Reach(Options.WalkMinutes, elderly ? Options.ElderlyWalkMetresPerSecond : Options.WalkMetresPerSecond, Options.DetourFactor)
            : new Reach(Options.HomeMinutes, Options.HomeMetresPerSecond, Options.DetourFactor);
        var list = new List<Candidate>();
        foreach (var provider in offer.Value.Providers)
        {
            foreach (var point in provider.Points)
            {
                var metres = reach.TravelMetres(home, new GeoPoint(point.Latitude, point.Longitude));
                var minutes = (int)Math.Ceiling(metres / reach.MetresPerSecond / 60);
                list.Add(new Candidate(provider, point, metres, minutes, metres <= reach.LimitMetres, onSite));
            }
        }

        string? why = null;
        if (list.All(c => !c.InReach))
        {
            why = offer.Value.Excluded.Count > 0 && offer.Value.Excluded.Any(e => e.Reason.StartsWith("qualification", StringComparison.Ordinal))
                ? $"附近机构资质已过期或尚未生效：{string.Join("、", offer.Value.Excluded.Select(e => e.Name))}"
                : list.Count == 0 ? "附近没有提供该项目的服务机构" : $"提供该项目的机构都在{(onSite ? "步行" : "上门")}服务圈（{reach.Minutes:0} 分钟）之外";
        }

        return (list, why);
    }

    /// <summary>How many more households with these frequencies the provider's remaining capacity for the item takes this period.</summary>
    private async Task<int> FreeSlotsAsync(SupplyProvider provider, string item, IReadOnlyCollection<ServiceFrequency> frequencies, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var slots = int.MaxValue;
        var capacities = provider.Capacities.Where(c => c.ItemCode == item).ToList();
        if (capacities.Count == 0)
        {
            return 0;
        }

        foreach (var c in capacities)
        {
            var start = OrderService.PeriodStart(c.Period, today);
            var period = (int)c.Period;
            var used = await orders.CapacityUses.AsNoTracking()
                .Where(u => u.ProviderId == provider.Id && u.ItemCode == item && u.Period == period && u.PeriodStart == start).Select(u => u.Used).FirstOrDefaultAsync(ct);
            var load = frequencies.Count == 0 ? 1 : frequencies.Max(f => Load(f, c.Period));
            slots = Math.Min(slots, Math.Max(0, c.Quantity - used) / load);
        }

        return slots;
    }

    /// <summary>Services one household takes per capacity period at a frequency (at least one).</summary>
    internal static int Load(ServiceFrequency frequency, CapacityPeriod period)
    {
        var days = period switch { CapacityPeriod.Day => 1, CapacityPeriod.Week => 7, _ => 31 };
        return Math.Max(1, (int)Math.Ceiling(AdjustmentReport.PerDay(frequency) * days));
    }

    private sealed record Candidate(SupplyProvider Provider, SupplyPoint Point, double Metres, int Minutes, bool InReach, bool OnSite);
}
