using System.Globalization;
using System.Text;
using Jiuzhu.Kernel;

namespace Jiuzhu.Matching.Files;

/// <summary>A need from needs.csv: need_id,lat,lon,item,priority.</summary>
internal sealed record NeedRow(string Id, GeoPoint Point, string Item, int Priority);

/// <summary>A provider from providers.csv: provider_id,lat,lon,items (semicolon-separated),capacity.</summary>
internal sealed record ProviderRow(string Id, GeoPoint Point, IReadOnlyList<string> Items, int Capacity);

/// <summary>
/// The files of `jiuzhu match`: UTF-8 CSV (BOM optional) with a header row naming the columns (any order, extra columns
/// ignored). Every error names the file, the line and the column.
/// </summary>
internal static class MatchFiles
{
    public static Result<List<NeedRow>> ReadNeeds(string path) =>
        Read<NeedRow>(path, ["need_id", "lat", "lon", "item", "priority"], (cells, at) =>
        {
            var point = Point(cells, at);
            if (!point.IsSuccess)
            {
                return point.Error!;
            }

            var item = cells.Text("item");
            if (item.Length == 0)
            {
                return at("item", "不能为空 / must not be empty");
            }

            var priority = cells.Text("priority");
            return int.TryParse(priority, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= MatchingProblem.LowestPriority
                ? new NeedRow(cells.Text("need_id"), point.Value, item, p)
                : at("priority", $"“{priority}”不是 1、2 或 3 / priority must be 1, 2 or 3");
        });

    public static Result<List<ProviderRow>> ReadProviders(string path) =>
        Read<ProviderRow>(path, ["provider_id", "lat", "lon", "items", "capacity"], (cells, at) =>
        {
            var point = Point(cells, at);
            if (!point.IsSuccess)
            {
                return point.Error!;
            }

            var items = cells.Text("items").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
            if (items.Count == 0)
            {
                return at("items", "至少要有一个服务项目（用分号分隔）/ at least one item, separated by semicolons");
            }

            var capacity = cells.Text("capacity");
            return int.TryParse(capacity, NumberStyles.None, CultureInfo.InvariantCulture, out var c)
                ? new ProviderRow(cells.Text("provider_id"), point.Value, items, c)
                : at("capacity", $"“{capacity}”不是非负整数 / capacity must be a whole number ≥ 0");
        });

    private delegate Error At(string column, string problem);

    private static Result<GeoPoint> Point(Cells cells, At at)
    {
        var values = new double[2];
        string[] columns = ["lat", "lon"];
        for (var k = 0; k < 2; k++)
        {
            var text = cells.Text(columns[k]);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out values[k]) || !double.IsFinite(values[k]))
            {
                return at(columns[k], $"“{text}”不是数字 / not a number");
            }
        }

        var point = new GeoPoint(values[0], values[1]);
        return point.IsValid ? point : at(values[0] is < -90 or > 90 ? "lat" : "lon", "超出经纬度范围 / outside the valid range of degrees");
    }

    private sealed class Cells(Dictionary<string, int> columns, List<string> fields)
    {
        public string Text(string column) => fields[columns[column]].Trim();
    }

    private static Result<List<T>> Read<T>(string path, string[] required, Func<Cells, At, Result<T>> parse)
        where T : class
    {
        if (!File.Exists(path))
        {
            return Fail($"{path}: 文件不存在 / file not found");
        }

        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        var csv = new CsvRecords(reader);
        var fields = new List<string>();
        if (!csv.TryRead(fields, out var headerError))
        {
            return Fail($"{path}: {headerError ?? "文件是空的，缺少表头 / empty file, header row missing"}");
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < fields.Count; k++)
        {
            columns.TryAdd(fields[k].Trim(), k);
        }

        var missing = required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return Fail($"{path} 第 1 行：表头缺少列 {string.Join(", ", missing)}（需要 {string.Join(",", required)}）/ line 1: header lacks {string.Join(", ", missing)}");
        }

        var rows = new List<T>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var width = columns.Values.Max() + 1;
        var idColumn = required[0];
        while (true)
        {
            if (!csv.TryRead(fields, out var error))
            {
                return error is null ? rows : Fail($"{path}: {error}");
            }

            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue; // a blank line
            }

            var line = csv.Line;
            if (fields.Count < width)
            {
                return Fail($"{path} 第 {line} 行：只有 {fields.Count} 列，表头有 {width} 列 / line {line}: {fields.Count} fields, header has {width}");
            }

            var cells = new Cells(columns, fields);
            var id = cells.Text(idColumn);
            if (id.Length == 0)
            {
                return Fail($"{path} 第 {line} 行，列 {idColumn}：不能为空 / line {line}, column {idColumn}: must not be empty");
            }

            if (!firstLineOf.TryAdd(id, line))
            {
                return Fail($"{path} 第 {line} 行，列 {idColumn}：“{id}”与第 {firstLineOf[id]} 行重复 / line {line}: duplicate {idColumn} {id} (first on line {firstLineOf[id]})");
            }

            var row = parse(cells, (column, problem) => Error.Validation("match.file", $"{path} 第 {line} 行，列 {column}：{problem} / line {line}, column {column}"));
            if (!row.IsSuccess)
            {
                return row.Error!;
            }

            rows.Add(row.Value);
        }
    }

    private static Error Fail(string message) => Error.Validation("match.file", message);
}
