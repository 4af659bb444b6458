using System.Runtime.InteropServices;
using System.Text;
using Jiuzhu.Kernel;

namespace Jiuzhu.Assessment.Mpi.Files;

/// <summary>
/// A CSV file (header row, one row per unit, UTF-8 with or without BOM) turned into the engine's inputs through a
/// spec: each indicator's column classified by its rule, an empty cell a missing value.
/// </summary>
internal sealed record MpiDataset(DeprivationMatrix Matrix, UnitWeights? Weights, Subgroups? Subgroups)
{
    public static Result<MpiDataset> Load(MpiSpec spec, string path, string? weightColumn, string? byColumn)
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

        var header = fields.Select(f => f.Trim()).ToList();
        int ColumnOf(string name) => header.IndexOf(name);

        var m = spec.Indicators.Count;
        var columns = new int[m];
        for (var j = 0; j < m; j++)
        {
            columns[j] = ColumnOf(spec.Indicators[j].Column);
            if (columns[j] < 0)
            {
                return Fail($"{path}: 表头中没有列“{spec.Indicators[j].Column}”（指标 {spec.Indicators[j].Name}）/ unknown column {spec.Indicators[j].Column}");
            }
        }

        var weightAt = weightColumn is null ? -1 : ColumnOf(weightColumn);
        if (weightColumn is not null && weightAt < 0)
        {
            return Fail($"{path}: 表头中没有权重列“{weightColumn}”/ unknown --weight column {weightColumn}");
        }

        var groupAt = byColumn is null ? -1 : ColumnOf(byColumn);
        if (byColumn is not null && groupAt < 0)
        {
            return Fail($"{path}: 表头中没有分组列“{byColumn}”/ unknown --by column {byColumn}");
        }

        var cells = new List<byte>();
        var weights = new List<Fraction>();
        var groups = new List<string>();
        while (true)
        {
            if (!csv.TryRead(fields, out var error))
            {
                if (error is not null)
                {
                    return Fail($"{path}: {error}");
                }

                break;
            }

            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue; // blank line
            }

            var line = csv.Line;
            if (fields.Count != header.Count)
            {
                return Fail($"{path} 第 {line} 行：有 {fields.Count} 个字段，表头有 {header.Count} 个 / line {line}: {fields.Count} fields, header has {header.Count}");
            }

            for (var j = 0; j < m; j++)
            {
                var value = fields[columns[j]].Trim();
                if (value.Length == 0)
                {
                    cells.Add((byte)Deprivation.Missing);
                    continue;
                }

                if (!spec.Indicators[j].TryClassify(value, out var deprived, out var problem))
                {
                    return Fail($"{path} 第 {line} 行，列 {spec.Indicators[j].Column}：{problem} (line {line}, column {spec.Indicators[j].Column})");
                }

                cells.Add(deprived);
            }

            if (weightAt >= 0)
            {
                var text = fields[weightAt].Trim();
                if (!Fraction.TryParse(text, out var weight) || weight.Sign < 0)
                {
                    return Fail($"{path} 第 {line} 行，列 {weightColumn}：“{text}”不是非负数 / not a non-negative number (line {line}, column {weightColumn})");
                }

                weights.Add(weight);
            }

            if (groupAt >= 0)
            {
                groups.Add(fields[groupAt].Trim());
            }
        }

        var matrix = new DeprivationMatrix(cells.Count / m, m);
        CollectionsMarshal.AsSpan(cells).CopyTo(matrix.Cells);
        UnitWeights? unitWeights = null;
        if (weightAt >= 0)
        {
            var scaled = UnitWeights.FromFractions(weights);
            if (!scaled.IsSuccess)
            {
                return Fail($"{path}: {scaled.Error!.Message}");
            }

            unitWeights = scaled.Value;
        }

        return new MpiDataset(matrix, unitWeights, groupAt >= 0 ? Jiuzhu.Assessment.Mpi.Subgroups.FromLabels(groups) : null);
    }

    private static Error Fail(string message) => Error.Validation("mpi.data", message);
}
