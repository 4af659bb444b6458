using System.Globalization;
using Jiuzhu.Assessment.Data;
using Jiuzhu.Assessment.Domain;
using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Assessment.Mpi;
using Jiuzhu.Assessment.Policy;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Registry.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Assessment;

/// <summary>An exact figure ("9/28") with its decimal value rounded to six places, for display and charts.</summary>
public sealed record ExactValue(string Fraction, decimal Value)
{
    public static ExactValue Of(Fraction f) =>
        new(f.ToString(), Math.Round((decimal)f.ToDouble(), 6, MidpointRounding.AwayFromZero));
}

/// <summary>Households by tier (every household counted, incomplete ones included).</summary>
public sealed record TierCounts(int Red, int Yellow, int Green);

/// <summary>Households by phase (every household counted, incomplete ones included).</summary>
public sealed record PhaseCounts(int Assistance, int Development, int SelfReliance);

/// <summary>
/// Alkire–Foster figures of a population: N and Q are the complete units (people when weighted, households
/// otherwise), H = Q/N, A the mean censored score of the poor, M0 = H·A. <see cref="Households"/> counts every
/// household with a standing under the instrument version, <see cref="IncompleteHouseholds"/> those left out of
/// identification; tier and phase counts are households.
/// </summary>
public sealed record PopulationFigures(
    ExactValue N,
    ExactValue Q,
    ExactValue H,
    ExactValue A,
    ExactValue M0,
    int Households,
    int IncompleteHouseholds,
    ExactValue IncompletePopulation,
    TierCounts Tiers,
    PhaseCounts Phases);

/// <summary>
/// One subgroup of a decomposition: a region one level below the selected one, or urban/rural. <see cref="Share"/>
/// is its share of the total M0, (n_l/n)·M0_l/M0. <see cref="Kind"/>: the region level in lower case
/// ("city", "county", "township", "village"), or "urban", "rural", "other".
/// </summary>
public sealed record PopulationGroup(string Code, string Name, string Kind, PopulationFigures Figures, ExactValue Share);

/// <summary>One indicator: its uncensored and censored headcount ratios and its contribution to M0 (0–1, and in per cent).</summary>
public sealed record PopulationIndicator(
    string Code,
    string Name,
    string DimensionCode,
    string Dimension,
    string Weight,
    ExactValue Uncensored,
    ExactValue Censored,
    ExactValue Contribution,
    decimal ContributionPercent,
    int MissingHouseholds);

/// <summary>A region on the way from the user's jurisdiction down to the selected region.</summary>
public sealed record RegionCrumb(string Code, string Name, RegionLevel Level);

/// <summary>
/// The population view of a region: the Alkire–Foster figures of the current standings in its subtree under the
/// version in force of the default instrument, decomposed by the next region level (<see cref="ByRegion"/>, empty
/// for a village) and by urban/rural (<see cref="ByArea"/>). <see cref="OtherVersionHouseholds"/> have standings under
/// an earlier instrument version and are left out until they are reassessed.
/// </summary>
public sealed record PopulationView(
    string RegionCode,
    string RegionName,
    RegionLevel Level,
    IReadOnlyList<RegionCrumb> Path,
    bool Weighted,
    Guid InstrumentId,
    string InstrumentName,
    int InstrumentVersion,
    string K,
    PopulationFigures Total,
    IReadOnlyList<PopulationIndicator> Indicators,
    RegionLevel? SubgroupLevel,
    IReadOnlyList<PopulationGroup> ByRegion,
    IReadOnlyList<PopulationGroup> ByArea,
    int OtherVersionHouseholds);

/// <summary>A household in the drill-down list, with its standing.</summary>
public sealed record PopulationHousehold(
    Guid HouseholdId, string HeadName, string RegionCode, Tier Tier, Phase Phase, string? Score, double? ScoreValue, bool Poor, bool Incomplete,
    bool CurrentInstrument);

