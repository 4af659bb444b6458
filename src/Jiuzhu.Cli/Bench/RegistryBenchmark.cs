using System.Diagnostics;
using System.Globalization;
using System.Text;
using Jiuzhu.Cli.Demo;
using Jiuzhu.Data;
using Jiuzhu.Geo.Data;
using Jiuzhu.Geo.ImportRegions;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Registry;
using Jiuzhu.Registry.Data;
using Jiuzhu.Registry.Domain;
using Jiuzhu.Registry.ImportHouseholds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cli.Bench;

/// <summary>What `jiuzhu bench registry` was asked to do.</summary>
internal sealed record RegistryBenchmarkOptions(int Persons, int ImportHouseholds, int Repeat, string County, int Seed);

/// <summary>
/// Scenario benchmark of issue #3 on an empty database: (a) loads the demo county's regions and synthetic households
/// of about <see cref="RegistryBenchmarkOptions.Persons"/> persons through the bulk writer; (b) times household search
/// (HouseholdQueries.SearchAsync) for typical queries and the household page (GetAsync), each repeated, as a county
/// officer; (c) imports further households through the importer from a CSV file, and compares it with writing the same,
/// already encrypted rows with the engine's bulk path alone. Prints one JSON object; figures go to docs/benchmarks.md.
/// </summary>
internal sealed class RegistryBenchmark(IServiceProvider services, TextWriter progress)
{
    private const int SeedChunk = 20_000;

    public async Task<object> RunAsync(RegistryBenchmarkOptions options, CancellationToken ct)
    {
        var county = RegionCode.Parse(options.County);
        var database = services.GetRequiredService<DatabaseOptions>();
        await using (var scope = services.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<IRegistryData>().Households.IgnoreQueryFilters().AnyAsync(ct))
            {
                throw new DemoSeedException("基准测试只能在空数据库上运行 / the benchmark needs a database without households (it writes and deletes rows)");
            }
        }

        var villages = await EnsureRegionsAsync(county, ct);
        progress.WriteLine($"生成合成家庭 / generating synthetic households for {options.Persons:N0} persons + {options.ImportHouseholds:N0} households to import…");
        var today = ChinaTime.Today(TimeProvider.System);
        // One generation for both sets, so that no identity number of the import set is already in the searched population.
        var population = DemoPopulation.Generate(villages, county.Prefix, (options.Persons / 2) + options.ImportHouseholds + 1_000, options.Seed, today);
        var searched = new List<DemoHousehold>();
        var persons = 0;
        foreach (var household in population)
        {
            if (persons >= options.Persons)
            {
                break;
            }

            searched.Add(household);
            persons += household.Members.Count;
        }

        var imported = population.Skip(searched.Count).Take(options.ImportHouseholds).ToList();
        population.Clear();

