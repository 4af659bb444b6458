using Jiuzhu.Kernel.Spreadsheets;
using System.Text;
using Jiuzhu.Cli;
using Jiuzhu.Geo.Domain;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Registry.Domain;
using Jiuzhu.Registry.ImportHouseholds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Jiuzhu.IntegrationTests.Registry;

/// <summary>Import files written in tests, the importer running in a command-line host as any actor, and snapshots of the registry.</summary>
internal static class ImportFixtures
{
    public const string VillageA = Scenario.VillageA;
    public const string VillageB = Scenario.VillageB;

    public static readonly string[] Header = HouseholdImportTemplate.Columns.Select(c => c.Header).ToArray();

    /// <summary>A made-up, valid identity number of the demo county.</summary>
    public static string Id(int year, int month, int day, int sequence) => ResidentId.Compose("371121", new DateOnly(year, month, day), sequence);

    /// <summary>A CSV file (UTF-8) with the template's header and the given rows; short rows are padded.</summary>
    public static byte[] Csv(params string[][] rows) => Encoding.UTF8.GetBytes(
        string.Concat(new[] { Header }.Concat(rows).Select(r => HouseholdImportTemplate.CsvLine(r.Concat(Enumerable.Repeat(string.Empty, Header.Length - r.Length))))));

    /// <summary>The same rows as an .xlsx workbook.</summary>
    public static byte[] Xlsx(params string[][] rows) => XlsxWriter.Write(
        [new XlsxWorksheet("家庭户", Header.Select(h => new XlsxColumn(h, 12, Text: true)).ToList(), rows)]);

    /// <summary>A command-line host on a database with the test county: two townships with one village each.</summary>
    public static async Task<IHost> HostAsync(TestDatabase db)
    {
        var host = CliHost.Build(new Dictionary<string, string?>(db.Settings) { ["Demo:Enabled"] = "true" });
        await using var context = db.CreateContext();
        foreach (var (code, name) in new[]
                 {
                     ("37", "山东省"), ("3711", "日照市"), ("371121", "五莲县"), ("371121001", "洪凝街道"), ("371121002", "街头镇"),
                     (VillageA, "东村村民委员会"), (VillageB, "西村村民委员会"),
                 })
        {
            context.Regions.Add(new Region(RegionCode.Parse(code), name));
        }

        await context.SaveChangesAsync();
        return host;
    }

    public static ICurrentActor Staff(string role, string jurisdiction) =>
        new FixedActor(ActorKind.User, Guid.NewGuid(), role + "@" + jurisdiction, [role], RegionCode.Parse(jurisdiction));

    public static async Task<HouseholdImportResult> ImportAsync(IHost host, byte[] file, string name = "households.csv", ICurrentActor? actor = null,
        bool skipRegistered = false, bool checkOnly = false, string? villageScope = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        if (actor is not null)
        {
            scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = actor;
        }

        var outcome = await scope.ServiceProvider.GetRequiredService<HouseholdImporter>()
            .ImportAsync(new HouseholdImportRequest(name, file, skipRegistered, checkOnly, null, villageScope));
        Assert.True(outcome.IsSuccess, outcome.Error?.Message);
        return outcome.Value;
    }

    /// <summary>Registers one household directly (as intake would), to have numbers that exist before an import.</summary>
    public static async Task RegisterAsync(IHost host, string village, params (string Name, string Id, Relation Relation)[] members)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<Jiuzhu.Data.JiuzhuDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<IFieldProtector>();
        var household = new Household(RegionCode.Parse(village), "已登记地址 1 号", null, DateTimeOffset.UtcNow);
        foreach (var (name, id, relation) in members)
        {
            var person = new Person(household, name, id, relation, NeedFlags.None, protector);
            household.AddMember(person);
            context.Persons.Add(person);
        }

        context.Households.Add(household);
        await context.SaveChangesAsync();
    }

    /// <summary>Every household, person and category period (in a stable order), to prove a refused import changed nothing.</summary>
    public static async Task<string> RegistrySnapshotAsync(TestDatabase db)
    {
        await using var context = db.CreateContext();
        var households = await context.Households.AsNoTracking().OrderBy(h => h.Id)
            .Select(h => h.Id + "|" + h.RegionCode + "|" + h.Address + "|" + h.HeadName + "|" + h.Category + "|" + h.Needs + "|" + h.MemberCount).ToListAsync();
        var persons = await context.Persons.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => p.Id + "|" + p.HouseholdId + "|" + p.Name + "|" + p.IdNumberIndex + "|" + p.PhoneMasked).ToListAsync();
        var categories = await context.CategoryPeriods.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id + "|" + c.HouseholdId + "|" + c.Category).ToListAsync();
        return string.Join('\n', households.Concat(persons).Concat(categories));
    }

    public static async Task<List<(string Action, string Outcome, string Summary)>> AuditAsync(TestDatabase db, string actionPrefix = "household.import")
    {
        await using var context = db.CreateContext();
        return (await context.AuditEntries.IgnoreQueryFilters().AsNoTracking().Where(e => e.Action.StartsWith(actionPrefix)).OrderBy(e => e.Sequence)
            .Select(e => new { e.Action, e.Outcome, e.Summary }).ToListAsync()).Select(e => (e.Action, e.Outcome, e.Summary)).ToList();
    }
}