/// <summary>
/// Population analysis (人群分析) of the current standings: headcount ratio H, intensity A and adjusted headcount
/// ratio M0 with indicator contributions, decomposed by region and by urban/rural, with tier and phase counts, and the
/// households behind them. Everything is read in the user's jurisdiction (the query filter) and inside the selected
/// region. Profiles are decrypted in one pass; reading an aggregate leaves one audit entry.
/// </summary>
/// <remarks>
/// Only standings under the version in force of the default instrument are aggregated: figures under different
/// indicator sets or weights cannot be added up, and the version in force is the one every new assessment uses.
/// Standings under earlier versions are counted in <see cref="PopulationView.OtherVersionHouseholds"/>.
/// </remarks>
public sealed class PopulationQueries(
    IAssessmentData data,
    IRegistryData registry,
    InstrumentCatalog instruments,
    StandingService standings,
    IFieldProtector protector,
    IRegionLookup regions,
    ICurrentActor actor,
    IAuditTrail audit)
{
    /// <summary>Who may read population figures: township, county and regional staff (not village workers, auditors or liaisons).</summary>
    public static readonly string[] Readers = [Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover, Roles.RegionalAdmin];

    public const string UrbanCode = "urban";

    public const string RuralCode = "rural";

    public const string OtherAreaCode = "other";

    private sealed record Row(Guid HouseholdId, string RegionCode, string ProtectedProfile, Tier Tier, Phase Phase);

    /// <summary>The population view of a region (default: the user's jurisdiction), by household or, weighted, by person.</summary>
    public async Task<Result<PopulationView>> ViewAsync(string? region, bool weighted, CancellationToken ct = default)
    {
        var selected = await ResolveAsync(region, ct);
        if (!selected.IsSuccess)
        {
            return selected.Error!;
        }

        var code = selected.Value;
        var prefix = code.Prefix;
        var instrument = await instruments.CurrentAsync(DefaultInstrument.Code, ct);
        var definition = await instruments.DefinitionAsync(instrument.Id, ct);
        var design = definition.ToDesign();
        var m = design.Indicators.Count;
        // One snapshot for the batch state and the standings, so a batch committing in between cannot make them disagree.
        await using var snapshot = await ReadSnapshot.BeginAsync(data.Database, ct);
        var state = await standings.BatchStateAsync(ct);
        var inRegion = data.Standings.AsNoTracking().Where(s => s.RegionCode.StartsWith(prefix));
        var rows = await inRegion.Where(StandingGeneration.EvaluatedUnder(instrument.Id, state))
            .Select(s => new Row(s.HouseholdId, s.RegionCode, s.ProtectedProfile, s.Tier, s.Phase))
            .ToListAsync(ct);
        var others = await inRegion.CountAsync(ct) - rows.Count;
        await snapshot.CommitAsync(ct);

        // The deprivation matrix, decrypted row by row: bit j of the masks is indicator j in column order.
        var matrix = new DeprivationMatrix(rows.Count, m);
        for (var i = 0; i < rows.Count; i++)
        {
            var (deprived, missing) = ParseProfile(protector.Unprotect(rows[i].ProtectedProfile));
            var cells = matrix.Row(i);
            for (var j = 0; j < m; j++)
            {
                cells[j] = (missing >> j & 1) != 0 ? (byte)Deprivation.Missing : (byte)(deprived >> j & 1);
            }
        }

        UnitWeights? weights = null;
        if (weighted)
        {
            var sizes = await registry.Households.AsNoTracking().Where(h => h.RegionCode.StartsWith(prefix))
                .Select(h => new { h.Id, h.MemberCount })
                .ToDictionaryAsync(h => h.Id, h => (long)h.MemberCount, ct);
            var scaled = new long[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                scaled[i] = sizes.GetValueOrDefault(rows[i].HouseholdId);
            }

            var built = UnitWeights.FromIntegers(scaled);
            if (!built.IsSuccess)
            {
                return built.Error!;
            }

            weights = built.Value;
        }

        // Subgroup labels: the region one level below the selected one (memoized per village code), and urban/rural.
        var childLevel = code.Level == RegionLevel.Village ? (RegionLevel?)null : code.Level + 1;
        var childOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var childLabels = new string[rows.Count];
        var areaLabels = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var regionCode = rows[i].RegionCode;
            if (!childOf.TryGetValue(regionCode, out var child))
            {
                child = ChildOf(code, regionCode);
                childOf.Add(regionCode, child);
            }

            childLabels[i] = child;
            areaLabels[i] = AreaOf(regionCode);
        }

        var byChild = AlkireFoster.Compute(design, matrix, definition.Cutoffs, weights, Subgroups.FromLabels(childLabels));
        if (!byChild.IsSuccess)
        {
            return byChild.Error!;
        }

        var byArea = AlkireFoster.Compute(design, matrix, definition.Cutoffs, weights, Subgroups.FromLabels(areaLabels));
        if (!byArea.IsSuccess)
        {
            return byArea.Error!;
        }

        var total = byChild.Value;
        var tiers = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var phases = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var incompletePopulation = new Dictionary<string, long>(StringComparer.Ordinal);
        var allTiers = new int[4];
        var allPhases = new int[4];
        for (var i = 0; i < rows.Count; i++)
        {
            if (total.IsIncomplete(i))
            {
                var size = weights is null ? 1 : weights.Scaled[i];
                incompletePopulation[childLabels[i]] = incompletePopulation.GetValueOrDefault(childLabels[i]) + size;
                incompletePopulation[areaLabels[i]] = incompletePopulation.GetValueOrDefault(areaLabels[i]) + size;
            }

            var t = (int)rows[i].Tier;
            var p = (int)rows[i].Phase;
            allTiers[t]++;
            allPhases[p]++;
            Counter(tiers, childLabels[i])[t]++;
            Counter(tiers, areaLabels[i])[t]++;
            Counter(phases, childLabels[i])[p]++;
            Counter(phases, areaLabels[i])[p]++;
        }

        var crumbs = Lineage(code);
        var names = await regions.NamesAsync([.. crumbs.Select(c => c.Value), .. childOf.Values.Distinct()], ct);
        string NameOf(string c) => names.TryGetValue(c, out var n) ? n : c;

        var indicatorDefinitions = definition.Indicators.ToList();
        var dimensionOf = definition.Dimensions.SelectMany(d => d.Indicators.Select(_ => d)).ToList();
        var indicators = total.Indicators.Select((r, j) => new PopulationIndicator(
            indicatorDefinitions[j].Code,
            indicatorDefinitions[j].Name,
            dimensionOf[j].Code,
            dimensionOf[j].Name,
            design.Indicators[j].Weight.ToString(),
            ExactValue.Of(r.Uncensored),
            ExactValue.Of(r.Censored),
            ExactValue.Of(r.Contribution),
            Math.Round((decimal)r.Contribution.ToDouble() * 100m, 2, MidpointRounding.AwayFromZero),
            r.MissingUnits)).ToList();

        var byRegion = childLevel is null
            ? []
            : total.Subgroups
                .Select(g => new PopulationGroup(g.Label, g.Label == code.Value ? NameOf(g.Label) + "（本级）" : NameOf(g.Label),
                    LevelKind(RegionCode.TryParse(g.Label, out var rc) ? rc.Level : childLevel.Value), Figures(g, tiers, phases, incompletePopulation), ExactValue.Of(g.Share)))
                .OrderBy(g => g.Code, StringComparer.Ordinal)
                .ToList();
        var areas = byArea.Value.Subgroups
            .Select(g => new PopulationGroup(g.Label, AreaName(g.Label), g.Label, Figures(g, tiers, phases, incompletePopulation), ExactValue.Of(g.Share)))
            .OrderBy(g => AreaOrder(g.Code))
            .ToList();

        var figures = new PopulationFigures(
            ExactValue.Of(total.N), ExactValue.Of(total.Q), ExactValue.Of(total.H), ExactValue.Of(total.A), ExactValue.Of(total.M0),
            rows.Count, total.IncompleteUnits, ExactValue.Of(total.IncompletePopulation), Tiers(allTiers), Phases(allPhases));

        await audit.WriteNowAsync(new AuditEvent("population.view", "region", code.Value, code.Value, AuditOutcome.Success,
            string.Create(CultureInfo.InvariantCulture,
                $"查看人群分析：{NameOf(code.Value)}，{rows.Count} 户，{(weighted ? "按人口加权" : "按户")}，评估工具 {instrument.Code} 第 {instrument.Version} 版")), ct);

        return new PopulationView(
            code.Value, NameOf(code.Value), code.Level, [.. crumbs.Select(c => new RegionCrumb(c.Value, NameOf(c.Value), c.Level))], weighted,
            instrument.Id, instrument.Name, instrument.Version, definition.K, figures, indicators, childLevel, byRegion, areas, others);
    }

    /// <summary>
    /// The households with a current standing in a region (typically a village), red first and by score; a page of
    /// them. Scores, tiers and phases are stored in the clear; no profile is decrypted.
    /// </summary>
    public async Task<Result<Page<PopulationHousehold>>> HouseholdsAsync(string? region, PageRequest page, CancellationToken ct = default)
    {
        var selected = await ResolveAsync(region, ct);
        if (!selected.IsSuccess)
        {
            return selected.Error!;
        }

        var prefix = selected.Value.Prefix;
        var instrument = await instruments.CurrentAsync(DefaultInstrument.Code, ct);
        await using var snapshot = await ReadSnapshot.BeginAsync(data.Database, ct);
        var state = await standings.BatchStateAsync(ct);
        var query = data.Standings.AsNoTracking().Where(s => s.RegionCode.StartsWith(prefix));
        var count = await query.CountAsync(ct);
        var items = await query
            .OrderByDescending(s => s.Tier).ThenByDescending(s => s.Poor).ThenByDescending(s => s.ScoreValue).ThenBy(s => s.HouseholdId)
            .Skip(page.Skip).Take(page.SafeSize)
            .Select(s => new { s.HouseholdId, s.RegionCode, s.Tier, s.Phase, s.Score, s.ScoreValue, s.Poor, s.Incomplete, s.InstrumentId, s.ComputedAt })
            .ToListAsync(ct);
        await snapshot.CommitAsync(ct);
        var ids = items.Select(s => s.HouseholdId).ToList();
        var heads = await registry.Households.AsNoTracking().Where(h => ids.Contains(h.Id))
            .Select(h => new { h.Id, h.HeadName })
            .ToDictionaryAsync(h => h.Id, h => h.HeadName, ct);
        return new Page<PopulationHousehold>(
            [.. items.Select(s => new PopulationHousehold(s.HouseholdId, heads.GetValueOrDefault(s.HouseholdId, "—"), s.RegionCode, s.Tier, s.Phase, s.Score,
                s.ScoreValue, s.Poor, s.Incomplete, state.InstrumentOf(s.InstrumentId, s.ComputedAt) == instrument.Id))],
            count, page.SafePage, page.SafeSize);
    }

    /// <summary>The region asked for, checked: a valid code, inside the jurisdiction, a known division, and a reader's role.</summary>
    private async Task<Result<RegionCode>> ResolveAsync(string? region, CancellationToken ct)
    {
        if (!Readers.Any(actor.IsInRole))
        {
            return Error.Forbidden("population.forbidden", "您的角色不能查看人群分析。");
        }

        RegionCode code;
        if (string.IsNullOrWhiteSpace(region))
        {
            if (actor.Jurisdiction is not { } jurisdiction)
            {
                return Error.Forbidden("population.no_jurisdiction", "您的账号没有管辖区域。");
            }

            code = jurisdiction;
        }
        else if (!RegionCode.TryParse(region, out code))
        {
            return Error.Validation("population.bad_region", "区划代码须为 2、4、6、9 或 12 位数字。");
        }

        if (!actor.Scope.Permits(code))
        {
            return Error.Forbidden("population.outside_jurisdiction", "该区域不在您的管辖范围内。");
        }

        if (!await regions.ExistsAsync(code, ct))
        {
            return Error.NotFound("population.region_not_found", "区划不存在。");
        }

        return code;
    }

    /// <summary>From the jurisdiction (or the top) down to the region, inclusive.</summary>
    private List<RegionCode> Lineage(RegionCode code)
    {
        var path = new List<RegionCode>();
        for (RegionCode? c = code; c is { } at; c = at.Parent)
        {
            path.Add(at);
            if (actor.Jurisdiction is { } j && at.Value == j.Value)
            {
                break;
            }
        }

        path.Reverse();
        return path;
    }

    /// <summary>The region one level below <paramref name="selected"/> that contains <paramref name="regionCode"/>; the selected region itself for a record kept at its own level.</summary>
    internal static string ChildOf(RegionCode selected, string regionCode)
    {
        if (!RegionCode.TryParse(regionCode, out var at) || at.Value == selected.Value)
        {
            return selected.Value;
        }

        while (at.Parent is { } parent && parent.Value != selected.Value)
        {
            at = parent;
        }

        return at.Parent is null ? selected.Value : at.Value;
    }

    /// <summary>Urban (社区居委会, village part 001–199), rural (村委会, 200–399) or other, from a village code.</summary>
    internal static string AreaOf(string regionCode)
    {
        if (regionCode.Length != 12 || !int.TryParse(regionCode.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var village) || village == 0)
        {
            return OtherAreaCode;
        }

        return village switch
        {
            <= 199 => UrbanCode,
            <= 399 => RuralCode,
            _ => OtherAreaCode,
        };
    }

    public static string AreaName(string area) => area switch
    {
        UrbanCode => "城镇（社区居委会）",
        RuralCode => "农村（村委会）",
        _ => "其他",
    };

    private static int AreaOrder(string area) => area switch
    {
        UrbanCode => 0,
        RuralCode => 1,
        _ => 2,
    };

    private static string LevelKind(RegionLevel level) => level.ToString().ToLowerInvariant();

    internal static (long Deprived, long Missing) ParseProfile(string profile)
    {
        var span = profile.AsSpan();
        var colon = span.IndexOf(':');
        return (long.Parse(span[..colon], NumberStyles.None, CultureInfo.InvariantCulture),
            long.Parse(span[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture));
    }

    private static int[] Counter(Dictionary<string, int[]> counters, string label)
    {
        if (!counters.TryGetValue(label, out var counts))
        {
            counts = new int[4];
            counters.Add(label, counts);
        }

        return counts;
    }

    private static TierCounts Tiers(int[] c) => new(c[(int)Tier.Red], c[(int)Tier.Yellow], c[(int)Tier.Green]);

    private static PhaseCounts Phases(int[] c) => new(c[(int)Phase.Assistance], c[(int)Phase.Development], c[(int)Phase.SelfReliance]);

    private static PopulationFigures Figures(
        MpiSubgroupResult g, Dictionary<string, int[]> tiers, Dictionary<string, int[]> phases, Dictionary<string, long> incompletePopulation) => new(
        ExactValue.Of(g.N), ExactValue.Of(g.Q), ExactValue.Of(g.H), ExactValue.Of(g.A), ExactValue.Of(g.M0),
        g.Units, g.IncompleteUnits, ExactValue.Of(incompletePopulation.GetValueOrDefault(g.Label)), Tiers(tiers[g.Label]), Phases(phases[g.Label]));
}
