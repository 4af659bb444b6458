using System.Globalization;
using System.Text.Json;
using Jiuzhu.Kernel;

namespace Jiuzhu.Cases.Calendar;

/// <summary>One year of an arrangement file, validated.</summary>
public sealed record CalendarYearSpec(int Year, IReadOnlyList<CalendarEntry> Entries)
{
    public int Holidays => Entries.Count(e => e.Kind == CalendarDayKind.Holiday);

    public int AdjustedWorkingDays => Entries.Count(e => e.Kind == CalendarDayKind.AdjustedWorkingDay);
}

/// <summary>A validated arrangement file: its stated source and its years in order.</summary>
public sealed record CalendarDocument(string? Source, IReadOnlyList<CalendarYearSpec> Years);

/// <summary>
/// Reads the official holiday arrangement in the shape of ../shared/data/calendar/cn-public-holidays.json:
/// <c>{"source": "…", "years": {"2026": {"holidays": {"春节": ["2026-02-15", …]}, "adjusted_working_days": ["2026-02-14", …]}}}</c>.
/// Everything is checked before anything is used, and every problem is reported with its JSON path
/// (<c>$.years['2026'].holidays['春节'][3]</c>), so a bad file changes nothing and says where it is wrong.
/// </summary>
public static class CalendarFile
{
    public const string InvalidCode = "calendar.file_invalid";
    public const int MaxBytes = 1_000_000;
    public const int MaxSourceLength = 500;
    public const int MaxNameLength = 50;
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    private const int MaxReported = 10;
    private const string HolidaysField = "holidays";
    private const string AdjustedField = "adjusted_working_days";
    private static readonly string[] RootFields = ["source", "rule", "years"];
    private static readonly string[] YearFields = [HolidaysField, AdjustedField];

