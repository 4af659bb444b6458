namespace Jiuzhu.Cases.Calendar;

/// <summary>One year's official holiday arrangement (节假日安排) as loaded: where it came from, when and by whom.</summary>
public sealed class CalendarYear
{
    private CalendarYear()
    {
        Source = LoadedBy = string.Empty;
    }

    public CalendarYear(int year, string source, string loadedBy, DateTimeOffset loadedAt)
    {
        Year = year;
        Source = source;
        LoadedBy = loadedBy;
        LoadedAt = loadedAt;
    }

    public int Year { get; private set; }

    /// <summary>The notice the arrangement comes from (e.g. 国办发明电〔2024〕12号), or who entered it.</summary>
    public string Source { get; private set; }

    public DateTimeOffset LoadedAt { get; private set; }

    public string LoadedBy { get; private set; }

    public void Reload(string source, string loadedBy, DateTimeOffset loadedAt)
    {
        Source = source;
        LoadedBy = loadedBy;
        LoadedAt = loadedAt;
    }
}

/// <summary>A date of a loaded year that is a public holiday or an adjusted working day; other dates are ordinary.</summary>
public sealed class CalendarDay
{
    private CalendarDay()
    {
    }

    public CalendarDay(CalendarEntry entry)
    {
        Date = entry.Date;
        Year = entry.Date.Year;
        Kind = entry.Kind;
        Name = entry.Name;
    }

    public DateOnly Date { get; private set; }

    public int Year { get; private set; }

    public CalendarDayKind Kind { get; private set; }

    /// <summary>The festival: 春节, 国庆节…; for an adjusted working day the festival it makes up for.</summary>
    public string? Name { get; private set; }

    public CalendarEntry ToEntry() => new(Date, Kind, Name);

    /// <summary>Takes the kind and name of <paramref name="entry"/> (same date); true when anything changed.</summary>
    public bool Change(CalendarEntry entry)
    {
        if (Kind == entry.Kind && Name == entry.Name)
        {
            return false;
        }

        Kind = entry.Kind;
        Name = entry.Name;
        return true;
    }
}
