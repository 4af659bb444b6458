using Jiuzhu.Kernel.Spreadsheets;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Jiuzhu.Kernel;
using Jiuzhu.Registry.Domain;

namespace Jiuzhu.Registry.ImportHouseholds;

/// <summary>
/// The row-by-row error report of an import, as .xlsx or CSV: line, column, value and reason. Values come from the
/// problems, which carry identity and phone numbers masked already, so a report never holds a full number.
/// </summary>
public static class ImportReport
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";

    private static readonly string[] Headers = ["行号", "列", "内容", "错误代码", "原因"];

    public static byte[] Xlsx(IReadOnlyList<ImportProblem> problems) => XlsxWriter.Write(
    [
        new XlsxWorksheet("错误报告",
            [new XlsxColumn(Headers[0], 8), new XlsxColumn(Headers[1], 14), new XlsxColumn(Headers[2], 24, Text: true), new XlsxColumn(Headers[3], 28), new XlsxColumn(Headers[4], 80, Wrap: true)],
            problems.Select(Fields)),
    ]);

    /// <summary>UTF-8 with a byte order mark, so that Excel opens it with the Chinese text intact.</summary>
    public static byte[] Csv(IReadOnlyList<ImportProblem> problems)
    {
        var text = new StringBuilder(HouseholdImportTemplate.CsvLine(Headers));
        foreach (var p in problems)
        {
            text.Append(HouseholdImportTemplate.CsvLine(Fields(p)));
        }

        return [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>The report in the format the file name or format word asks for: .xlsx / "xlsx", anything else CSV.</summary>
    public static (byte[] Content, string ContentType, string Extension) Render(IReadOnlyList<ImportProblem> problems, string? format) =>
        IsXlsx(format) ? (Xlsx(problems), XlsxContentType, ".xlsx") : (Csv(problems), CsvContentType, ".csv");

    public static bool IsXlsx(string? formatOrPath) =>
        formatOrPath is not null && (formatOrPath.Equals("xlsx", StringComparison.OrdinalIgnoreCase) || formatOrPath.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase));

    private static IReadOnlyList<string> Fields(ImportProblem p) =>
        [p.Line.ToString(CultureInfo.InvariantCulture), p.Column, p.Value, p.Code, p.Message];
}

/// <summary>How values of protected columns appear in problems and reports.</summary>
internal static class ImportMasking
{
    /// <summary>
    /// An identity number as a report may show it: the stored masked form when it is valid; otherwise the first six and
    /// last four characters of a long value, or only the last two of a short one, so that the row can be found but the
    /// number not rebuilt (at least five characters stay hidden).
    /// </summary>
    public static string IdNumber(string value, string? normalized) =>
        normalized is not null ? ResidentId.Mask(normalized) : Mask(value, keepStart: 6, longFrom: 15);

    /// <summary>A phone number as 138****5678, the same form as on the household page.</summary>
    public static string Phone(string value) => Mask(value, keepStart: 3, longFrom: 8);

    private static string Mask(string value, int keepStart, int longFrom) => value.Length switch
    {
        var n when n >= longFrom => value[..keepStart] + new string('*', n - keepStart - 4) + value[^4..],
        >= 4 => new string('*', value.Length - 2) + value[^2..],
        _ => new string('*', value.Length),
    };
}

/// <summary>
/// Error reports of recent imports, kept in memory for an hour so that the person who uploaded a file can download
/// its full report; only masked values are kept. Lost on restart, which costs a re-check of the file, nothing more.
/// </summary>
public sealed class ImportReportStore(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private const int MaxReports = 200;

    private readonly ConcurrentDictionary<Guid, StoredReport> _reports = new();

    /// <summary>The owner of a report: the signed-in person or API client, by id.</summary>
    public static string OwnerOf(ICurrentActor actor) => actor.Id?.ToString() ?? actor.Name;

    /// <summary>Where the owner downloads a report, as .xlsx or CSV.</summary>
    public static string Url(Guid id, string format = "xlsx") => $"/api/v1/households/import/reports/{id}?format={format}";

    /// <summary>A kept report, readable only by <see cref="Owner"/>.</summary>
    public sealed record StoredReport(Guid Id, string Owner, string FileName, IReadOnlyList<ImportProblem> Problems, DateTimeOffset Expires);

    /// <summary>Keeps the problems of an import for its owner (a user or API client id, or a name); returns the report id.</summary>
    public Guid Save(string owner, string fileName, IReadOnlyList<ImportProblem> problems)
    {
        var now = clock.GetUtcNow();
        foreach (var old in _reports.Values.Where(r => r.Expires <= now))
        {
            _reports.TryRemove(old.Id, out _);
        }

        // A burst of uploads cannot fill the memory: the oldest reports give way.
        foreach (var old in _reports.Values.OrderBy(r => r.Expires).Take(Math.Max(0, _reports.Count - MaxReports + 1)))
        {
            _reports.TryRemove(old.Id, out _);
        }

        var id = Guid.NewGuid();
        _reports[id] = new StoredReport(id, owner, fileName, problems, now + Lifetime);
        return id;
    }

    /// <summary>The report, if it exists, has not expired and belongs to <paramref name="owner"/>.</summary>
    public StoredReport? Find(Guid id, string owner) =>
        _reports.TryGetValue(id, out var report) && report.Owner == owner && report.Expires > clock.GetUtcNow() ? report : null;
}
