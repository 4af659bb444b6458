using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Jiuzhu.Assessment.Data;
using Jiuzhu.Assessment.Domain;
using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Assessment.Mpi;
using Jiuzhu.Assessment.Policy;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Registry.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Jiuzhu.Assessment.Batch;

/// <summary>What a recomputation did, and how long each part took.</summary>
public sealed record BatchResult(
    int Households,
    int Batch,
    int InstrumentVersion,
    int Poor,
    int Incomplete,
    int TierChanges,
    int PhaseChanges,
    int Rewritten,
    int SkippedFresh,
    IReadOnlyDictionary<string, double> Seconds);

/// <summary>
/// Recomputes every household's standing (score, tier, phase) from its latest submitted assessment under the
/// instrument version and policies in force, after an instrument or policy change. Every household is read and
/// evaluated; the rows whose result changed are rewritten in one transaction, so readers see all old or all new results
/// (ADR 0011). A household assessed while the batch ran keeps the standing its assessment gave it. Every tier or phase
/// change is recorded with its rule and gets its follow-up task, as when an assessment is submitted.
/// </summary>
public sealed class StandingBatch(
    IAssessmentData data,
    InstrumentCatalog instruments,
    PolicyCatalog policies,
    StandingService standings,
    IFieldProtector protector,
    ICurrentActor actor,
    IAuditTrail audit,
    TimeProvider clock)
{
    public static readonly string[] Runners = [Roles.RegionalAdmin];

    /// <summary>A batch that started longer ago than this is taken to have died, and another may start.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    private const int IdsPerStatement = 2_000;

    /// <summary>Above this many assessments without usable stored inputs, their answers are read by one scan rather than by id.</summary>
    private const int ScanAnswersAbove = 20_000;

    private sealed class Unit
    {
        public Guid HouseholdId;
        public string RegionCode = string.Empty;
        public NeedFlags Needs;
        public Guid AssessmentId;
        public byte[] Inputs = [];
        public Guid InputsInstrumentId;
        public Old? Was;
    }

    // The standing as stored: what the change records need, the income streak, the stamp of what it shows, and its inputs.
    private sealed record Old(Guid AssessmentId, Tier Tier, Phase Phase, DateOnly? IncomeOkSince, long Stamp, byte[] Inputs, Guid InputsInstrumentId);

    public async Task<Result<BatchResult>> RunAsync(CancellationToken ct = default)
    {
        if (actor.Kind != ActorKind.System && !(Runners.Any(actor.IsInRole) && actor.Scope.AllowsAll))
        {
            return Error.Forbidden("batch.forbidden", "批量重算影响全部家庭户，只能由平台（命令行）或全平台管理员运行。");
        }

        var seconds = new Dictionary<string, double>();
        var watch = Stopwatch.StartNew();
        var total = Stopwatch.StartNew();
        var state = await standings.BatchStateAsync(ct);
        var started = clock.GetUtcNow();
        var claimed = await data.StandingGenerations
            .Where(g => g.Id == StandingGeneration.SingletonId && (g.BatchStartedAt == null || g.BatchStartedAt < started - StaleAfter))
            .ExecuteUpdateAsync(u => u.SetProperty(g => g.BatchStartedAt, started), ct);
        if (claimed != 1)
        {
            return Error.Conflict("batch.running", "已有批量重算正在进行，请稍后再试。");
        }

        try
        {
            var instrument = await instruments.CurrentAsync(DefaultInstrument.Code, ct);
            var definition = await instruments.DefinitionAsync(instrument.Id, ct);
            var resolver = await policies.ResolverAsync(ct);

            var (units, orphans) = await ReadAsync(seconds, ct);
            seconds["read"] = Lap(watch);

            var target = new CompiledInstrument(definition);
            var sources = new Dictionary<Guid, (CompiledInstrument Instrument, int[] Map)>();
            async Task<(CompiledInstrument Instrument, int[] Map)> SourceAsync(Guid id)
            {
                if (!sources.TryGetValue(id, out var source))
                {
                    var compiled = id == instrument.Id ? target : new CompiledInstrument(await instruments.DefinitionAsync(id, ct));
                    sources[id] = source = (compiled, target.MapFrom(compiled));
                }

                return source;
            }

            var missing = units.Where(u => u.Inputs.Length == 0).ToList();
            if (missing.Count > 0)
            {
                await ReadInputsFromAnswersAsync(missing, SourceAsync, ct);
                seconds["answers"] = Lap(watch);
            }

            foreach (var id in units.Select(u => u.InputsInstrumentId).Distinct().ToList())
            {
                await SourceAsync(id);
            }

            var now = clock.GetUtcNow();
            var computed = Compute(units, definition, target, sources, instrument, resolver, ChinaTime.Today(clock), now);
            seconds["compute"] = Lap(watch);

            var strategy = data.Database.CreateExecutionStrategy();
            var result = await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await data.Database.BeginTransactionAsync(ct);
                // Rows recomputed by an assessment submitted meanwhile (computed after the batch started) are left as they are.
                var written = await StandingBulkWriter.UpsertAsync(data, computed.Rows, started, ct);
                foreach (var chunk in orphans.Chunk(IdsPerStatement))
                {
                    await data.Standings.IgnoreQueryFilters().Where(s => chunk.Contains(s.HouseholdId) && s.ComputedAt < started).ExecuteDeleteAsync(ct);
                }

                var changes = computed.Changes.Where(c => written.Contains(c.HouseholdId)).ToList();
                var tasks = computed.Tasks.Where(t => written.Contains(t.HouseholdId)).ToList();
                // Statements carry a bounded number of ids (SQLite allows 32,766 parameters in all).
                var version = Guid.NewGuid();
                foreach (var chunk in tasks.Select(t => t.HouseholdId).Chunk(IdsPerStatement))
                {
                    await data.FollowUpTasks.IgnoreQueryFilters()
                        .Where(t => t.Status == FollowUpStatus.Open && (t.Kind == FollowUpKind.TierResponse || t.Kind == FollowUpKind.Monitoring)
                                    && t.CreatedAt < now && chunk.Contains(t.HouseholdId))
                        .ExecuteUpdateAsync(u => u
                            .SetProperty(t => t.Status, FollowUpStatus.Superseded)
                            .SetProperty(t => t.ClosedAt, now)
                            .SetProperty(t => t.ClosedBy, "system")
                            .SetProperty(t => t.Version, version), ct);
                }

                await StandingBulkWriter.WriteAsync(data, changes, tasks, ct);
                var finished = await data.StandingGenerations
                    .Where(g => g.Id == StandingGeneration.SingletonId && g.BatchStartedAt == started)
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(g => g.Current, g => g.Current + 1)
                        .SetProperty(g => g.SwitchedAt, clock.GetUtcNow())
                        .SetProperty(g => g.LastBatchStartedAt, started)
                        .SetProperty(g => g.LastBatchInstrumentId, instrument.Id)
                        .SetProperty(g => g.BatchStartedAt, (DateTimeOffset?)null), ct);
                if (finished != 1)
                {
                    throw new InvalidOperationException("The batch lost its claim while it ran.");
                }

                var summary = new BatchResult(
                    units.Count, state.Current + 1, instrument.Version, computed.Poor, computed.Incomplete,
                    changes.Count(c => c.Kind == StandingChange.TierKind), changes.Count(c => c.Kind == StandingChange.PhaseKind), written.Count,
                    computed.Rows.Count - written.Count, seconds);
                audit.Record(new AuditEvent("assessment.recompute", "standing-generation", summary.Batch.ToString(CultureInfo.InvariantCulture), null, AuditOutcome.Success,
                    $"按评估工具 {instrument.Code} 第 {instrument.Version} 版和现行政策重算 {units.Count} 户：多维贫困 {computed.Poor} 户，信息不完整 {computed.Incomplete} 户，" +
                    $"结果变化 {written.Count} 户，预警等级变化 {summary.TierChanges} 户，阶段变化 {summary.PhaseChanges} 户"));
                await data.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return summary;
            });
            seconds["write"] = Lap(watch);
            seconds["total"] = Math.Round(total.Elapsed.TotalSeconds, 3);
            return result;
        }
        catch
        {
            await data.StandingGenerations
                .Where(g => g.Id == StandingGeneration.SingletonId && g.BatchStartedAt == started)
                .ExecuteUpdateAsync(u => u.SetProperty(g => g.BatchStartedAt, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }
    }

    private static double Lap(Stopwatch watch)
    {
        var s = Math.Round(watch.Elapsed.TotalSeconds, 3);
        watch.Restart();
        return s;
    }

    // Three scans at once, each on its own connection (both engines let readers run side by side), rather than a join
    // probing indexes per household: the households' region and need flags, each household's current assessment (from an
    // index alone), and the standings' stamps and inputs. Standings of households without a current assessment any more
    // (merged into another) are returned to be removed.
    private async Task<(List<Unit> Units, List<Guid> Orphans)> ReadAsync(Dictionary<string, double> seconds, CancellationToken ct)
    {
        var sqlite = data.Database.IsSqlite();
        var watch = Stopwatch.StartNew();
        double householdsAt = 0, currentAt = 0, standingsAt = 0;
        var householdsTask = Task.Run(async () =>
        {
            var households = new Dictionary<Guid, (string Region, NeedFlags Needs)>();
            var regions = new Dictionary<string, string>(StringComparer.Ordinal);
            await ScanAsync("""SELECT "Id", "RegionCode", "Needs" FROM "households" WHERE "MergedIntoId" IS NULL""", null, r =>
            {
                var region = r.GetString(1);
                if (!regions.TryGetValue(region, out var shared))
                {
                    regions[region] = shared = region;
                }

                households[r.GetGuid(0)] = (shared, (NeedFlags)r.GetInt32(2));
            }, ct);
            householdsAt = watch.Elapsed.TotalSeconds;
            return households;
        }, ct);
        var currentTask = Task.Run(async () =>
        {
            var current = new List<(Guid Household, Guid Assessment)>();
            await ScanAsync("""SELECT "HouseholdId", "Id" FROM "assessments" WHERE "IsCurrent" = @value""", true, r => current.Add((r.GetGuid(0), r.GetGuid(1))), ct);
            currentAt = watch.Elapsed.TotalSeconds;
            return current;
        }, ct);
        var standingsTask = Task.Run(async () =>
        {
            var old = new List<(Guid Household, Old Row)>();
            await ScanAsync("""
                SELECT "HouseholdId", "AssessmentId", "Tier", "Phase", "IncomeOkSince", "ResultStamp", "ProtectedInputs", "InputsInstrumentId"
                FROM "household_standings"
                """, null, r => old.Add((r.GetGuid(0), new Old(
                    r.GetGuid(1), (Tier)r.GetInt32(2), (Phase)r.GetInt32(3),
                    r.IsDBNull(4) ? null : sqlite ? DateOnly.ParseExact(r.GetString(4), "yyyy-MM-dd", CultureInfo.InvariantCulture) : r.GetFieldValue<DateOnly>(4),
                    r.GetInt64(5), (byte[])r.GetValue(6), r.GetGuid(7)))), ct);
            standingsAt = watch.Elapsed.TotalSeconds;
            return old;
        }, ct);

        var households = await householdsTask;
        var units = new Dictionary<Guid, Unit>(households.Count);
        foreach (var (householdId, assessmentId) in await currentTask)
        {
            if (households.TryGetValue(householdId, out var household))
            {
                units[householdId] = new Unit { HouseholdId = householdId, RegionCode = household.Region, Needs = household.Needs, AssessmentId = assessmentId };
            }
        }

        var orphans = new List<Guid>();
        var standings = await standingsTask;
        // When each scan (running side by side) was done.
        seconds["readHouseholdsDone"] = Math.Round(householdsAt, 3);
        seconds["readAssessmentsDone"] = Math.Round(currentAt, 3);
        seconds["readStandingsDone"] = Math.Round(standingsAt, 3);
        foreach (var (householdId, was) in standings)
        {
            if (!units.TryGetValue(householdId, out var unit))
            {
                orphans.Add(householdId);
                continue;
            }

            unit.Was = was;
            if (was.AssessmentId == unit.AssessmentId && was.Inputs.Length > 0)
            {
                unit.Inputs = was.Inputs;
                unit.InputsInstrumentId = was.InputsInstrumentId;
            }
        }

        return ([.. units.Values], orphans);
    }

    // A scan on a connection of its own, outside the batch's unit of work.
    private async Task ScanAsync(string sql, object? value, Action<DbDataReader> row, CancellationToken ct)
    {
        var connectionString = data.Database.GetConnectionString() ?? throw new InvalidOperationException("No connection string.");
        await using DbConnection connection = data.Database.IsSqlite() ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (value is not null)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@value";
            p.Value = value;
            command.Parameters.Add(p);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            row(reader);
        }
    }

    // Assessments without a standing of their own yet (imported, or the first batch): their stored answers are read once
    // and turned into compact inputs, which the rewritten standing keeps.
    private async Task ReadInputsFromAnswersAsync(
        List<Unit> missing, Func<Guid, Task<(CompiledInstrument Instrument, int[] Map)>> source, CancellationToken ct)
    {
        var byAssessment = missing.ToDictionary(u => u.AssessmentId);
        var found = new List<(Unit Unit, Guid InstrumentId, string Answers)>(missing.Count);
        if (missing.Count > ScanAnswersAbove)
        {
            await foreach (var a in data.Assessments.IgnoreQueryFilters().AsNoTracking().Where(a => a.IsCurrent)
                               .Select(a => new { a.Id, a.InstrumentId, a.ProtectedAnswers }).AsAsyncEnumerable().WithCancellation(ct))
            {
                if (byAssessment.TryGetValue(a.Id, out var unit))
                {
                    found.Add((unit, a.InstrumentId, a.ProtectedAnswers));
                }
            }
        }
        else
        {
            foreach (var chunk in byAssessment.Keys.Chunk(IdsPerStatement))
            {
                var rows = await data.Assessments.IgnoreQueryFilters().AsNoTracking().Where(a => chunk.Contains(a.Id))
                    .Select(a => new { a.Id, a.InstrumentId, a.ProtectedAnswers }).ToListAsync(ct);
                found.AddRange(rows.Select(a => (byAssessment[a.Id], a.InstrumentId, a.ProtectedAnswers)));
            }
        }

        var compiled = new Dictionary<Guid, CompiledInstrument>();
        foreach (var id in found.Select(f => f.InstrumentId).Distinct())
        {
            compiled[id] = (await source(id)).Instrument;
        }

        Parallel.For(0, found.Count, i =>
        {
            var (unit, instrumentId, answers) = found[i];
            unit.Inputs = protector.ProtectBytes(IndicatorInputs.FromJson(compiled[instrumentId], protector.UnprotectUtf8(answers)));
            unit.InputsInstrumentId = instrumentId;
        });
    }

    private sealed record Computed(List<HouseholdStanding> Rows, List<StandingChange> Changes, List<FollowUpTask> Tasks, int Poor, int Incomplete);

    private Computed Compute(
        List<Unit> units, InstrumentDefinition definition, CompiledInstrument target, Dictionary<Guid, (CompiledInstrument Instrument, int[] Map)> sources,
        Instrument instrument, PolicyResolver resolver, DateOnly today, DateTimeOffset now)
    {
        var m = target.Indicators.Length;
        var matrix = new DeprivationMatrix(units.Count, m);

        // Decrypting and reading the inputs runs on every core.
        Parallel.For(0, units.Count, i =>
        {
            var u = units[i];
            IndicatorInputs.Fill(target, sources[u.InputsInstrumentId].Map, protector.UnprotectBytes(u.Inputs), matrix.Row(i));
        });

        // Part of every stamp: a stored profile is comparable bit for bit only under the same columns.
        var columns = ResultStamp.Columns(protector, target);

        var af = AlkireFoster.Compute(definition.ToDesign(), matrix, definition.Cutoffs).Value;
        var compiled = new ConcurrentDictionary<AssessmentPolicy, CompiledPolicy>(ReferenceEqualityComparer.Instance);
        var byRegion = new ConcurrentDictionary<string, CompiledPolicy>(StringComparer.Ordinal);
        var rows = new ConcurrentBag<HouseholdStanding>();
        var changes = new ConcurrentBag<StandingChange>();
        var tasks = new ConcurrentBag<FollowUpTask>();
        var poor = 0;
        var incomplete = 0;
        Parallel.For(0, units.Count, i =>
        {
            var u = units[i];
            var row = matrix.Row(i);
            long deprived = 0, missing = 0;
            for (var j = 0; j < row.Length; j++)
            {
                if (row[j] == (byte)Deprivation.Deprived)
                {
                    deprived |= 1L << j;
                }
                else if (row[j] == (byte)Deprivation.Missing)
                {
                    missing |= 1L << j;
                }
            }

            var isIncomplete = !af.TryGetScore(i, out var numerator, out var denominator);
            Fraction? score = isIncomplete ? null : Fraction.Create(numerator, denominator);
            var isPoor = !isIncomplete && af.IsPoor(i);
            var policy = byRegion.GetOrAdd(u.RegionCode, r => compiled.GetOrAdd(resolver.For(r), p => p.Compile(definition)));
            var was = u.Was;
            var input = new TierInput(score, isPoor, isIncomplete, deprived, u.Needs);
            var (decision, incomeOk, phase) = policy.Evaluate(input, missing, was?.IncomeOkSince, today);
            var scoreText = isIncomplete ? null
                : denominator == 1 ? numerator.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{numerator}/{denominator}");
            var stamp = ResultStamp.Of(protector, columns, u.RegionCode, u.AssessmentId, scoreText, isPoor, isIncomplete, deprived, missing, decision.Tier,
                decision.RuleCode, decision.RuleName, phase, incomeOk);
            var unchanged = was is not null && was.Stamp == stamp && ReferenceEquals(was.Inputs, u.Inputs);
            if (isPoor)
            {
                Interlocked.Increment(ref poor);
            }

            if (isIncomplete)
            {
                Interlocked.Increment(ref incomplete);
            }

            if (unchanged)
            {
                return;
            }

            rows.Add(new HouseholdStanding(
                u.HouseholdId, u.RegionCode, u.AssessmentId, instrument.Id, scoreText, isIncomplete ? null : (double)numerator / denominator, isPoor, isIncomplete,
                protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{deprived}:{missing}")), decision.Tier, decision.RuleCode, decision.RuleName,
                phase, incomeOk, now, u.Inputs, u.InputsInstrumentId, stamp));
            if (decision.Tier != was?.Tier)
            {
                changes.Add(new StandingChange(u.HouseholdId, u.RegionCode, StandingChange.TierKind, was?.Tier.ToString(), decision.Tier.ToString(), decision.RuleName, "batch", u.AssessmentId, now));
                tasks.Add(StandingService.TierTask(u.HouseholdId, u.RegionCode, decision, policy.Policy.ResponseFor(decision.Tier), now));
            }

            if (phase != was?.Phase)
            {
                changes.Add(new StandingChange(u.HouseholdId, u.RegionCode, StandingChange.PhaseKind, was?.Phase.ToString(), phase.ToString(),
                    StandingService.PhaseReason(phase, policy.Policy), "batch", u.AssessmentId, now));
            }
        });

        // In primary-key order, so the writes walk the table's index in order.
        var ordered = rows.ToArray();
        Array.Sort(Array.ConvertAll(ordered, r => r.HouseholdId.ToString()), ordered, StringComparer.Ordinal);
        return new Computed([.. ordered], [.. changes], [.. tasks], poor, incomplete);
    }
}
