using Jiuzhu.Cases.Calendar;
using Jiuzhu.Cli;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Jiuzhu.IntegrationTests.Calendar;

/// <summary>The official holiday file, hand-written variants of it, and the calendar services running as the command line does.</summary>
internal static class CalendarFixtures
{
    /// <summary>A complete 2027 arrangement in the file's shape (made up for tests: 2027 was not announced when this was written).</summary>
    public const string Year2027 = """
        {"source": "测试用 2027 年安排",
         "years": {"2027": {"holidays": {"元旦": ["2027-01-01"], "春节": ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"]},
                            "adjusted_working_days": ["2027-01-31", "2027-02-20"]}}}
        """;

    /// <summary>Loads the official calendar, and a year with only New Year's Day for the current and next year if the file lacks them.</summary>
    public static async Task LoadOfficialAsync(Jiuzhu.IntegrationTests.Infrastructure.TestPlatform platform)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = FixedActor.System("test");
        var importer = scope.ServiceProvider.GetRequiredService<CalendarImporter>();
        var official = await importer.ImportAsync(SharedDataFolder.FindHolidayCalendar(null)!);
        Assert.True(official.IsSuccess, official.Error?.Message);
        var year = ChinaTime.Today(TimeProvider.System).Year;
        foreach (var y in new[] { year, year + 1 }.Where(y => y > 2026))
        {
            var json = "{\"source\":\"test: New Year only\",\"years\":{\"" + y + "\":{\"holidays\":{\"元旦\":[\"" + y + "-01-01\"]},\"adjusted_working_days\":[]}}}";
            var plain = await importer.ImportJsonAsync(json, "test");
            Assert.True(plain.IsSuccess, plain.Error?.Message);
        }
    }

    public static string OfficialFile =>
        SharedDataFolder.FindHolidayCalendar(null) ?? throw new FileNotFoundException("../shared/data/calendar/cn-public-holidays.json");

    /// <summary>A command-line host on the test database: the system actor, the platform's services.</summary>
    public static IHost Host(TestDatabase db) =>
        CliHost.Build(new Dictionary<string, string?>(db.Settings) { ["Demo:Enabled"] = "true" });

    public static async Task<Result<CalendarImportResult>> ImportFileAsync(IHost host, string file)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CalendarImporter>().ImportAsync(file);
    }

    public static async Task<Result<CalendarImportResult>> ImportJsonAsync(IHost host, string json)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CalendarImporter>().ImportJsonAsync(json, "测试");
    }

    /// <summary>Every stored year and day plus the number of audit entries, to prove a refused import changed nothing.</summary>
    public static async Task<string> SnapshotAsync(TestDatabase db)
    {
        await using var context = db.CreateContext();
        var years = await context.CalendarYears.AsNoTracking().OrderBy(y => y.Year).Select(y => y.Year + "|" + y.Source + "|" + y.LoadedBy).ToListAsync();
        var days = (await context.CalendarDays.AsNoTracking().ToListAsync()).OrderBy(d => d.Date).Select(d => $"{d.Date:yyyy-MM-dd}|{d.Kind}|{d.Name}");
        var audit = await context.AuditEntries.IgnoreQueryFilters().CountAsync();
        return $"{audit} audit entries\n{string.Join('\n', years)}\n{string.Join('\n', days)}";
    }

    /// <summary>A temporary JSON file, deleted on dispose.</summary>
    public sealed class TempFile : IDisposable
    {
        public TempFile(string content)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "jiuzhu-tests", $"calendar-{Guid.NewGuid():N}.json");
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            File.WriteAllText(Path, content);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
