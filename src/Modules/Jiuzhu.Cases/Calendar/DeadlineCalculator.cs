using Jiuzhu.Kernel;

namespace Jiuzhu.Cases.Calendar;

/// <summary>Where a deadline stands.</summary>
public enum DeadlineStatus
{
    OnTrack = 1, // 期限内
    DueSoon = 2, // 即将到期
    Overdue = 3, // 已超期
}

/// <summary>When a deadline counts as due soon.</summary>
public enum DueSoonMode
{
    /// <summary>When at most <see cref="DeadlineOptions.DueSoonWorkingDays"/> working days are left.</summary>
    WorkingDays = 1,

    /// <summary>When at most <see cref="DeadlineOptions.DueSoonFraction"/> of the whole time is left.</summary>
    Fraction = 2,
}

/// <summary>Deadline settings of the installation. Configuration section "Deadlines".</summary>
public sealed class DeadlineOptions
{
    public const string Section = "Deadlines";

    public DueSoonMode DueSoon { get; set; } = DueSoonMode.WorkingDays;

    /// <summary>Working days left (after today) at which a deadline is due soon; 1 = due tomorrow or today.</summary>
    public int DueSoonWorkingDays { get; set; } = 1;

    /// <summary>Share of the whole time left at which a deadline is due soon.</summary>
    public double DueSoonFraction { get; set; } = 0.25;
}

/// <summary>
/// Computes due instants and deadline states from one snapshot of the calendar and the policies, without touching the
/// database: an inbox of hundreds of cases uses one calculator. Throws <see cref="CalendarYearMissingException"/>
/// when a working-day computation reaches a year nobody has loaded.
/// </summary>
public sealed class DeadlineCalculator(WorkingCalendar calendar, DeadlinePolicySet policies, DeadlineOptions options)
{
    public WorkingCalendar Calendar { get; } = calendar;

    public DeadlinePolicySet Policies { get; } = policies;

    public EffectivePolicy Resolve(DeadlineStep step, string caseType, RegionCode region) => Policies.Resolve(step, caseType, region);

    /// <summary>When <paramref name="step"/> of a case of <paramref name="caseType"/> in <paramref name="region"/>, started at <paramref name="from"/>, is due (UTC).</summary>
    public DateTimeOffset Due(DeadlineStep step, string caseType, RegionCode region, DateTimeOffset from) =>
        Resolve(step, caseType, region).Rule.DueFrom(from, Calendar);

    /// <summary>
    /// Overdue from the due instant on. Before it, due soon by the configured rule: working days left after today
    /// (China date), or the share of the time left. Hour deadlines always use the share: a working day is as long as
    /// the whole of a 24-hour deadline, so by working days an urgent case would be due soon from its first minute.
    /// </summary>
    public DeadlineStatus Classify(DateTimeOffset start, DateTimeOffset due, DeadlineUnit unit, DateTimeOffset now)
    {
        if (now >= due)
        {
            return DeadlineStatus.Overdue;
        }

        if (options.DueSoon == DueSoonMode.Fraction || unit == DeadlineUnit.Hours)
        {
            var total = due - start;
            return total <= TimeSpan.Zero || (due - now).Ticks <= total.Ticks * options.DueSoonFraction
                ? DeadlineStatus.DueSoon
                : DeadlineStatus.OnTrack;
        }

        // Count forward only as far as the threshold, so a re-check a year ahead needs no calendar for that year yet.
        var today = ChinaDate(now);
        var lastDay = ChinaDate(due.AddTicks(-1));
        var left = 0;
        for (var date = today.AddDays(1); date <= lastDay; date = date.AddDays(1))
        {
            if (Calendar.IsWorkingDay(date) && ++left > options.DueSoonWorkingDays)
            {
                return DeadlineStatus.OnTrack;
            }
        }

        return DeadlineStatus.DueSoon;
    }

    public static string StatusName(DeadlineStatus status) => status switch
    {
        DeadlineStatus.OnTrack => "期限内",
        DeadlineStatus.DueSoon => "即将到期",
        DeadlineStatus.Overdue => "已超期",
        _ => status.ToString(),
    };

    private static DateOnly ChinaDate(DateTimeOffset instant) => DateOnly.FromDateTime(ChinaTime.ToChina(instant).DateTime);
}
