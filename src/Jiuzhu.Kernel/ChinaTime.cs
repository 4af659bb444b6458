namespace Jiuzhu.Kernel;

/// <summary>Times are stored in UTC and shown in China Standard Time (UTC+8, no daylight saving).</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset ToChina(DateTimeOffset utc) => utc.ToOffset(Offset);

    public static string Format(DateTimeOffset utc) => ToChina(utc).ToString("yyyy-MM-dd HH:mm:ss");

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>The China calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToChina(instant).DateTime);
}
