using System.IO.Compression;
using System.Text;
using Jiuzhu.Kernel;

namespace Jiuzhu.Geo.ImportRegions;

/// <summary>One of the five files of the NBS division list (统计用区划代码) and the columns it must have.</summary>
internal sealed record DivisionFile(string FileName, RegionLevel Level, string Path)
{
    /// <summary>Columns naming an enclosing division, with the length of the code prefix they must equal.</summary>
    public static readonly IReadOnlyDictionary<string, int> ParentColumns = new Dictionary<string, int>
    {
        ["provinceCode"] = 2,
        ["cityCode"] = 4,
        ["areaCode"] = 6,
        ["streetCode"] = 9,
    };

    public int CodeLength => Level switch
    {
        RegionLevel.Province => 2,
        RegionLevel.City => 4,
        RegionLevel.County => 6,
        RegionLevel.Township => 9,
        _ => 12,
    };

    /// <summary>The parent columns this file must carry: one per level above it.</summary>
    public IEnumerable<string> RequiredParentColumns =>
        ParentColumns.Where(c => c.Value < CodeLength).Select(c => c.Key);

    public TextReader Open()
    {
        Stream stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, 1 << 16);
    }
}

/// <summary>
/// Finds the division files in a folder: provinces.csv, cities.csv, areas.csv, streets.csv, and the villages as
/// villages.csv.gz (gzip); when there is no .gz, villages.csv; when there is neither, every villages-*.csv in name order.
/// </summary>
internal static class DivisionFiles
{
    public const string Provinces = "provinces.csv";
    public const string Cities = "cities.csv";
    public const string Areas = "areas.csv";
    public const string Streets = "streets.csv";
    public const string VillagesGzip = "villages.csv.gz";
    public const string Villages = "villages.csv";

    public static Result<IReadOnlyList<DivisionFile>> Locate(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory) || !Directory.Exists(directory))
        {
            return Error.Validation("geo.import_no_folder", $"文件夹不存在 / folder not found: {directory}");
        }

        var files = new List<DivisionFile>();
        foreach (var (name, level) in new[]
                 {
                     (Provinces, RegionLevel.Province), (Cities, RegionLevel.City), (Areas, RegionLevel.County), (Streets, RegionLevel.Township),
                 })
        {
            var path = System.IO.Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                return Missing(name, directory);
            }

            files.Add(new DivisionFile(name, level, path));
        }

        var villages = VillageFiles(directory);
        if (villages.Count == 0)
        {
            return Missing($"{VillagesGzip}、{Villages} 或 villages-*.csv / {VillagesGzip}, {Villages} or villages-*.csv", directory);
        }

        files.AddRange(villages.Select(p => new DivisionFile(System.IO.Path.GetFileName(p), RegionLevel.Village, p)));
        return files;
    }

    private static List<string> VillageFiles(string directory)
    {
        foreach (var single in new[] { VillagesGzip, Villages })
        {
            var path = System.IO.Path.Combine(directory, single);
            if (File.Exists(path))
            {
                return [path];
            }
        }

        return Directory.GetFiles(directory, "villages-*.csv").Order(StringComparer.Ordinal).ToList();
    }

    private static Error Missing(string what, string directory) =>
        Error.Validation("geo.import_missing_file", $"找不到 {what} / not found in {System.IO.Path.GetFullPath(directory)}");
}

/// <summary>Splits one CSV line (RFC 4180 quoting: "a, ""b""" is one field) into fields; false when the quoting is broken.</summary>
internal static class CsvLine
{
    public static bool TrySplit(string line, List<string> fields)
    {
        fields.Clear();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (true)
                {
                    var close = line.IndexOf('"', i);
                    if (close < 0)
                    {
                        return false; // unterminated quote; fields spanning lines are not part of the format
                    }

                    sb.Append(line, i, close - i);
                    i = close + 1;
                    if (i < line.Length && line[i] == '"')
                    {
                        sb.Append('"');
                        i++;
                        continue;
                    }

                    break;
                }

                fields.Add(sb.ToString());
                if (i == line.Length)
                {
                    return true;
                }

                if (line[i] != ',')
                {
                    return false; // text after a closing quote
                }

                i++;
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var end = comma < 0 ? line.Length : comma;
                var field = line.Substring(i, end - i);
                if (field.Contains('"'))
                {
                    return false; // a quote inside an unquoted field
                }

                fields.Add(field);
                if (comma < 0)
                {
                    return true;
                }

                i = comma + 1;
            }
        }
    }
}
