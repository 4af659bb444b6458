using System.Text;
using Jiuzhu.Cases.Data;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Cases.Calendar;

/// <summary>What an import did to one year: "added", "updated" or "unchanged", with the days added, removed and changed.</summary>
public sealed record CalendarYearImport(int Year, string Outcome, int Holidays, int AdjustedWorkingDays, int Added, int Removed, int Changed);

/// <summary>What an import did.</summary>
public sealed record CalendarImportResult(string? Source, IReadOnlyList<CalendarYearImport> Years);

/// <summary>
/// Loads official holiday arrangements (the file of ../shared/data/calendar, or the same shape from the API or a
/// page) into the database. Only system administrators and the platform itself may do it. The whole input is
/// validated before anything is written; each year in it replaces the stored one in one transaction (a correction
/// after a new State Council notice), and loading the same input again changes nothing. Every changed year is audited.
/// </summary>
public sealed class CalendarImporter(ICalendarData data, ICurrentActor actor, IAuditTrail audit, TimeProvider clock, IWorkingCalendarProvider calendars)
{
    public const string Added = "added";
    public const string Updated = "updated";
    public const string Unchanged = "unchanged";

    /// <summary>Region code of platform-wide audit entries: the calendar belongs to no one place.</summary>
    private const string PlatformRegion = "000000000000";

    public bool CanImport => actor.Kind == ActorKind.System || actor.IsInRole(Roles.SystemAdmin);

