using System.CommandLine;
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
        import.SetAction((result, ct) => JiuzhuCommandLine.Guard(async () =>
        {
            var given = result.GetValue(file);
            var path = string.IsNullOrWhiteSpace(given) ? SharedDataFolder.FindHolidayCalendar(null) : given;
            if (path is null)
            {
                return JiuzhuCommandLine.Fail($"找不到 ../shared/data/{SharedDataFolder.HolidayCalendar}，请用 --file 指定 / holiday calendar not found: pass --file");
            }

            using var host = CliHost.Build();
            await JiuzhuDatabase.MigrateAsync(host.Services, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<CalendarImporter>().ImportAsync(path, ct);
            if (!outcome.IsSuccess)
            {
                return JiuzhuCommandLine.Fail(outcome.Error!.Message);
            }

            JiuzhuCommandLine.WriteResult(new { file = Path.GetFullPath(path), source = outcome.Value.Source, years = outcome.Value.Years });
            return 0;
        }));

        var calendar = new Command("calendar", "工作日历 / working-day calendar");
        calendar.Subcommands.Add(import);
        return calendar;
    }
}
