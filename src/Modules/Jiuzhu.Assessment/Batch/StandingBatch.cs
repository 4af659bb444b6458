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
using Microsoft.EntityFrameworkCore.Storage;

namespace Jiuzhu.Assessment.Batch;

/// <summary>What a recomputation did, and how long each part took.</summary>
public sealed record BatchResult(
    int Households,
    int Generation,
    int InstrumentVersion,
    int Poor,
    int Incomplete,
    int TierChanges,
    int PhaseChanges,
    int CaughtUp,
    IReadOnlyDictionary<string, double> Seconds);

/// <summary>
/// Recomputes every household's standing (score, tier, phase) from its latest submitted assessment under the
/// instrument version and policies in force, after an instrument or policy change. Atomic for readers: the new
/// standings are written as a new generation, and one small transaction switches to it, so a reader sees all old or
/// all new results. Households assessed while the batch ran are recomputed again just before the switch. Every tier or
/// phase change is recorded with its rule and gets its follow-up task, as when an assessment is submitted.
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

    private const int ChunkSize = 100_000;

    private sealed class Unit
    {
        public Guid HouseholdId;
        public string RegionCode = string.Empty;
        public Guid AssessmentId;
        public Tier? OldTier;
        public Phase? OldPhase;
        public DateOnly? OldIncomeOkSince;
        public string Answers = string.Empty;
        public NeedFlags Needs;
    }

    public async Task<Result<BatchResult>> RunAsync(CancellationToken ct = default)
    {
        if (actor.Kind != ActorKind.System && !(Runners.Any(actor.IsInRole) && actor.Scope.AllowsAll))
        {
            return Error.Forbidden("batch.forbidden", "批量重算影响全部家庭户，只能由平台（命令行）或全平台管理员运行。");
        }

        var seconds = new Dictionary<string, double>();
        var watch = Stopwatch.StartNew();
        var total = Stopwatch.StartNew();
        var generation = await standings.CurrentGenerationAsync(ct);
        var started = clock.GetUtcNow();
        var claimed = await data.StandingGenerations
            .Where(g => g.Id == StandingGeneration.SingletonId && g.Current == generation && (g.BatchStartedAt == null || g.BatchStartedAt < started - StaleAfter))
            .ExecuteUpdateAsync(u => u.SetProperty(g => g.BatchStartedAt, started), ct);
        if (claimed != 1)
        {
            return Error.Conflict("batch.running", "已有批量重算正在进行，请稍后再试。");
        }

        var next = generation + 1;
        try
        {
            var instrument = await instruments.CurrentAsync(DefaultInstrument.Code, ct);
            var definition = await instruments.DefinitionAsync(instrument.Id, ct);
            var resolver = await policies.ResolverAsync(ct);

            // Leftovers of a batch that died are not visible to anyone; clear them.
            await data.Standings.IgnoreQueryFilters().Where(s => s.Generation == next).ExecuteDeleteAsync(ct);

            var units = await ReadAsync(generation, ct);
            seconds["read"] = Lap(watch);

            var today = ChinaTime.Today(clock);
            var now = clock.GetUtcNow();

            // In primary-key order, so the new generation's index entries are appended rather than scattered.
            var ordered = units.ToArray();
            Array.Sort(Array.ConvertAll(ordered, u => u.HouseholdId.ToString()), ordered, StringComparer.Ordinal);

            var strategy = data.Database.CreateExecutionStrategy();
            var result = await strategy.ExecuteAsync(async () =>
            {
                if (data.Database.IsSqlite())
                {
                    // A million index entries do not fit SQLite's default 2 MB page cache; inserting them then waits on I/O.
                    await data.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144;", ct);
                }

                // Chunks are computed on the cores while the previous chunk is written (one writer at a time on the connection).
                var changesAll = new List<StandingChange>();
                var tasksAll = new List<FollowUpTask>();
                int poor = 0, incomplete = 0;
                await using var tx = await data.Database.BeginTransactionAsync(ct);
                var writing = Task.CompletedTask;
                foreach (var chunk in ordered.Chunk(ChunkSize))
                {
                    var part = Compute([.. chunk], definition, instrument, resolver, next, today, now);
                    await writing;
                    writing = Task.Run(() => StandingBulkWriter.WriteAsync(data, part.Standings, [], [], ct), ct);
                    changesAll.AddRange(part.Changes);
                    tasksAll.AddRange(part.Tasks);
                    poor += part.Poor;
                    incomplete += part.Incomplete;
                }

                await writing;
                await tx.CommitAsync(ct);
                var computed = new Computed([], changesAll, tasksAll, poor, incomplete);
                seconds["computeAndWrite"] = Lap(watch);

                // The switch: households assessed during the batch are recomputed from their fresh standing, the changes
                // and tasks are written, and the generation moves on, all in one transaction.
                await using var flip = await data.Database.BeginTransactionAsync(ct);
                var caughtUp = await CatchUpAsync(generation, next, started, definition, instrument, resolver, today, now, ct);
                var changes = computed.Changes.Where(c => !caughtUp.Contains(c.HouseholdId)).ToList();
                var tasks = computed.Tasks.Where(t => !caughtUp.Contains(t.HouseholdId)).ToList();
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

                await StandingBulkWriter.WriteAsync(data, [], changes, tasks, ct);
                var switched = await data.StandingGenerations
                    .Where(g => g.Id == StandingGeneration.SingletonId && g.Current == generation && g.BatchStartedAt == started)
                    .ExecuteUpdateAsync(u => u.SetProperty(g => g.Current, next).SetProperty(g => g.SwitchedAt, clock.GetUtcNow()).SetProperty(g => g.BatchStartedAt, (DateTimeOffset?)null), ct);
                if (switched != 1)
                {
                    throw new InvalidOperationException("The standing generation changed while the batch ran.");
                }

                var summary = new BatchResult(
                    units.Count, next, instrument.Version, computed.Poor, computed.Incomplete,
                    changes.Count(c => c.Kind == StandingChange.TierKind), changes.Count(c => c.Kind == StandingChange.PhaseKind), caughtUp.Count, seconds);
                audit.Record(new AuditEvent("assessment.recompute", "standing-generation", next.ToString(CultureInfo.InvariantCulture), null, AuditOutcome.Success,
                    $"按评估工具 {instrument.Code} 第 {instrument.Version} 版和现行政策重算 {units.Count} 户：多维贫困 {computed.Poor} 户，信息不完整 {computed.Incomplete} 户，" +
                    $"预警等级变化 {summary.TierChanges} 户，阶段变化 {summary.PhaseChanges} 户"));
                await data.SaveChangesAsync(ct);
                await flip.CommitAsync(ct);
                seconds["switch"] = Lap(watch);
                return summary;
            });

            // Readers have moved on; the old generation can go.
            await data.Standings.IgnoreQueryFilters().Where(s => s.Generation <= generation).ExecuteDeleteAsync(ct);
            seconds["cleanup"] = Lap(watch);
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

    // Three sequential scans rather than a join probing two indexes per household: the current assessments with their
    // answers, the households' region and need flags, and the current standings.
    private async Task<List<Unit>> ReadAsync(int generation, CancellationToken ct)
    {
        var connection = data.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }

        try
        {
            var sqlite = data.Database.IsSqlite();
            var households = new Dictionary<Guid, (string Region, NeedFlags Needs)>();
            await foreach (var r in QueryAsync(connection, """SELECT "Id", "RegionCode", "Needs" FROM "households" WHERE "MergedIntoId" IS NULL""", null, ct))
            {
                households[r.GetGuid(0)] = (r.GetString(1), (NeedFlags)r.GetInt32(2));
            }

            var previous = new Dictionary<Guid, (Tier Tier, Phase Phase, DateOnly? IncomeOkSince)>();
            // The whole table in storage order (it holds the current generation, plus a batch's leftovers at most) rather
            // than a million lookups through the generation's index.
            await foreach (var r in QueryAsync(connection, """SELECT "HouseholdId", "Tier", "Phase", "IncomeOkSince", "Generation" FROM "household_standings" """, null, ct))
            {
                if (r.GetInt32(4) != generation)
                {
                    continue;
                }

                previous[r.GetGuid(0)] = ((Tier)r.GetInt32(1), (Phase)r.GetInt32(2), r.IsDBNull(3) ? null
                    : sqlite ? DateOnly.ParseExact(r.GetString(3), "yyyy-MM-dd", CultureInfo.InvariantCulture) : r.GetFieldValue<DateOnly>(3));
            }

            var units = new List<Unit>(households.Count);
            await foreach (var r in QueryAsync(connection, """SELECT "HouseholdId", "Id", "ProtectedAnswers" FROM "assessments" WHERE "IsCurrent" = @value""", true, ct))
            {
                var householdId = r.GetGuid(0);
                if (!households.TryGetValue(householdId, out var household))
                {
                    continue; // merged into another household since; that one's assessment counts
                }

                var had = previous.TryGetValue(householdId, out var old);
                units.Add(new Unit
                {
                    HouseholdId = householdId,
                    RegionCode = household.Region,
                    AssessmentId = r.GetGuid(1),
                    OldTier = had ? old.Tier : null,
                    OldPhase = had ? old.Phase : null,
                    OldIncomeOkSince = had ? old.IncomeOkSince : null,
                    Answers = r.GetString(2),
                    Needs = household.Needs,
                });
            }

            return units;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private async IAsyncEnumerable<DbDataReader> QueryAsync(DbConnection connection, string sql, object? value, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = data.Database.CurrentTransaction?.GetDbTransaction();
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
            yield return reader;
        }
    }

    private sealed record Computed(List<HouseholdStanding> Standings, List<StandingChange> Changes, List<FollowUpTask> Tasks, int Poor, int Incomplete);

    private Computed Compute(
        List<Unit> units, InstrumentDefinition definition, Instrument instrument, PolicyResolver resolver, int next, DateOnly today, DateTimeOffset now)
    {
        var m = definition.Indicators.Count();
        var matrix = new DeprivationMatrix(units.Count, m);

        // Decrypting and reading the answers is most of the work; it runs on every core.
        var reading = new CompiledInstrument(definition);
        Parallel.For(0, units.Count, i =>
        {
            InstrumentEvaluation.FillUtf8(reading, protector.UnprotectUtf8(units[i].Answers), matrix.Row(i));
            units[i].Answers = string.Empty;
        });

        var af = AlkireFoster.Compute(definition.ToDesign(), matrix, definition.Cutoffs).Value;
        var compiled = new ConcurrentDictionary<AssessmentPolicy, CompiledPolicy>(ReferenceEqualityComparer.Instance);
        var byRegion = new ConcurrentDictionary<string, CompiledPolicy>(StringComparer.Ordinal);
        var rows = new HouseholdStanding[units.Count];
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
            var input = new TierInput(score, isPoor, isIncomplete, deprived, u.Needs);
            var (decision, incomeOk, phase) = policy.Evaluate(input, missing, u.OldIncomeOkSince, today);
            rows[i] = new HouseholdStanding(
                next, u.HouseholdId, u.RegionCode, u.AssessmentId, instrument.Id,
                isIncomplete ? null : denominator == 1 ? numerator.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{numerator}/{denominator}"),
                isIncomplete ? null : (double)numerator / denominator, isPoor, isIncomplete,
                protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{deprived}:{missing}")), decision.Tier, decision.RuleCode, decision.RuleName,
                phase, incomeOk, now);
            if (isPoor)
            {
                Interlocked.Increment(ref poor);
            }

            if (isIncomplete)
            {
                Interlocked.Increment(ref incomplete);
            }

            if (decision.Tier != u.OldTier)
            {
                changes.Add(new StandingChange(u.HouseholdId, u.RegionCode, StandingChange.TierKind, u.OldTier?.ToString(), decision.Tier.ToString(), decision.RuleName, "batch", u.AssessmentId, now));
                tasks.Add(StandingService.TierTask(u.HouseholdId, u.RegionCode, decision, policy.Policy.ResponseFor(decision.Tier), now));
            }

            if (phase != u.OldPhase)
            {
                changes.Add(new StandingChange(u.HouseholdId, u.RegionCode, StandingChange.PhaseKind, u.OldPhase?.ToString(), phase.ToString(),
                    StandingService.PhaseReason(phase, policy.Policy), "batch", u.AssessmentId, now));
            }
        });

        return new Computed([.. rows], [.. changes], [.. tasks], poor, incomplete);
    }

    // Households whose standing changed after the batch read them (an assessment was submitted meanwhile): their row in
    // the new generation is recomputed from the fresh one, through the same path as the batch.
    private async Task<HashSet<Guid>> CatchUpAsync(
        int generation, int next, DateTimeOffset started, InstrumentDefinition definition, Instrument instrument, PolicyResolver resolver, DateOnly today,
        DateTimeOffset now, CancellationToken ct)
    {
        var fresh = await data.Standings.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.Generation == generation && s.ComputedAt >= started)
            .Select(s => s.HouseholdId)
            .ToListAsync(ct);
        if (fresh.Count == 0)
        {
            return [];
        }

        var wanted = fresh.ToHashSet();
        var units = (await ReadAsync(generation, ct)).Where(u => wanted.Contains(u.HouseholdId)).ToList();
        var computed = Compute(units, definition, instrument, resolver, next, today, now);
        foreach (var chunk in fresh.Chunk(IdsPerStatement))
        {
            await data.Standings.IgnoreQueryFilters().Where(s => s.Generation == next && chunk.Contains(s.HouseholdId)).ExecuteDeleteAsync(ct);
        }

        await StandingBulkWriter.WriteAsync(data, computed.Standings, computed.Changes, computed.Tasks, ct);
        return [.. fresh];
    }
}