        var seed = await SeedAsync(searched, ct);
        await AnalyzeAsync(ct);
        var search = await SearchAsync(searched, county, options.Repeat, ct);
        var import = await ImportAsync(imported, ct);
        return new
        {
            scenario = "registry",
            provider = database.IsPostgres ? "postgres" : "sqlite",
            county = county.Prefix,
            villages = villages.Count,
            households = searched.Count,
            persons,
            seedSeconds = seed,
            repeat = options.Repeat,
            search,
            import,
        };
    }

    private Task<List<DemoVillage>> EnsureRegionsAsync(RegionCode county, CancellationToken ct) =>
        BenchRegions.EnsureAsync(services, county, progress, ct);

    // (a) The searched population, written chunk by chunk with the bulk writer (encryption included in the time).
    private async Task<double> SeedAsync(List<DemoHousehold> households, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var written = 0;
        foreach (var chunk in households.Chunk(SeedChunk))
        {
            await using var scope = services.CreateAsyncScope();
            var data = scope.ServiceProvider.GetRequiredService<IRegistryData>();
            var built = Build(chunk, scope.ServiceProvider.GetRequiredService<IFieldProtector>(), DateTimeOffset.UtcNow);
            await using var tx = await data.Database.BeginTransactionAsync(ct);
            await HouseholdBulkWriter.InsertAsync(data, built, ct);
            await tx.CommitAsync(ct);
            written += chunk.Length;
            progress.WriteLine($"  {written:N0} / {households.Count:N0} households written ({watch.Elapsed.TotalSeconds:F0} s)");
        }

        return Math.Round(watch.Elapsed.TotalSeconds, 2);
    }

    private async Task AnalyzeAsync(CancellationToken ct)
    {
        // The statistics a bulk import leaves (SQLite has no daemon to gather them); PostgreSQL's autovacuum analyses the
        // new tables within a minute, and doing it now makes the runs comparable.
        await using var scope = services.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<IRegistryData>();
        await HouseholdBulkWriter.RefreshStatisticsAsync(data, ct);
        if (data.Database.IsNpgsql())
        {
            await data.Database.ExecuteSqlRawAsync("ANALYZE households; ANALYZE persons; ANALYZE household_categories;", ct);
        }
    }

    // (b) Typical searches of a county officer, and the household page.
    private async Task<List<object>> SearchAsync(List<DemoHousehold> population, RegionCode county, int repeat, CancellationToken ct)
    {
        var rng = new Random(7);
        var sample = population[rng.Next(population.Count)];
        var member = sample.Members[^1];
        var busiestVillage = population.GroupBy(h => h.VillageCode).OrderByDescending(g => g.Count()).First();
        var village = busiestVillage.Key;
        var aloneMinimum = busiestVillage.Count(h => h.Category == AssistanceCategory.MinimumLiving && h.Members.Any(m => m.Needs.HasFlag(NeedFlags.ElderlyLivingAlone)));
        var queries = new (string Name, HouseholdSearch Search, int Page)[]
        {
            ("surname prefix 王, page 1", new HouseholdSearch("王"), 1),
            ("surname prefix 王, page 500", new HouseholdSearch("王"), 500),
            ("full name", new HouseholdSearch(member.Name), 1),
            ("full identity number", new HouseholdSearch(member.IdNumber), 1),
            ("masked identity number", new HouseholdSearch(ResidentId.Mask(member.IdNumber)), 1),
            ("last four", new HouseholdSearch(member.IdNumber[^4..]), 1),
            ($"village, category and flag ({aloneMinimum} expected)", new HouseholdSearch(null, village, AssistanceCategory.MinimumLiving, NeedFlags.ElderlyLivingAlone), 1),
            ("township and category, page 1", new HouseholdSearch(null, village[..9], AssistanceCategory.MinimumLivingEdge), 1),
            ("whole county, page 1", new HouseholdSearch(), 1),
            ("whole county, page 10000", new HouseholdSearch(), 10_000),
        };

        var officer = new FixedActor(ActorKind.User, Guid.NewGuid(), "bench.county", [Roles.CountyOfficer], county);
        var results = new List<object>();
        foreach (var (name, search, page) in queries)
        {
            var total = 0;
            var times = await TimeAsync(repeat, officer, async sp =>
            {
                var result = await sp.GetRequiredService<HouseholdQueries>().SearchAsync(search, new PageRequest(page, 20), ct);
                total = result.Value.Total;
            });
            results.Add(Stats(name, times, total));
            progress.WriteLine($"  {name}: {total:N0} households, median {Median(times):F1} ms");
        }

        Guid householdId = default;
        await using (var scope = Scoped(officer))
        {
            var found = await scope.ServiceProvider.GetRequiredService<HouseholdQueries>().SearchAsync(new HouseholdSearch(member.IdNumber), new PageRequest(), ct);
            householdId = found.Value.Items[0].Id;
        }

        var pageTimes = await TimeAsync(repeat, officer, async sp =>
        {
            var detail = await sp.GetRequiredService<HouseholdQueries>().GetAsync(householdId, ct);
            _ = detail.Value.Members.Count;
        });
        results.Add(Stats("household page (GetAsync)", pageTimes, 1));
        progress.WriteLine($"  household page: median {Median(pageTimes):F1} ms");
        return results;
    }

    // (c) The importer against the bulk path alone, on the same rows and the same database.
    private async Task<object> ImportAsync(List<DemoHousehold> households, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"jiuzhu-bench-import-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, Csv(households), ct);
        var fileBytes = new FileInfo(path).Length;
        try
        {
            progress.WriteLine($"基线：直接批量写入 {households.Count:N0} 户 / baseline: bulk insert of the same rows…");
            double baseline;
            List<Guid> ids;
            await using (var scope = services.CreateAsyncScope())
            {
                var data = scope.ServiceProvider.GetRequiredService<IRegistryData>();
                var built = Build(households, scope.ServiceProvider.GetRequiredService<IFieldProtector>(), DateTimeOffset.UtcNow);
                ids = built.Select(h => h.Id).ToList();
                var watch = Stopwatch.StartNew();
                await using (var tx = await data.Database.BeginTransactionAsync(ct))
                {
                    await HouseholdBulkWriter.InsertAsync(data, built, ct);
                    await tx.CommitAsync(ct);
                }

                baseline = Math.Round(watch.Elapsed.TotalSeconds, 2);
            }

            await DeleteAsync(ids, ct);

            progress.WriteLine($"导入器：导入同样的 {households.Count:N0} 户 / importer: the same households from a {fileBytes / 1_000_000.0:F1} MB CSV file…");
            var (first, firstWall) = await RunImporterAsync(path, ct);
            progress.WriteLine("导入器：再次导入同一文件 / importer: the same file again (idempotent re-run)…");
            var (rerun, rerunWall) = await RunImporterAsync(path, ct);
            return new
            {
                households = households.Count,
                persons = households.Sum(h => h.Members.Count),
                fileMegabytes = Math.Round(fileBytes / 1_000_000.0, 1),
                baselineSeconds = baseline,
                importerSeconds = firstWall,
                ratio = Math.Round(firstWall / baseline, 2),
                importer = new { status = first.Status, importedHouseholds = first.ImportedHouseholds, importedPersons = first.ImportedPersons, seconds = first.Seconds },
                rerun = new { status = rerun.Status, skippedHouseholds = rerun.SkippedHouseholds, seconds = rerunWall },
            };
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<(HouseholdImportResult Result, double Wall)> RunImporterAsync(string path, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var watch = Stopwatch.StartNew();
        var content = await File.ReadAllBytesAsync(path, ct);
        var outcome = await scope.ServiceProvider.GetRequiredService<HouseholdImporter>().ImportAsync(new HouseholdImportRequest(Path.GetFileName(path), content), ct);
        var wall = Math.Round(watch.Elapsed.TotalSeconds, 2);
        if (!outcome.IsSuccess || outcome.Value.IsRejected)
        {
            var problem = outcome.IsSuccess ? outcome.Value.Problems[0].Message : outcome.Error!.Message;
            throw new DemoSeedException($"导入失败 / the import failed: {problem}");
        }

        return (outcome.Value, wall);
    }

    private async Task DeleteAsync(List<Guid> ids, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<IRegistryData>();
        foreach (var chunk in ids.Chunk(5_000))
        {
            await data.CategoryPeriods.IgnoreQueryFilters().Where(c => chunk.Contains(c.HouseholdId)).ExecuteDeleteAsync(ct);
            await data.Persons.IgnoreQueryFilters().Where(p => chunk.Contains(p.HouseholdId)).ExecuteDeleteAsync(ct);
            await data.Households.IgnoreQueryFilters().Where(h => chunk.Contains(h.Id)).ExecuteDeleteAsync(ct);
        }

        if (data.Database.IsNpgsql())
        {
            // Dead rows and index entries of the baseline would otherwise slow the importer that follows.
            // One statement per command: VACUUM cannot run inside the implicit transaction of a multi-statement command.
            await data.Database.ExecuteSqlRawAsync("VACUUM ANALYZE households;", ct);
            await data.Database.ExecuteSqlRawAsync("VACUUM ANALYZE persons;", ct);
            await data.Database.ExecuteSqlRawAsync("VACUUM ANALYZE household_categories;", ct);
        }
    }

    private static List<Household> Build(IEnumerable<DemoHousehold> households, IFieldProtector protector, DateTimeOffset now)
    {
        var built = new List<Household>();
        foreach (var spec in households)
        {
            var household = new Household(RegionCode.Parse(spec.VillageCode), spec.Address, spec.Category, now);
            foreach (var m in spec.Members)
            {
                var person = new Person(household, m.Name, m.IdNumber, m.Relation, m.Needs, protector);
                if (m.Phone is not null)
                {
                    person.SetPhone(m.Phone, protector);
                }

                household.AddMember(person);
            }

            built.Add(household);
        }

        return built;
    }

    // The import file as a county would fill in the template: every column, village and address on every row.
    private static byte[] Csv(List<DemoHousehold> households)
    {
        var text = new StringBuilder();
        text.Append(HouseholdImportTemplate.CsvLine(HouseholdImportTemplate.Columns.Select(c => c.Header)));
        var key = 0;
        foreach (var h in households)
        {
            key++;
            foreach (var m in h.Members)
            {
                ResidentId.TryBirthDate(m.IdNumber, out var birth);
                text.Append(HouseholdImportTemplate.CsvLine(
                [
                    key.ToString(CultureInfo.InvariantCulture), h.VillageCode, h.Address, RegistryTerms.RelationName(m.Relation), m.Name, m.IdNumber,
                    m.Phone ?? string.Empty, RegistryTerms.SexName(ResidentId.SexOf(m.IdNumber)), birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    m.Relation == Relation.Head ? RegistryTerms.CategoryName(h.Category) : string.Empty, string.Join("、", RegistryTerms.NeedNames(m.Needs)), string.Empty,
                ]));
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private AsyncServiceScope Scoped(ICurrentActor actor)
    {
        var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = actor;
        return scope;
    }

    // Each call in a fresh scope (a new database context), as a page call gets through FreshScope; two warm-up calls first.
    private async Task<List<double>> TimeAsync(int repeat, ICurrentActor actor, Func<IServiceProvider, Task> call)
    {
        var times = new List<double>(repeat);
        for (var i = -2; i < repeat; i++)
        {
            await using var scope = Scoped(actor);
            var watch = Stopwatch.StartNew();
            await call(scope.ServiceProvider);
            if (i >= 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return times;
    }

    private static object Stats(string name, List<double> times, int total)
    {
        var sorted = times.Order().ToList();
        var p95 = sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.95) - 1)];
        return new { query = name, households = total, medianMs = Math.Round(Median(times), 1), p95Ms = Math.Round(p95, 1), maxMs = Math.Round(sorted[^1], 1) };
    }

    private static double Median(List<double> times)
    {
        var sorted = times.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