    public static Result<CalendarDocument> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            return Error.Validation(InvalidCode, $"不是有效的 JSON（第 {(ex.LineNumber ?? 0) + 1} 行第 {(ex.BytePositionInLine ?? 0) + 1} 个字节附近）。");
        }

        using (document)
        {
            var problems = new List<string>();
            var parsed = ReadRoot(document.RootElement, problems);
            if (problems.Count > 0)
            {
                var shown = problems.Take(MaxReported).ToList();
                var more = problems.Count > MaxReported ? $"；另有 {problems.Count - MaxReported} 处问题" : string.Empty;
                return Error.Validation(InvalidCode, $"节假日安排有误，未作任何更改：{string.Join("；", shown)}{more}。");
            }

            return parsed!;
        }
    }

    private static CalendarDocument? ReadRoot(JsonElement root, List<string> problems)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add("$ 应为 JSON 对象");
            return null;
        }

        CheckFields(root, "$", RootFields, problems);
        string? source = null;
        if (root.TryGetProperty("source", out var sourceElement))
        {
            if (sourceElement.ValueKind != JsonValueKind.String)
            {
                problems.Add("$.source 应为文字");
            }
            else
            {
                source = sourceElement.GetString()!.Trim();
                if (source.Length > MaxSourceLength)
                {
                    problems.Add($"$.source 超过 {MaxSourceLength} 个字符");
                }
            }
        }

        if (!root.TryGetProperty("years", out var years) || years.ValueKind != JsonValueKind.Object)
        {
            problems.Add("$.years 缺失或不是对象（应为 {\"2026\": {…}}）");
            return null;
        }

        var specs = new List<CalendarYearSpec>();
        var seen = new HashSet<int>();
        foreach (var year in years.EnumerateObject())
        {
            var path = $"$.years['{year.Name}']";
            if (year.Name.Length != 4 || !int.TryParse(year.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || number is < MinYear or > MaxYear)
            {
                problems.Add($"{path}：年份应为 {MinYear} 至 {MaxYear} 之间的四位数字");
                continue;
            }

            if (!seen.Add(number))
            {
                problems.Add($"{path}：{number} 年重复出现");
                continue;
            }

            if (ReadYear(number, year.Value, path, problems) is { } spec)
            {
                specs.Add(spec);
            }
        }

        if (seen.Count == 0)
        {
            problems.Add("$.years 中没有任何年份");
        }

        return new CalendarDocument(string.IsNullOrEmpty(source) ? null : source, [.. specs.OrderBy(s => s.Year)]);
    }

    private static CalendarYearSpec? ReadYear(int year, JsonElement element, string path, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path} 应为对象（含 holidays 和 adjusted_working_days）");
            return null;
        }

        var before = problems.Count;
        CheckFields(element, path, YearFields, problems);
        var holidays = new Dictionary<DateOnly, (string Name, string Path)>();
        if (!element.TryGetProperty(HolidaysField, out var groups) || groups.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path}.holidays 缺失或不是对象（应为 {{\"春节\": [\"{year}-…\"]}}）");
        }
        else
        {
            var beforeHolidays = problems.Count;
            foreach (var group in groups.EnumerateObject())
            {
                var groupPath = $"{path}.holidays['{group.Name}']";
                var name = group.Name.Trim();
                if (name.Length is 0 or > MaxNameLength)
                {
                    problems.Add($"{groupPath}：节日名称应为 1 至 {MaxNameLength} 个字符");
                }

                foreach (var (date, datePath) in ReadDates(year, group.Value, groupPath, problems))
                {
                    if (holidays.TryGetValue(date, out var other))
                    {
                        problems.Add($"{datePath}：{date:yyyy-MM-dd} 已在 {other.Path} 列出");
                    }
                    else
                    {
                        holidays[date] = (name, datePath);
                    }
                }
            }

            if (holidays.Count == 0 && problems.Count == beforeHolidays)
            {
                problems.Add($"{path}.holidays 没有列出任何节假日");
            }
        }

        var adjusted = new List<DateOnly>();
        if (element.TryGetProperty(AdjustedField, out var workdays))
        {
            foreach (var (date, datePath) in ReadDates(year, workdays, $"{path}.{AdjustedField}", problems))
            {
                if (holidays.TryGetValue(date, out var holiday))
                {
                    problems.Add($"{datePath}：{date:yyyy-MM-dd} 同时被列为节假日（{holiday.Path}）和调休上班日");
                }
                else if (!WorkingCalendar.IsWeekend(date))
                {
                    problems.Add($"{datePath}：{date:yyyy-MM-dd} 是{Weekday(date)}，本来就是工作日，调休上班日只能是周六或周日");
                }
                else if (adjusted.Contains(date))
                {
                    problems.Add($"{datePath}：{date:yyyy-MM-dd} 重复列出");
                }
                else
                {
                    adjusted.Add(date);
                }
            }
        }

        if (problems.Count > before)
        {
            return null;
        }

        var entries = holidays.Select(h => new CalendarEntry(h.Key, CalendarDayKind.Holiday, h.Value.Name))
            .Concat(adjusted.Select(d => new CalendarEntry(d, CalendarDayKind.AdjustedWorkingDay, NearestHoliday(d, holidays))))
            .OrderBy(e => e.Date)
            .ToList();
        return new CalendarYearSpec(year, entries);
    }

    private static List<(DateOnly Date, string Path)> ReadDates(int year, JsonElement array, string path, List<string> problems)
    {
        var dates = new List<(DateOnly, string)>();
        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{path} 应为日期数组（[\"{year}-01-01\", …]）");
            return dates;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
            if (item.ValueKind != JsonValueKind.String
                || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                problems.Add($"{itemPath}：“{Clip(text)}”不是有效日期（应为 yyyy-MM-dd，如 {year}-10-01）");
                continue;
            }

            if (date.Year != year)
            {
                problems.Add($"{itemPath}：{text} 不属于 {year} 年");
                continue;
            }

            dates.Add((date, itemPath));
        }

        return dates;
    }

    private static void CheckFields(JsonElement element, string path, string[] known, List<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                problems.Add($"{path}：未知字段“{Clip(property.Name)}”（可用字段：{string.Join("、", known)}）");
            }
            else if (!seen.Add(property.Name))
            {
                problems.Add($"{path}：字段“{property.Name}”重复出现");
            }
        }
    }

    // The file lists adjusted working days without saying which festival they belong to; the nearest one is it
    // (2026-02-14 and 2026-02-28 frame the Spring Festival, 2026-01-04 follows New Year's Day).
    private static string? NearestHoliday(DateOnly date, Dictionary<DateOnly, (string Name, string Path)> holidays) =>
        holidays.Count == 0
            ? null
            : holidays.MinBy(h => Math.Abs(h.Key.DayNumber - date.DayNumber)).Value.Name;

    private static string Weekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Monday => "星期一",
        DayOfWeek.Tuesday => "星期二",
        DayOfWeek.Wednesday => "星期三",
        DayOfWeek.Thursday => "星期四",
        DayOfWeek.Friday => "星期五",
        DayOfWeek.Saturday => "星期六",
        _ => "星期日",
    };

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
