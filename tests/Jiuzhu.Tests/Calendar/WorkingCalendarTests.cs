using Jiuzhu.Cases.Calendar;
using static Jiuzhu.Tests.Calendar.OfficialCalendar;

namespace Jiuzhu.Tests.Calendar;

public sealed class WorkingCalendarTests
{
    private readonly WorkingCalendar _calendar = Load();

    [Fact]
    public void The_2026_Spring_Festival_is_off_and_its_two_Saturdays_are_working_days()
    {
        Assert.True(_calendar.IsWorkingDay(D(2026, 2, 13)));  // Friday
        Assert.True(_calendar.IsWorkingDay(D(2026, 2, 14)));  // Saturday, adjusted
        for (var day = 15; day <= 23; day++)
        {
            Assert.False(_calendar.IsWorkingDay(D(2026, 2, day)), $"2026-02-{day}");
        }

        Assert.True(_calendar.IsWorkingDay(D(2026, 2, 24)));  // Tuesday
        Assert.True(_calendar.IsWorkingDay(D(2026, 2, 28)));  // Saturday, adjusted
        Assert.False(_calendar.IsWorkingDay(D(2026, 3, 1)));  // an ordinary Sunday
        Assert.False(_calendar.IsWorkingDay(D(2026, 3, 7)));  // an ordinary Saturday
    }

    [Fact]
    public void Accepting_on_the_Friday_before_the_Spring_Festival_is_due_after_the_holiday()
    {
        // Counting starts the next working day: Sat 14 (adjusted) is day 1, Tue 24 day 2, Wed 25 day 3.
        Assert.Equal(D(2026, 2, 14), _calendar.AddWorkingDays(D(2026, 2, 13), 1));
        Assert.Equal(D(2026, 2, 25), _calendar.AddWorkingDays(D(2026, 2, 13), 3));
        Assert.Equal(D(2026, 2, 24), _calendar.AddWorkingDays(D(2026, 2, 12), 3));
        // 20 working days, through the adjusted Saturday 28 February: 19 March.
        Assert.Equal(D(2026, 3, 19), _calendar.AddWorkingDays(D(2026, 2, 13), 20));
    }

    [Fact]
    public void An_event_on_a_holiday_counts_from_the_first_working_day_after_it()
    {
        Assert.Equal(D(2026, 2, 24), _calendar.AddWorkingDays(D(2026, 2, 17), 1));
        Assert.Equal(D(2026, 2, 26), _calendar.AddWorkingDays(D(2026, 2, 15), 3));
    }

    [Fact]
    public void National_Day_2026_and_its_adjusted_weekends()
    {
        Assert.True(_calendar.IsWorkingDay(D(2026, 9, 20)));   // Sunday, adjusted
        Assert.False(_calendar.IsWorkingDay(D(2026, 9, 25)));  // Mid-Autumn, a Friday
        Assert.True(_calendar.IsWorkingDay(D(2026, 10, 10)));  // Saturday, adjusted
        Assert.False(_calendar.IsWorkingDay(D(2026, 10, 5)));  // a Monday of the golden week
        Assert.Equal(D(2026, 9, 20), _calendar.AddWorkingDays(D(2026, 9, 18), 1));
        Assert.Equal(D(2026, 9, 28), _calendar.AddWorkingDays(D(2026, 9, 24), 1));
        // Accepted on the last day before the holiday: Thu 8, Fri 9, Sat 10 (adjusted).
        Assert.Equal(D(2026, 10, 10), _calendar.AddWorkingDays(D(2026, 9, 30), 3));
        Assert.Equal(D(2026, 10, 12), _calendar.AddWorkingDays(D(2026, 9, 30), 4));
    }

    [Fact]
    public void The_2025_calendar_has_its_own_festivals_and_adjusted_days()
    {
        Assert.True(_calendar.IsWorkingDay(D(2025, 1, 26)));   // Sunday before the Spring Festival
        Assert.False(_calendar.IsWorkingDay(D(2025, 1, 28)));
        Assert.True(_calendar.IsWorkingDay(D(2025, 2, 8)));    // Saturday after it
        Assert.Equal(D(2025, 1, 26), _calendar.AddWorkingDays(D(2025, 1, 24), 1));
        Assert.Equal(D(2025, 2, 5), _calendar.AddWorkingDays(D(2025, 1, 24), 3));
        // National Day and Mid-Autumn together, 1–8 October, with Saturday 11 October worked.
        Assert.Equal(D(2025, 10, 11), _calendar.AddWorkingDays(D(2025, 9, 30), 3));
        Assert.True(_calendar.IsWorkingDay(D(2025, 9, 28)));
    }

