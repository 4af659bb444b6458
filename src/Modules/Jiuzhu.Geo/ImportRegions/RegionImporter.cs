using System.Diagnostics;
using System.Globalization;
using System.Text;
using Jiuzhu.Geo.Data;
using Jiuzhu.Geo.Domain;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Geo.ImportRegions;

/// <summary>What an import did. Read = Inserted + Updated + Unchanged + Merged.</summary>
/// <param name="Files">The files read, in order.</param>
/// <param name="Read">Data rows read that fall inside the import (all rows, or the selected counties' rows).</param>
/// <param name="Merged">Rows that repeat an enclosing division under the next level's code (e.g. 东莞市 listed again as a county).</param>
/// <param name="NotInFiles">Regions in the database inside the imported scope that the files do not list; left alone.</param>
public sealed record RegionImportResult(
    IReadOnlyList<string> Files,
    int Read,
    int Inserted,
    int Updated,
    int Unchanged,
    int Merged,
    int NotInFiles,
    double Seconds);

/// <summary>One region as the files describe it; coordinates are not part of the files.</summary>
internal readonly record struct RegionRow(string Code, string Name, string? ParentCode, RegionLevel Level, RegionKind Kind);

/// <summary>
/// Imports the national division list (统计用区划代码) from the files of <see cref="DivisionFiles"/>: every row is
/// validated first, then all are written in one transaction with the bulk path of the database engine. Idempotent;
/// coordinates and boundaries already in the database are kept; regions missing from the files are left alone.
/// </summary>
public sealed class RegionImporter(IGeoData data, IAuditTrail audit)
{
    public const string NoRegion = "000000000000";

    /// <summary>Imports the whole list, or only <paramref name="counties"/> (6-digit codes) with their province, city and county rows.</summary>
    public async Task<Result<RegionImportResult>> ImportAsync(
        string directory,
        IReadOnlyCollection<string> counties,
        IProgress<string>? progress = null,
        CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var located = DivisionFiles.Locate(directory);
        if (!located.IsSuccess)
        {
            return located.Error!;
        }

        var selected = new List<RegionCode>();
        foreach (var text in counties.Distinct(StringComparer.Ordinal))
        {
            // A city without counties (东莞 441900) is listed in areas.csv as its own county: its 6-digit code reads as a city.
            if (text.Length != 6 || !RegionCode.TryParse(text, out var county) || county.Level is not (RegionLevel.County or RegionLevel.City))
            {
                return Error.Validation("geo.import_bad_county", $"县级区划代码应为 6 位数字 / a county code has 6 digits: {text}");
            }

            selected.Add(county);
        }

        var files = located.Value;
        progress?.Report($"读取 / reading {string.Join(", ", files.Select(f => f.FileName))}" +
                         (selected.Count > 0 ? $"（县 / counties {string.Join(", ", selected.Select(c => c.Value[..6]))}）" : string.Empty));
        var reader = new Reader(data, selected);
        foreach (var file in files)
        {
            var error = await reader.ReadAsync(file, ct);
            if (error is not null)
            {
                return error;
            }
        }

        if (selected.Select(c => c.Value[..6]).FirstOrDefault(c => !reader.IsCounty(c)) is { } absent)
        {
            return Error.Validation("geo.import_county_not_found", $"{DivisionFiles.Areas}: 没有县级区划 {absent} / county {absent} is not in the file");
        }

        progress?.Report($"已读取并校验 {reader.Read:N0} 行（{clock.Elapsed.TotalSeconds:F1} 秒），写入数据库 / read and checked {reader.Read:N0} rows, writing");
        var result = await WriteAsync(files, reader, selected, clock, ct);
        return result;
    }

