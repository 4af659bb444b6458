using System.CommandLine;
using System.Text.Json;
using Jiuzhu.Cases.Calendar;
using Jiuzhu.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.Cli;

/// <summary>`jiuzhu calendar import [--file &lt;json&gt;]`: loads official holiday arrangements (idempotent).</summary>
internal static class CalendarCommands
{
    public static Command Create()
    {
        var file = new Option<string?>("--file")
        {
            Description = "节假日安排 JSON 文件，缺省为 ../shared/data/calendar/cn-public-holidays.json / holiday arrangement file (default: the shared official one)",
        };
        var import = new Command("import", "载入或更正节假日安排（可重复执行）/ load or correct the official holiday calendar (idempotent)") { file };
        import.SetAction((result, ct) => JiuzhuCommandLine.Guard(() => ImportAsync(result.GetValue(file), null, Console.Out, ct)));

        var calendar = new Command("calendar", "工作日历 / working-day calendar");
        calendar.Subcommands.Add(import);
        return calendar;
    }

    /// <summary>Imports <paramref name="file"/> (the shared official file when null) and prints what each year became on <paramref name="output"/>.</summary>
    internal static async Task<int> ImportAsync(string? file, IDictionary<string, string?>? overrides, TextWriter output, CancellationToken ct)
    {
        var path = string.IsNullOrWhiteSpace(file) ? SharedDataFolder.FindHolidayCalendar(null) : file;
        if (path is null)
        {
            return JiuzhuCommandLine.Fail($"找不到 ../shared/data/{SharedDataFolder.HolidayCalendar}，请用 --file 指定 / holiday calendar not found: pass --file");
        }

        using var host = CliHost.Build(overrides);
        await JiuzhuDatabase.MigrateAsync(host.Services, ct);
        await using var scope = host.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<CalendarImporter>().ImportAsync(path, ct);
        if (!outcome.IsSuccess)
        {
            return JiuzhuCommandLine.Fail(outcome.Error!.Message);
        }

        var summary = new { file = Path.GetFullPath(path), source = outcome.Value.Source, years = outcome.Value.Years };
        await output.WriteLineAsync(JsonSerializer.Serialize(summary, JiuzhuCommandLine.Json));
        return 0;
    }
}
