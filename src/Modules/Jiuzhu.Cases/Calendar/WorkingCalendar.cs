using Jiuzhu.Kernel;

namespace Jiuzhu.Cases.Calendar;

/// <summary>What the official arrangement says about a date that is not an ordinary weekday or weekend day.</summary>
public enum CalendarDayKind
{
    Holiday = 1,            // 法定节假日（放假）
    AdjustedWorkingDay = 2, // 调休上班日（周末上班）
}

/// <summary>One date of an official holiday arrangement; <paramref name="Name"/> is the festival it belongs to (春节, 国庆节…).</summary>
public sealed record CalendarEntry(DateOnly Date, CalendarDayKind Kind, string? Name);

/// <summary>
/// A deadline needs a year whose official holiday arrangement has not been loaded. The calendar never guesses
/// (treating every weekday as a working day would put deadlines inside a Spring Festival nobody entered).
/// </summary>
public sealed class CalendarYearMissingException(int year)
    : Exception($"尚未载入 {year} 年的节假日安排，请管理员先录入")
{
    public const string Code = "calendar.year_missing";

    public int Year { get; } = year;

    public Error ToError() => Error.Conflict(Code, Message);
}

/// <summary>
/// The working-day calendar of China (工作日历): Monday to Friday are working days unless they are a public holiday,
/// Saturday and Sunday are days off unless they are an adjusted working day (调休). It knows only the years whose
/// official arrangement was loaded; any computation that touches another year throws
/// <see cref="CalendarYearMissingException"/>. Dates are China Standard Time dates.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<int> _years;
    private readonly Dictionary<DateOnly, CalendarEntry> _entries;

    public WorkingCalendar(IEnumerable<int> years, IEnumerable<CalendarEntry> entries)
    {
        _years = [.. years];
        _entries = [];
        foreach (var entry in entries)
        {
            // The importer validates files; reaching these means a bug, not bad input.
            if (!_years.Contains(entry.Date.Year))
            {
                throw new ArgumentException($"{entry.Date:yyyy-MM-dd} lies outside the calendar's years.", nameof(entries));
            }

            if (entry.Kind == CalendarDayKind.AdjustedWorkingDay && !IsWeekend(entry.Date))
            {
                throw new ArgumentException($"{entry.Date:yyyy-MM-dd} is a weekday and cannot be an adjusted working day.", nameof(entries));
            }

            if (!_entries.TryAdd(entry.Date, entry))
            {
                throw new ArgumentException($"{entry.Date:yyyy-MM-dd} is listed twice.", nameof(entries));
            }
        }
    }

    /// <summary>A calendar that knows no year: every computation reports the missing year.</summary>
    public static WorkingCalendar Empty { get; } = new([], []);

    /// <summary>The years whose official arrangement is known, in order.</summary>
    public IReadOnlyList<int> Years => [.. _years.Order()];

    public bool Knows(int year) => _years.Contains(year);

    /// <summary>The holiday or adjusted working day on <paramref name="date"/>, or null for an ordinary day.</summary>
    public CalendarEntry? EntryOn(DateOnly date)
    {
        Require(date.Year);
        return _entries.GetValueOrDefault(date);
    }

    public bool IsWorkingDay(DateOnly date)
    {
        Require(date.Year);
        if (_entries.TryGetValue(date, out var entry))
        {
            return entry.Kind == CalendarDayKind.AdjustedWorkingDay;
        }

        return !IsWeekend(date);
    }

    /// <summary>
    /// The date by which something must be done "within <paramref name="workingDays"/> working days" of an event on
    /// <paramref name="eventDate"/>: counting starts on the first working day after the event date (the event's own day
    /// never counts, whatever the hour), and the result is the n-th such working day. Accepting an application on the
    /// Friday before a holiday therefore lands after the holiday. Zero working days means the event date itself.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly eventDate, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var date = eventDate;
        for (var counted = 0; counted < workingDays;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>
    /// The number of working days after <paramref name="from"/> up to and including <paramref name="to"/>
    /// (negative when <paramref name="to"/> is earlier), so that
    /// <c>WorkingDaysBetween(d, AddWorkingDays(d, n)) == n</c> for every n.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The instant a working-day deadline ends: midnight China Standard Time at the end of
    /// <see cref="AddWorkingDays"/> of the event's China date, in UTC.
    /// </summary>
    public DateTimeOffset EndOfWorkingDays(DateTimeOffset eventAt, int workingDays)
    {
        var eventDate = DateOnly.FromDateTime(ChinaTime.ToChina(eventAt).DateTime);
        return StartOfDay(AddWorkingDays(eventDate, workingDays).AddDays(1));
    }

    /// <summary>00:00 China Standard Time of <paramref name="date"/>, in UTC.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private void Require(int year)
    {
        if (!_years.Contains(year))
        {
            throw new CalendarYearMissingException(year);
        }
    }
}