    private async Task<RegionImportResult> WriteAsync(
        IReadOnlyList<DivisionFile> files, Reader reader, IReadOnlyList<RegionCode> selected, Stopwatch clock, CancellationToken ct)
    {
        await using var tx = await data.Database.BeginTransactionAsync(ct);
        var counts = await RegionBulkWriter.UpsertAsync(data, reader.Rows, ct);
        var notInFiles = await CountNotInFilesAsync(reader, selected, ct);
        var names = files.Select(f => f.FileName).ToList();
        var result = new RegionImportResult(
            names, reader.Read, counts.Inserted, counts.Updated, counts.Unchanged, reader.Merged, notInFiles, Math.Round(clock.Elapsed.TotalSeconds, 2));

        var scope = selected.Count == 0 ? "全国" : string.Join("、", selected.Select(c => c.Value[..6]));
        audit.Record(new AuditEvent(
            "regions.import",
            "region",
            selected.Count == 1 ? selected[0].Value : null,
            selected.Count == 1 ? selected[0].Value : NoRegion,
            AuditOutcome.Success,
            $"导入行政区划（{scope}）：读取 {result.Read} 行，新增 {result.Inserted}，更新 {result.Updated}，未变 {result.Unchanged}，合并 {result.Merged}；文件 {string.Join(", ", names)}"));
        await data.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result with { Seconds = Math.Round(clock.Elapsed.TotalSeconds, 2) };
    }

    private async Task<int> CountNotInFilesAsync(Reader reader, IReadOnlyList<RegionCode> selected, CancellationToken ct)
    {
        // Everything in the files is in the database now, so the difference of two counts is what the files lack.
        if (selected.Count == 0)
        {
            return await data.Regions.CountAsync(ct) - reader.Rows.Count;
        }

        var inDatabase = 0;
        foreach (var county in selected)
        {
            var prefix = county.Prefix;
            inDatabase += await data.Regions.CountAsync(r => r.Code.StartsWith(prefix), ct);
        }

        return inDatabase - reader.Rows.Count(r => selected.Any(c => r.Code.StartsWith(c.Prefix, StringComparison.Ordinal)));
    }

    /// <summary>Reads and validates the files in order (provinces first), so a parent is always read before its children.</summary>
    private sealed class Reader(IGeoData data, IReadOnlyList<RegionCode> selected)
    {
        private readonly HashSet<string> _codes = new(StringComparer.Ordinal);
        private readonly HashSet<string> _knownInDatabase = new(StringComparer.Ordinal);
        private readonly List<string> _fields = new(8);
        private readonly HashSet<string> _counties = new(StringComparer.Ordinal);

        public List<RegionRow> Rows { get; } = new(700_000);

        public int Read { get; private set; }

        public int Merged { get; private set; }

        /// <summary>True when areas.csv lists this 6-digit code (also as a merged row).</summary>
        public bool IsCounty(string code) => _counties.Contains(code);

        public async Task<Error?> ReadAsync(DivisionFile file, CancellationToken ct)
        {
            var line = 0;
            Dictionary<string, int>? columns = null;
            var width = 0;
            try
            {
                using var text = file.Open();
                // Synchronous line reads: the files are local and this loop runs 620,573 times for the villages.
                while (text.ReadLine() is { } raw)
                {
                    line++;
                    if ((line & 0xFFFF) == 0)
                    {
                        ct.ThrowIfCancellationRequested();
                    }

                    if (columns is null)
                    {
                        (columns, width) = Header(raw);
                        var missing = new[] { "code", "name" }.Concat(file.RequiredParentColumns).FirstOrDefault(c => !columns.ContainsKey(c));
                        if (missing is not null)
                        {
                            return Bad(file, line, $"表头缺少列 {missing} / header lacks column {missing}");
                        }

                        continue;
                    }

                    if (raw.Length == 0)
                    {
                        continue;
                    }

                    if (!InScope(raw, file))
                    {
                        continue;
                    }

                    var error = await ReadRowAsync(file, line, raw, columns, width, ct);
                    if (error is not null)
                    {
                        return error;
                    }
                }
            }
            catch (InvalidDataException ex)
            {
                return Bad(file, line + 1, $"无法解压 / cannot decompress: {ex.Message}");
            }
            catch (DecoderFallbackException)
            {
                return Bad(file, line + 1, "不是 UTF-8 编码 / not UTF-8 text");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Bad(file, line + 1, $"无法读取 / cannot read: {ex.Message}");
            }

            return line == 0 ? Bad(file, 1, "文件为空 / empty file") : null;
        }

