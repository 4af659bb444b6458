using Jiuzhu.Cases.Calendar;
using Jiuzhu.Cases.Domain;
using Jiuzhu.Kernel;
using static Jiuzhu.Tests.Calendar.OfficialCalendar;

namespace Jiuzhu.Tests.Calendar;

public sealed class DeadlineCalculatorTests
{
    private static readonly RegionCode Village = RegionCode.Parse("371121001201");
    private readonly DeadlineCalculator _defaults = new(Load(), DeadlinePolicySet.Defaults, new DeadlineOptions());

    [Fact]
    public void Acceptance_on_the_Friday_before_the_Spring_Festival_is_due_at_the_end_of_the_third_working_day_after_it()
    {
        var due = _defaults.Due(DeadlineStep.Acceptance, CaseTypes.MinimumLiving, Village, Beijing(2026, 2, 13, 10));
        Assert.Equal(Beijing(2026, 2, 26, 0), due);
    }

    [Fact]
    public void A_low_income_decision_follows_the_county_policy()
    {
        var calculator = new DeadlineCalculator(Load(), new DeadlinePolicySet([DeadlinePolicyTests.Row("371121", DeadlineStep.Decision, CaseTypes.MinimumLiving, 30)]), new DeadlineOptions());
        // 30 working days from Monday 2 March 2026: through Qingming (6 April off) to Tuesday 14 April.
        Assert.Equal(Beijing(2026, 4, 15, 0), calculator.Due(DeadlineStep.Decision, CaseTypes.MinimumLiving, Village, Beijing(2026, 3, 2, 9)));
        Assert.Equal(Beijing(2026, 3, 31, 0), calculator.Due(DeadlineStep.Decision, CaseTypes.Temporary, Village, Beijing(2026, 3, 2, 9)));
    }

    [Fact]
    public void Urgent_first_response_is_24_hours_of_elapsed_time_even_over_the_Spring_Festival()
    {
        var reported = Beijing(2026, 2, 16, 20);
        Assert.Equal(Beijing(2026, 2, 17, 20), _defaults.Due(DeadlineStep.UrgentFirstResponse, CaseTypes.Temporary, Village, reported));
    }

    [Fact]
    public void Re_checks_are_calendar_months_and_need_no_calendar_for_next_year()
    {
        Assert.Equal(Beijing(2027, 3, 31, 9), _defaults.Due(DeadlineStep.ReassessmentStable, CaseTypes.MinimumLiving, Village, Beijing(2026, 3, 31, 9)));
        Assert.Equal(Beijing(2027, 2, 28, 9), _defaults.Due(DeadlineStep.ReassessmentVariableIncome, CaseTypes.MinimumLiving, Village, Beijing(2026, 8, 31, 9)));
    }

    [Fact]
    public void A_working_day_deadline_is_due_soon_on_its_last_working_day_and_the_one_before()
    {
        // Accepted Tuesday 3 March 2026: due by the end of Friday 6 March.
        var start = Beijing(2026, 3, 3, 9);
        var due = _defaults.Due(DeadlineStep.Acceptance, CaseTypes.MinimumLiving, Village, start);
        Assert.Equal(DeadlineStatus.OnTrack, _defaults.Classify(start, due, DeadlineUnit.WorkingDays, Beijing(2026, 3, 4, 17)));
        Assert.Equal(DeadlineStatus.DueSoon, _defaults.Classify(start, due, DeadlineUnit.WorkingDays, Beijing(2026, 3, 5, 8)));
        Assert.Equal(DeadlineStatus.DueSoon, _defaults.Classify(start, due, DeadlineUnit.WorkingDays, Beijing(2026, 3, 6, 23).AddMinutes(59)));
        Assert.Equal(DeadlineStatus.Overdue, _defaults.Classify(start, due, DeadlineUnit.WorkingDays, Beijing(2026, 3, 7, 0)));
    }

    [Fact]
    public void Holidays_do_not_count_towards_due_soon()
    {
        // Accepted 13 February, due by the end of 25 February: during the holiday two working days are still left.
        var start = Beijing(2026, 2, 13, 10);
        var due = Beijing(2026, 2, 26, 0);
        Assert.Equal(DeadlineStatus.OnTrack, _defaults.Classify(start, due, DeadlineUnit.WorkingDays, Beijing(2026, 2, 20, 12)));
        Assert.Equal(DeadlineStatus.OnTrack, _defaults.Classify(start, due, DeadlineUnit.WorkingDays, Beijing(2026, 2, 23, 12)));
        Assert.Equal(DeadlineStatus.DueSoon, _defaults.Classify(start, due, DeadlineUnit.WorkingDays, Beijing(2026, 2, 24, 12)));
    }

    [Fact]
    public void An_hour_deadline_is_due_soon_in_its_last_quarter()
    {
        var start = Beijing(2026, 2, 16, 20);
        var due = start.AddHours(24);
        Assert.Equal(DeadlineStatus.OnTrack, _defaults.Classify(start, due, DeadlineUnit.Hours, start.AddHours(17)));
        Assert.Equal(DeadlineStatus.DueSoon, _defaults.Classify(start, due, DeadlineUnit.Hours, start.AddHours(18)));
        Assert.Equal(DeadlineStatus.Overdue, _defaults.Classify(start, due, DeadlineUnit.Hours, due));
    }

    [Fact]
    public void Due_soon_can_be_set_to_a_share_of_the_time_left()
    {
        var byShare = new DeadlineCalculator(Load(), DeadlinePolicySet.Defaults, new DeadlineOptions { DueSoon = DueSoonMode.Fraction, DueSoonFraction = 0.5 });
        var start = Beijing(2026, 3, 2, 0);
        var due = Beijing(2026, 3, 12, 0);
        Assert.Equal(DeadlineStatus.OnTrack, byShare.Classify(start, due, DeadlineUnit.WorkingDays, Beijing(2026, 3, 6, 23)));
        Assert.Equal(DeadlineStatus.DueSoon, byShare.Classify(start, due, DeadlineUnit.WorkingDays, Beijing(2026, 3, 7, 0)));
    }

    [Fact]
    public void A_re_check_due_next_year_is_classified_without_next_years_calendar()
    {
        var start = Beijing(2026, 3, 31, 9);
        var due = _defaults.Due(DeadlineStep.ReassessmentStable, CaseTypes.MinimumLiving, Village, start);
        Assert.Equal(DeadlineStatus.OnTrack, _defaults.Classify(start, due, DeadlineUnit.Months, Beijing(2026, 6, 1, 9)));
    }

    [Fact]
    public void A_working_day_deadline_reaching_an_unloaded_year_reports_the_year()
    {
        var ex = Assert.Throws<CalendarYearMissingException>(() => _defaults.Due(DeadlineStep.Decision, CaseTypes.MinimumLiving, Village, Beijing(2026, 12, 15, 9)));
        Assert.Equal(2027, ex.Year);
    }

    private static DateTimeOffset Beijing(int year, int month, int day, int hour) =>
        new DateTimeOffset(year, month, day, hour, 0, 0, ChinaTime.Offset).ToUniversalTime();
}
