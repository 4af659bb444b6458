using System.Text.Json;
using Jiuzhu.Cases.Calendar;
using Jiuzhu.Cases.Domain;
using Jiuzhu.Cli;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.IntegrationTests.Calendar;

public sealed class CalendarImportTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_command_loads_the_official_2025_and_2026_calendars_once_and_a_second_run_changes_nothing(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var settings = new Dictionary<string, string?>(db.Settings) { ["Demo:Enabled"] = "true" };

        var (code, first) = await RunAsync(settings);
        Assert.Equal(0, code);
        Assert.Equal(["added", "added"], Outcomes(first));
        var snapshot = await CalendarFixtures.SnapshotAsync(db);

        (code, var second) = await RunAsync(settings);
        Assert.Equal(0, code);
        Assert.Equal(["unchanged", "unchanged"], Outcomes(second));
        Assert.Equal(snapshot, await CalendarFixtures.SnapshotAsync(db));

        await using var context = db.CreateContext();
        Assert.Equal([2025, 2026], await context.CalendarYears.OrderBy(y => y.Year).Select(y => y.Year).ToListAsync());
        Assert.Equal(28 + 33, await context.CalendarDays.CountAsync(d => d.Kind == CalendarDayKind.Holiday));
        var saturday = await context.CalendarDays.SingleAsync(d => d.Date == new DateOnly(2026, 2, 14));
        Assert.Equal((CalendarDayKind.AdjustedWorkingDay, "春节"), (saturday.Kind, saturday.Name));
        var entries = await context.AuditEntries.IgnoreQueryFilters().Where(e => e.Action == "calendar.year.import").OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(["2025", "2026"], entries.Select(e => e.EntityId));
        Assert.All(entries, e => Assert.StartsWith("cli:", e.ActorName));
        Assert.Contains("节假日 33 天，调休上班 6 天", entries[1].Summary);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_bad_file_is_refused_with_its_JSON_path_and_changes_nothing(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        using var host = CalendarFixtures.Host(db);
        Assert.True((await CalendarFixtures.ImportFileAsync(host, CalendarFixtures.OfficialFile)).IsSuccess);
        var before = await CalendarFixtures.SnapshotAsync(db);

        // A valid 2027 and a 2026 that lists a date both as a holiday and a working day: nothing of either is written.
        var bad = """
            {"years": {"2027": {"holidays": {"元旦": ["2027-01-01"]}},
                       "2026": {"holidays": {"春节": ["2026-02-15", "2026-02-16"]}, "adjusted_working_days": ["2026-02-14", "2026-02-16"]}}}
            """;
        using var file = new CalendarFixtures.TempFile(bad);
        var result = await CalendarFixtures.ImportFileAsync(host, file.Path);

        Assert.False(result.IsSuccess);
        Assert.Equal("calendar.file_invalid", result.Error!.Code);
        Assert.Contains("$.years['2026'].adjusted_working_days[1]：2026-02-16 同时被列为节假日", result.Error.Message);
        Assert.Equal(before, await CalendarFixtures.SnapshotAsync(db));

        var missing = await CalendarFixtures.ImportFileAsync(host, file.Path + ".missing");
        Assert.Equal("calendar.file_not_found", missing.Error!.Code);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_corrected_year_replaces_the_stored_one_and_the_cached_calendar_follows(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        using var host = CalendarFixtures.Host(db);
        Assert.True((await CalendarFixtures.ImportFileAsync(host, CalendarFixtures.OfficialFile)).IsSuccess);
        var calendars = host.Services.GetRequiredService<IWorkingCalendarProvider>();
        Assert.True((await calendars.GetAsync()).IsWorkingDay(new DateOnly(2026, 2, 28)));

        // A notice moves the second adjusted Saturday of the Spring Festival and adds Monday 2 March as a holiday.
        var json = File.ReadAllText(CalendarFixtures.OfficialFile)
            .Replace("\"2026-02-28\"", "\"2026-03-07\"", StringComparison.Ordinal)
            .Replace("\"2026-02-23\"", "\"2026-02-23\", \"2026-03-02\"", StringComparison.Ordinal);
        var result = await CalendarFixtures.ImportJsonAsync(host, json);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(("unchanged", "updated"), (result.Value.Years[0].Outcome, result.Value.Years[1].Outcome));
        Assert.Equal((2, 1, 0), (result.Value.Years[1].Added, result.Value.Years[1].Removed, result.Value.Years[1].Changed));
        var calendar = await calendars.GetAsync();
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 2, 28)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 3, 7)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 3, 2)));

        await using var context = db.CreateContext();
        var correction = await context.AuditEntries.IgnoreQueryFilters().Where(e => e.Action == "calendar.year.import").OrderBy(e => e.Sequence).LastAsync();
        Assert.Equal("2026", correction.EntityId);
        Assert.Contains("更正 2026 年节假日安排：新增 2 天，删除 1 天，变更 0 天", correction.Summary);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Deadlines_need_the_year_loaded_and_say_which_one_is_missing(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        using var host = CalendarFixtures.Host(db);
        var village = RegionCode.Parse("371121001201");
        var friday = new DateTimeOffset(2026, 2, 13, 10, 0, 0, ChinaTime.Offset);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var before = await scope.ServiceProvider.GetRequiredService<DeadlineService>().DueAsync(DeadlineStep.Acceptance, CaseTypes.MinimumLiving, village, friday);
            Assert.Equal("calendar.year_missing", before.Error!.Code);
            Assert.Equal("尚未载入 2026 年的节假日安排，请管理员先录入", before.Error.Message);
        }

        Assert.True((await CalendarFixtures.ImportFileAsync(host, CalendarFixtures.OfficialFile)).IsSuccess);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var deadlines = scope.ServiceProvider.GetRequiredService<DeadlineService>();
            var due = await deadlines.DueAsync(DeadlineStep.Acceptance, CaseTypes.MinimumLiving, village, friday);
            Assert.Equal(new DateTimeOffset(2026, 2, 26, 0, 0, 0, ChinaTime.Offset), due.Value);

            var december = await deadlines.DueAsync(DeadlineStep.Decision, CaseTypes.MinimumLiving, village, new DateTimeOffset(2026, 12, 20, 9, 0, 0, ChinaTime.Offset));
            Assert.Equal("尚未载入 2027 年的节假日安排，请管理员先录入", december.Error!.Message);
            Assert.Equal("deadline.bad_case_type", (await deadlines.DueAsync(DeadlineStep.Decision, "dibao", village, friday)).Error!.Code);
        }

        Assert.True((await CalendarFixtures.ImportJsonAsync(host, CalendarFixtures.Year2027)).IsSuccess);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var december = await scope.ServiceProvider.GetRequiredService<DeadlineService>()
                .DueAsync(DeadlineStep.Decision, CaseTypes.MinimumLiving, village, new DateTimeOffset(2026, 12, 20, 9, 0, 0, ChinaTime.Offset));
            Assert.True(december.IsSuccess, december.Error?.Message);
        }
    }

    private static async Task<(int Code, JsonDocument Json)> RunAsync(Dictionary<string, string?> settings)
    {
        using var output = new StringWriter();
        var code = await JiuzhuCommandLine.Guard(() => CalendarCommands.ImportAsync(CalendarFixtures.OfficialFile, settings, output, CancellationToken.None));
        return (code, JsonDocument.Parse(output.ToString()));
    }

    private static string[] Outcomes(JsonDocument json) =>
        json.RootElement.GetProperty("years").EnumerateArray().Select(y => y.GetProperty("outcome").GetString()!).ToArray();
}
