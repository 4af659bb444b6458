using Jiuzhu.Cases.Calendar;

namespace Jiuzhu.Tests.Calendar;

/// <summary>The official 2025 and 2026 arrangements of ../shared/data/calendar, read through the importer's parser.</summary>
internal static class OfficialCalendar
{
    public static string FilePath => SharedData.Path("calendar", "cn-public-holidays.json");

    public static CalendarDocument Document()
    {
        var parsed = CalendarFile.Parse(File.ReadAllText(FilePath));
        Assert.True(parsed.IsSuccess, parsed.Error?.Message);
        return parsed.Value;
    }

    public static WorkingCalendar Load()
    {
        var document = Document();
        return new WorkingCalendar(document.Years.Select(y => y.Year), document.Years.SelectMany(y => y.Entries));
    }

    public static DateOnly D(int year, int month, int day) => new(year, month, day);
}
