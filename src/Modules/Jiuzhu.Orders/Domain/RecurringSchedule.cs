using Jiuzhu.Catalog.Domain;

namespace Jiuzhu.Orders.Domain;

/// <summary>A window of days (both ends included) in which one service of a recurring item is due.</summary>
public readonly record struct ServiceWindow(DateOnly Start, DateOnly End);

/// <summary>
/// The windows in which a recurring item (daily meals, weekly cleaning…) is due, one order per window: daily — each
/// day; weekly — Monday to Sunday; biweekly — fourteen days counted from the plan's start; monthly — the calendar month.
/// Windows are clipped to the plan's service period; on-demand items have none (orders are dispatched one by one).
/// </summary>
public static class RecurringSchedule
{
    /// <summary>The Monday of the week holding <paramref name="day"/> (weeks run Monday to Sunday, as in China).</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static IReadOnlyList<ServiceWindow> Windows(ServiceFrequency frequency, DateOnly planStart, DateOnly planEnd, DateOnly from, DateOnly to)
    {
        var first = planStart > from ? planStart : from;
        var last = planEnd < to ? planEnd : to;
        var windows = new List<ServiceWindow>();
        if (last < first || frequency == ServiceFrequency.OnDemand)
        {
            return windows;
        }

        var start = frequency switch
        {
            ServiceFrequency.Daily => first,
            ServiceFrequency.Weekly => WeekStart(first),
            ServiceFrequency.Biweekly => planStart.AddDays((first.DayNumber - planStart.DayNumber) / 14 * 14),
            _ => new DateOnly(first.Year, first.Month, 1),
        };
        while (start <= last)
        {
            var next = frequency switch
            {
                ServiceFrequency.Daily => start.AddDays(1),
                ServiceFrequency.Weekly => start.AddDays(7),
                ServiceFrequency.Biweekly => start.AddDays(14),
                _ => start.AddMonths(1),
            };
            var end = next.AddDays(-1);
            windows.Add(new ServiceWindow(start < planStart ? planStart : start, end > planEnd ? planEnd : end));
            start = next;
        }

        return windows;
    }
}

/// <summary>
/// Providers that decline too often are flagged for the county to look at: at least <see cref="MinimumOrders"/>
/// orders answered in the last <see cref="WindowDays"/> days and more than <see cref="MaximumRate"/> of them declined.
/// </summary>
public static class DeclineFlag
{
    public const int WindowDays = 30;
    public const int MinimumOrders = 5;
    public const decimal MaximumRate = 0.3m;

    public static bool IsFlagged(int answered, int declined) =>
        answered >= MinimumOrders && declined > MaximumRate * answered;
}