    [Fact]
    public void Counting_crosses_from_2025_into_2026_over_New_Year()
    {
        // 1–3 January 2026 are off, Sunday 4 January is worked.
        Assert.Equal(D(2026, 1, 4), _calendar.AddWorkingDays(D(2025, 12, 31), 1));
        Assert.Equal(D(2026, 1, 5), _calendar.AddWorkingDays(D(2025, 12, 31), 2));
    }

    [Fact]
    public void Both_years_have_248_working_days()
    {
        // 365 days − 104 weekend days − weekday holidays (18 in 2025, 19 in 2026) + adjusted days (5, 6).
        Assert.Equal(248, _calendar.WorkingDaysBetween(D(2024, 12, 31), D(2025, 12, 31)));
        Assert.Equal(248, _calendar.WorkingDaysBetween(D(2025, 12, 31), D(2026, 12, 31)));
    }

    [Fact]
    public void Working_days_between_undoes_adding_them()
    {
        for (var date = D(2025, 1, 1); date <= D(2026, 11, 30); date = date.AddDays(1))
        {
            foreach (var n in new[] { 0, 1, 2, 3, 5, 20 })
            {
                var due = _calendar.AddWorkingDays(date, n);
                Assert.Equal(n, _calendar.WorkingDaysBetween(date, due));
                Assert.Equal(-n, _calendar.WorkingDaysBetween(due, date));
                Assert.True(n == 0 || _calendar.IsWorkingDay(due), $"{date} + {n} landed on a day off");
            }
        }
    }

    [Fact]
    public void A_year_that_was_not_loaded_is_an_error_not_a_guess()
    {
        var missing = Assert.Throws<CalendarYearMissingException>(() => _calendar.IsWorkingDay(D(2027, 1, 4)));
        Assert.Equal(2027, missing.Year);
        Assert.Equal("尚未载入 2027 年的节假日安排，请管理员先录入", missing.Message);
        Assert.Equal("calendar.year_missing", missing.ToError().Code);

        // Wed 30 December 2026 + 1 is Thursday 31; the second working day lies in 2027.
        Assert.Equal(D(2026, 12, 31), _calendar.AddWorkingDays(D(2026, 12, 30), 1));
        Assert.Equal(2027, Assert.Throws<CalendarYearMissingException>(() => _calendar.AddWorkingDays(D(2026, 12, 30), 2)).Year);
        Assert.Equal(2024, Assert.Throws<CalendarYearMissingException>(() => _calendar.WorkingDaysBetween(D(2025, 1, 2), D(2024, 12, 30))).Year);
        Assert.Throws<CalendarYearMissingException>(() => WorkingCalendar.Empty.IsWorkingDay(D(2026, 3, 2)));
    }

    [Fact]
    public void The_calendar_refuses_impossible_input_as_a_bug()
    {
        Assert.Throws<ArgumentException>(() => new WorkingCalendar([2026], [new CalendarEntry(D(2026, 3, 2), CalendarDayKind.AdjustedWorkingDay, null)]));
        Assert.Throws<ArgumentException>(() => new WorkingCalendar([2026], [new CalendarEntry(D(2027, 1, 1), CalendarDayKind.Holiday, "元旦")]));
        Assert.Throws<ArgumentOutOfRangeException>(() => _calendar.AddWorkingDays(D(2026, 3, 2), -1));
    }

    [Fact]
    public void Working_day_deadlines_end_at_midnight_China_time()
    {
        // Accepted Friday 13 February 2026 at 10:00 in Beijing: due by the end of Wednesday 25 February.
        var accepted = new DateTimeOffset(2026, 2, 13, 10, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(new DateTimeOffset(2026, 2, 25, 16, 0, 0, TimeSpan.Zero), _calendar.EndOfWorkingDays(accepted, 3));
    }

    [Fact]
    public void The_event_date_is_the_China_date_not_the_UTC_date()
    {
        // 16:30 UTC on Friday is 00:30 on Saturday 14 February in Beijing: the adjusted Saturday is the event day and does not count.
        var accepted = new DateTimeOffset(2026, 2, 13, 16, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 2, 26, 16, 0, 0, TimeSpan.Zero), _calendar.EndOfWorkingDays(accepted, 3));
    }
}
