using Jiuzhu.Cases.Calendar;
using Jiuzhu.Cases.Domain;
using Jiuzhu.Kernel;

namespace Jiuzhu.Web.Components.Calendar;

/// <summary>Chinese labels of the calendar pages, used as localization keys, and the colours of the month grid.</summary>
public static class CalendarText
{
    /// <summary>Who sees the calendar page: the system administrator loads years, deadline editors look them up.</summary>
    public const string CalendarPageRoles = Roles.SystemAdmin + "," + DeadlinePolicyAdministration.EditorRoles;

    /// <summary>Every label these helpers can produce, for the translation test.</summary>
    public static IEnumerable<string> AllLabels() =>
        DeadlineTerms.Steps.Select(DeadlineTerms.StepName)
            .Concat(DeadlineTerms.Units.Select(DeadlineTerms.UnitName))
            .Concat(CaseTypes.All.Append(CaseTypes.Any).Select(CaseTypes.ChineseName))
            .Concat(Enum.GetValues<CalendarDayKind>().Select(Kind))
            .Concat(Enum.GetValues<DeadlineStatus>().Select(DeadlineCalculator.StatusName))
            .Concat(Weekdays);

    /// <summary>Day names, Monday first: the column heads of a month.</summary>
    public static IReadOnlyList<string> Weekdays { get; } = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

    public static string Weekday(DateOnly date) => Weekdays[((int)date.DayOfWeek + 6) % 7];

    public static string Kind(CalendarDayKind kind) => kind == CalendarDayKind.Holiday ? "放假" : "调休上班";

    public const string HolidayColour = "#ffcdd2";
    public const string AdjustedColour = "#bbdefb";

    /// <summary>The inline style of a day cell: holidays red, adjusted working days blue, ordinary weekends grey.</summary>
    public static string DayStyle(DateOnly date, CalendarEntry? entry) => entry?.Kind switch
    {
        CalendarDayKind.Holiday => $"background:{HolidayColour};color:#b71c1c;font-weight:600",
        CalendarDayKind.AdjustedWorkingDay => $"background:{AdjustedColour};color:#0d47a1;font-weight:600",
        _ => WorkingCalendar.IsWeekend(date) ? "color:#9e9e9e" : string.Empty,
    };
}