    /// <summary>Loads a file such as ../shared/data/calendar/cn-public-holidays.json.</summary>
    public async Task<Result<CalendarImportResult>> ImportAsync(string file, CancellationToken ct = default)
    {
        if (!CanImport)
        {
            return await RefuseAsync(ct);
        }

        var info = new FileInfo(file);
        if (!info.Exists)
        {
            return Error.Validation("calendar.file_not_found", $"找不到节假日安排文件：{file}");
        }

        if (info.Length > CalendarFile.MaxBytes)
        {
            return Error.Validation(CalendarFile.InvalidCode, $"文件过大（{info.Length:N0} 字节），节假日安排文件不超过 {CalendarFile.MaxBytes:N0} 字节：{file}");
        }

        string json;
        try
        {
            json = await File.ReadAllTextAsync(file, new UTF8Encoding(false, true), ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            return Error.Validation(CalendarFile.InvalidCode, $"无法读取 {file}（须为 UTF-8 编码的 JSON）：{ex.Message}");
        }

        return await ImportJsonAsync(json, $"文件 {info.Name}", ct);
    }

    /// <summary>Loads arrangements given as JSON text; <paramref name="origin"/> is the source recorded when the text names none.</summary>
    public async Task<Result<CalendarImportResult>> ImportJsonAsync(string json, string origin, CancellationToken ct = default)
    {
        if (!CanImport)
        {
            return await RefuseAsync(ct);
        }

        var parsed = CalendarFile.Parse(json);
        if (!parsed.IsSuccess)
        {
            return parsed.Error!;
        }

        var document = parsed.Value;
        var source = document.Source ?? $"{origin}（{actor.Name}）";
        if (source.Length > CalendarFile.MaxSourceLength)
        {
            source = source[..CalendarFile.MaxSourceLength];
        }

        var results = new List<CalendarYearImport>();
        await using var tx = await data.Database.BeginTransactionAsync(ct);
        try
        {
            // One save per year: each year is its own audit entry, and a unit of work seals one entry.
            foreach (var spec in document.Years)
            {
                results.Add(await ApplyAsync(spec, source, ct));
                await data.SaveChangesAsync(ct);
            }

            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict("calendar.import_conflict", "另一项节假日安排录入正在进行，未作任何更改，请稍后重试。");
        }
        finally
        {
            calendars.Invalidate();
        }

        return new CalendarImportResult(document.Source, results);
    }

    private async Task<CalendarYearImport> ApplyAsync(CalendarYearSpec spec, string source, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var year = await data.CalendarYears.FirstOrDefaultAsync(y => y.Year == spec.Year, ct);
        var stored = await data.CalendarDays.Where(d => d.Year == spec.Year).ToDictionaryAsync(d => d.Date, ct);
        var wanted = spec.Entries.ToDictionary(e => e.Date);
        var added = 0;
        var changed = 0;
        foreach (var entry in spec.Entries)
        {
            if (!stored.TryGetValue(entry.Date, out var day))
            {
                data.CalendarDays.Add(new CalendarDay(entry));
                added++;
            }
            else if (day.Change(entry))
            {
                changed++;
            }
        }

        var removed = 0;
        foreach (var day in stored.Values.Where(d => !wanted.ContainsKey(d.Date)))
        {
            data.CalendarDays.Remove(day);
            removed++;
        }

        string outcome;
        if (year is null)
        {
            data.CalendarYears.Add(new CalendarYear(spec.Year, source, actor.Name, now));
            outcome = Added;
            audit.Record(new AuditEvent("calendar.year.import", "calendar-year", spec.Year.ToString(), PlatformRegion, AuditOutcome.Success,
                $"载入 {spec.Year} 年节假日安排：节假日 {spec.Holidays} 天，调休上班 {spec.AdjustedWorkingDays} 天；来源：{Clip(source)}"));
        }
        else if (added + removed + changed > 0 || year.Source != source)
        {
            year.Reload(source, actor.Name, now);
            outcome = Updated;
            audit.Record(new AuditEvent("calendar.year.import", "calendar-year", spec.Year.ToString(), PlatformRegion, AuditOutcome.Success,
                $"更正 {spec.Year} 年节假日安排：新增 {added} 天，删除 {removed} 天，变更 {changed} 天（现为节假日 {spec.Holidays} 天，调休上班 {spec.AdjustedWorkingDays} 天）；来源：{Clip(source)}"));
        }
        else
        {
            outcome = Unchanged;
        }

        return new CalendarYearImport(spec.Year, outcome, spec.Holidays, spec.AdjustedWorkingDays, added, removed, changed);
    }

    private async Task<Error> RefuseAsync(CancellationToken ct)
    {
        await audit.WriteNowAsync(
            new AuditEvent("calendar.year.import", "calendar-year", null, PlatformRegion, AuditOutcome.Denied, "无权录入节假日安排"), ct);
        return Error.Forbidden("calendar.forbidden", "只有系统管理员可以录入或更正节假日安排。");
    }

    private static string Clip(string text) => text.Length <= 120 ? text : text[..120] + "…";
}

/// <summary>A loaded year as lists show it.</summary>
public sealed record CalendarYearSummary(int Year, string Source, DateTimeOffset LoadedAt, string LoadedBy, int Holidays, int AdjustedWorkingDays);

/// <summary>Reads the loaded holiday arrangements; open to every signed-in account.</summary>
public sealed class CalendarQueries(ICalendarData data)
{
    public async Task<IReadOnlyList<CalendarYearSummary>> YearsAsync(CancellationToken ct = default)
    {
        var years = await data.CalendarYears.AsNoTracking().OrderBy(y => y.Year).ToListAsync(ct);
        var counts = await data.CalendarDays.AsNoTracking()
            .GroupBy(d => new { d.Year, d.Kind })
            .Select(g => new { g.Key.Year, g.Key.Kind, Count = g.Count() })
            .ToListAsync(ct);
        int Count(int year, CalendarDayKind kind) => counts.FirstOrDefault(c => c.Year == year && c.Kind == kind)?.Count ?? 0;
        return years.Select(y => new CalendarYearSummary(
            y.Year, y.Source, y.LoadedAt, y.LoadedBy, Count(y.Year, CalendarDayKind.Holiday), Count(y.Year, CalendarDayKind.AdjustedWorkingDay))).ToList();
    }

    /// <summary>The holidays and adjusted working days of a loaded year, in date order.</summary>
    public async Task<Result<IReadOnlyList<CalendarEntry>>> DaysAsync(int year, CancellationToken ct = default)
    {
        if (!await data.CalendarYears.AnyAsync(y => y.Year == year, ct))
        {
            return Error.NotFound("calendar.year_not_found", $"尚未载入 {year} 年的节假日安排。");
        }

        var days = await data.CalendarDays.AsNoTracking().Where(d => d.Year == year).OrderBy(d => d.Date)
            .Select(d => new CalendarEntry(d.Date, d.Kind, d.Name)).ToListAsync(ct);
        return days;
    }
}