        private async ValueTask<Error?> ReadRowAsync(
            DivisionFile file, int line, string raw, Dictionary<string, int> columns, int width, CancellationToken ct)
        {
            if (!CsvLine.TrySplit(raw, _fields))
            {
                return Bad(file, line, "引号不成对或位置不对 / broken quoting");
            }

            if (_fields.Count != width)
            {
                return Bad(file, line, $"应有 {width} 列，实有 {_fields.Count} 列 / expected {width} columns, found {_fields.Count}");
            }

            var text = _fields[columns["code"]].Trim();
            if (text.Length != file.CodeLength || !text.All(char.IsAsciiDigit))
            {
                return Bad(file, line, $"代码应为 {file.CodeLength} 位数字：{text} / code must have {file.CodeLength} digits");
            }

            if (!RegionCode.TryParse(text, out var code))
            {
                return Bad(file, line, $"不是有效的区划代码：{text} / not a valid division code");
            }

            var name = _fields[columns["name"]].Trim();
            if (name.Length == 0)
            {
                return Bad(file, line, "名称为空 / name is empty");
            }

            if (name.Length > 100)
            {
                return Bad(file, line, "名称超过 100 个字符 / name longer than 100 characters");
            }

            foreach (var parentColumn in file.RequiredParentColumns)
            {
                var value = _fields[columns[parentColumn]].Trim();
                var length = DivisionFile.ParentColumns[parentColumn];
                if (!string.Equals(value, text[..length], StringComparison.Ordinal))
                {
                    return Bad(file, line, $"{parentColumn} 应为 {text[..length]}，实为 {value} / {parentColumn} must be the code's first {length} digits");
                }
            }

            Read++;
            if (file.Level == RegionLevel.County)
            {
                _counties.Add(text);
            }

            if (code.Level < file.Level)
            {
                // A zero group at this file's level: the row repeats an enclosing division (东莞市 as its own county,
                // 金门县 as its own township and village). It adds nothing, but what it repeats must exist.
                if (!await ExistsAsync(code.Value, ct))
                {
                    return Bad(file, line, $"重复的上级区划 {code.Prefix} 不存在 / the division it repeats does not exist");
                }

                Merged++;
                return null;
            }

            if (!_codes.Add(code.Value))
            {
                return Bad(file, line, $"区划代码重复：{text} / duplicate code");
            }

            var parent = code.Parent;
            if (parent is { } p && !await ExistsAsync(p.Value, ct))
            {
                return Bad(file, line, $"上级区划 {p.Prefix} 不存在 / parent region {p.Prefix} does not exist");
            }

            Rows.Add(new RegionRow(code.Value, name, parent?.Value, code.Level, RegionKinds.FromCode(code)));
            return null;
        }

        /// <summary>True when the code is in the rows read so far or already in the database.</summary>
        private async ValueTask<bool> ExistsAsync(string code, CancellationToken ct)
        {
            if (_codes.Contains(code) || _knownInDatabase.Contains(code))
            {
                return true;
            }

            if (await data.Regions.AnyAsync(r => r.Code == code, ct))
            {
                _knownInDatabase.Add(code);
                return true;
            }

            return false;
        }

        // Filtering looks only at the leading digits, before validation: rows outside the selection are not read further.
        private bool InScope(string raw, DivisionFile file)
        {
            if (selected.Count == 0)
            {
                return true;
            }

            var digits = raw.AsSpan().TrimStart('"');
            foreach (var county in selected)
            {
                var prefix = county.Prefix.AsSpan(0, Math.Min(file.CodeLength, county.Prefix.Length));
                if (digits.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static (Dictionary<string, int> Columns, int Width) Header(string raw)
        {
            var names = raw.TrimStart('\uFEFF').Split(',');
            var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < names.Length; i++)
            {
                map.TryAdd(names[i].Trim().Trim('"'), i);
            }

            return (map, names.Length);
        }

        private static Error Bad(DivisionFile file, int line, string reason) =>
            Error.Validation("geo.import_invalid_row", string.Create(CultureInfo.InvariantCulture, $"{file.FileName}:{line}: {reason}"));
    }
}
