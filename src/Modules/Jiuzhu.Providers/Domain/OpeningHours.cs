using System.Globalization;
using Jiuzhu.Kernel;

namespace Jiuzhu.Providers.Domain;

/// <summary>One opening range of a day, [From, To); To may be 24:00 (written as <see cref="TimeOnly.MaxValue"/> never: minutes).</summary>
public sealed record OpeningRange(int FromMinute, int ToMinute)
{
    public string Text => $"{Clock(FromMinute)}-{Clock(ToMinute)}";

    internal static string Clock(int minute) => $"{minute / 60:00}:{minute % 60:00}";
}

/// <summary>
/// Opening hours of a service point (营业时间) per weekday, written as text a person can type and a machine can check:
/// groups of days and ranges separated by semicolons, e.g. <c>1-5 08:00-11:30,13:30-17:00; 6 09:00-12:00</c>
/// (1 = Monday … 7 = Sunday; days not named are closed). Ranges must be HH:mm, end after start (24:00 allowed as an end),
/// and not overlap on the same day; a day may be named only once.
/// </summary>
public sealed class OpeningHours
{
    private static readonly string[] DayNames = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

    private OpeningHours(IReadOnlyList<OpeningRange>[] days) => Days = days;

    /// <summary>Ranges per day, index 0 = Monday.</summary>
    public IReadOnlyList<OpeningRange>[] Days { get; }

    public static OpeningHours Closed { get; } = new([.. Enumerable.Range(0, 7).Select(_ => (IReadOnlyList<OpeningRange>)[])]);

    public bool IsClosedAllWeek => Days.All(d => d.Count == 0);

    /// <summary>Parses the text form; an empty text means "not given" (closed all week).</summary>
    public static Result<OpeningHours> Parse(string? text)
    {
        var days = Enumerable.Range(0, 7).Select(_ => new List<OpeningRange>()).ToArray();
        var named = new bool[7];
        var normalized = (text ?? string.Empty).Replace('；', ';').Replace('，', ',').Replace('：', ':').Replace('－', '-').Replace('~', '-').Replace('～', '-').Trim();
        if (normalized.Length == 0)
        {
            return Closed;
        }

        if (normalized.Length > 300)
        {
            return Bad("营业时间过长（最多 300 个字符）。");
        }

        foreach (var group in normalized.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = group.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                return Bad($"“{group}”缺少星期或时间段：应写成“1-5 08:00-11:30,13:30-17:00”。");
            }

            var dayText = group[..space].Trim();
            var rangeText = group[(space + 1)..].Trim();
            if (ParseDays(dayText) is not { } dayList)
            {
                return Bad($"“{dayText}”不是星期：用 1–7 表示周一到周日，例如 1-5 或 6,7。");
            }

            var ranges = new List<OpeningRange>();
            foreach (var r in rangeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = r.Split('-', StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || Minute(parts[0]) is not { } from || Minute(parts[1]) is not { } to)
                {
                    return Bad($"“{r}”不是时间段：应写成 HH:mm-HH:mm，例如 08:00-11:30。");
                }

                if (to <= from)
                {
                    return Bad($"时间段 {r} 的结束时间须晚于开始时间。");
                }

                ranges.Add(new OpeningRange(from, to));
            }

            if (ranges.Count == 0)
            {
                return Bad($"“{group}”没有时间段。");
            }

            foreach (var d in dayList)
            {
                if (named[d])
                {
                    return Bad($"{DayNames[d]}重复出现，每天只能写一次。");
                }

                named[d] = true;
                days[d].AddRange(ranges);
            }
        }

        for (var d = 0; d < 7; d++)
        {
            days[d].Sort((a, b) => a.FromMinute.CompareTo(b.FromMinute));
            for (var i = 1; i < days[d].Count; i++)
            {
                if (days[d][i].FromMinute < days[d][i - 1].ToMinute)
                {
                    return Bad($"{DayNames[d]}的时间段 {days[d][i - 1].Text} 与 {days[d][i].Text} 重叠。");
                }
            }
        }

        return new OpeningHours([.. days.Select(d => (IReadOnlyList<OpeningRange>)d.AsReadOnly())]);
    }

    /// <summary>True when the point is open at this weekday and time of day.</summary>
    public bool IsOpen(DayOfWeek day, TimeOnly time)
    {
        var minute = (time.Hour * 60) + time.Minute;
        return Days[Index(day)].Any(r => minute >= r.FromMinute && minute < r.ToMinute);
    }

    /// <summary>The canonical text: consecutive days with equal ranges grouped, e.g. "1-5 08:00-11:30,13:30-17:00; 6 09:00-12:00".</summary>
    public string ToText() => Format((first, last) => first == last ? $"{first + 1}" : $"{first + 1}-{last + 1}", ",", "; ");

    /// <summary>The Chinese description, e.g. "周一至周五 08:00-11:30、13:30-17:00；周六 09:00-12:00".</summary>
    public string Describe() => IsClosedAllWeek ? "未登记营业时间" : Format((first, last) => first == last ? DayNames[first] : $"{DayNames[first]}至{DayNames[last]}", "、", "；");

    private string Format(Func<int, int, string> days, string rangeSeparator, string groupSeparator)
    {
        var groups = new List<string>();
        var d = 0;
        while (d < 7)
        {
            if (Days[d].Count == 0)
            {
                d++;
                continue;
            }

            var last = d;
            while (last + 1 < 7 && Days[last + 1].SequenceEqual(Days[d]))
            {
                last++;
            }

            groups.Add($"{days(d, last)} {string.Join(rangeSeparator, Days[d].Select(r => r.Text))}");
            d = last + 1;
        }

        return string.Join(groupSeparator, groups);
    }

    private static int Index(DayOfWeek day) => day == DayOfWeek.Sunday ? 6 : (int)day - 1;

    private static List<int>? ParseDays(string text)
    {
        var result = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length is < 1 or > 2 || !ends.All(e => e.Length == 1 && e[0] is >= '1' and <= '7'))
            {
                return null;
            }

            var first = ends[0][0] - '1';
            var last = ends[^1][0] - '1';
            if (last < first)
            {
                return null;
            }

            result.AddRange(Enumerable.Range(first, last - first + 1));
        }

        return result.Count == 0 ? null : result;
    }

    private static int? Minute(string text)
    {
        if (text.Length != 5 || text[2] != ':' || !TimeText(text, out var h, out var m))
        {
            return null;
        }

        return (h == 24 && m == 0) || (h < 24 && m < 60) ? (h * 60) + m : null;
    }

    private static bool TimeText(string text, out int hour, out int minute)
    {
        minute = 0;
        return int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out hour)
            && int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out minute);
    }

    private static Error Bad(string message) => Error.Validation("provider.bad_opening_hours", "营业时间有误：" + message);
}
