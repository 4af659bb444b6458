namespace Jiuzhu.Cli;

/// <summary>
/// Finds files of the shared data folder (../shared/data next to the checkout, or shared/data above the program)
/// when no location is configured: the national division files and the official holiday calendar.
/// </summary>
public static class SharedDataFolder
{
    /// <summary>The folder of the national division files (areas.csv, villages.csv.gz…).</summary>
    public const string Divisions = "divisions";

    /// <summary>The national base service catalog (schema jiuzhu-catalog/1).</summary>
    public const string Catalog = "catalog.json";

    /// <summary>The official holiday arrangements of 2025 and 2026.</summary>
    public const string HolidayCalendar = "calendar/cn-public-holidays.json";

    /// <summary>The division folder: the configured one if it exists, else the shared one; null when neither is there.</summary>
    public static string? FindDivisions(string? configured) =>
        !string.IsNullOrWhiteSpace(configured)
            ? Directory.Exists(configured) ? Path.GetFullPath(configured) : null
            : Find(Path.Combine(Divisions, "areas.csv")) is { } areas ? Path.GetDirectoryName(areas) : null;

    /// <summary>The holiday calendar file: the configured one if it exists, else the shared one; null when neither is there.</summary>
    public static string? FindHolidayCalendar(string? configured) =>
        !string.IsNullOrWhiteSpace(configured)
            ? File.Exists(configured) ? Path.GetFullPath(configured) : null
            : Find(HolidayCalendar);

    /// <summary>The full path of <paramref name="relativePath"/> under the nearest shared data folder, or null.</summary>
    public static string? Find(string relativePath)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var root in new[] { Path.Combine(dir.FullName, "shared", "data"), Path.Combine(dir.FullName, "..", "shared", "data") })
                {
                    var candidate = Path.Combine(root, relativePath);
                    if (File.Exists(candidate))
                    {
                        return Path.GetFullPath(candidate);
                    }
                }
            }
        }

        return null;
    }
}
