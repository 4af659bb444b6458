using Jiuzhu.Kernel.Spreadsheets;
using System.Globalization;
using System.Text;
using Jiuzhu.Registry.Domain;

namespace Jiuzhu.Registry.ImportHouseholds;

/// <summary>The columns of the household import file (docs/household-import.md).</summary>
public enum ImportColumn
{
    HouseholdKey,        // 户编号
    VillageCode,         // 村(社区)代码
    Address,             // 家庭住址
    Relation,            // 与户主关系
    Name,                // 姓名
    IdNumber,            // 身份证号
    Phone,               // 手机号
    Sex,                 // 性别
    BirthDate,           // 出生日期
    Category,            // 救助类别
    Needs,               // 需求标记
    RegistrationRegion,  // 户籍地代码
}

/// <summary>
/// The documented import template: one row per person, the header names (and the other names people give those
/// columns), and the downloadable template files with two example rows of made-up data.
/// </summary>
public static class HouseholdImportTemplate
{
    /// <summary>Rows whose household key starts with this are the template's examples and are never imported.</summary>
    public const string ExamplePrefix = "示例";

    /// <summary>A column as the template names it, whether every row must fill it, and the other header names it is known by.</summary>
    public sealed record ColumnSpec(ImportColumn Column, string Header, bool Required, double Width, bool Text, string Help, params string[] Aliases);

    public static IReadOnlyList<ColumnSpec> Columns { get; } =
    [
        new(ImportColumn.HouseholdKey, "户编号", true, 10, true, "本文件内区分家庭户的编号（如 1、2、3），同一户的成员填写相同的户编号；只在本文件内有意义，不会保存", "户号", "家庭编号", "户序号"),
        new(ImportColumn.VillageCode, "村(社区)代码", true, 16, true, "户所在村(社区)的 12 位统计用区划代码；同一户至少在一行填写，多行填写时须一致", "村代码", "社区代码", "村(社区)区划代码", "居住地代码", "区划代码"),
        new(ImportColumn.Address, "家庭住址", true, 30, false, "同一户至少在一行填写，多行填写时须一致；不超过 200 字", "住址", "地址", "家庭地址"),
        new(ImportColumn.Relation, "与户主关系", true, 12, false, "户主、配偶、子女、孙子女、父母、兄弟姐妹、其他；每户有且只有一位户主", "关系", "与户主的关系"),
        new(ImportColumn.Name, "姓名", true, 10, false, "不超过 64 字"),
        new(ImportColumn.IdNumber, "身份证号", true, 22, true, "18 位公民身份号码（15 位旧号码会自动升级）；请把整列设为“文本”格式，否则 Excel 会把号码变成 3.71121E+17", "公民身份号码", "身份证号码", "证件号码", "身份证"),
        new(ImportColumn.Phone, "手机号", false, 14, true, "选填；11 位手机号", "手机号码", "联系电话", "电话", "手机"),
        new(ImportColumn.Sex, "性别", false, 6, false, "选填；男 或 女，须与身份证号一致"),
        new(ImportColumn.BirthDate, "出生日期", false, 12, true, "选填；如 1950-03-08，须与身份证号一致"),
        new(ImportColumn.Category, "救助类别", false, 14, false, "选填，整户填写：特困人员、低保、低保边缘、刚性支出困难、临时遇困；由县民政部门导入", "类别", "救助对象类别"),
        new(ImportColumn.Needs, "需求标记", false, 24, false, "选填，多个用顿号（、）或分号（;）分隔：" + string.Join("、", RegistryTerms.Needs.Select(RegistryTerms.NeedName)), "需求", "需求类型", "特殊需求"),
        new(ImportColumn.RegistrationRegion, "户籍地代码", false, 16, true, "选填；户籍所在村(社区)的 12 位区划代码（与居住地不同时填写）", "户籍地", "户籍所在地代码", "户籍地区划代码"),
    ];

    public static ColumnSpec Spec(ImportColumn column) => Columns[(int)column];

    /// <summary>The column a header cell names, or null; tolerant of spaces, full-width brackets, a required-mark * and a "(必填)" note.</summary>
    public static ImportColumn? ColumnOf(string header)
    {
        var key = HeaderKey(header);
        foreach (var spec in Columns)
        {
            if (HeaderKey(spec.Header) == key || spec.Aliases.Any(a => HeaderKey(a) == key))
            {
                return spec.Column;
            }
        }

        return null;
    }

    /// <summary>The template as an .xlsx workbook: the data sheet with two example rows, and a sheet explaining each column.</summary>
    public static byte[] Xlsx() => XlsxWriter.Write(
    [
        new XlsxWorksheet("家庭户", Columns.Select(c => new XlsxColumn(c.Header, c.Width, c.Text)).ToList(), ExampleRows()),
        new XlsxWorksheet("填写说明", [new XlsxColumn("列", 16), new XlsxColumn("必填", 8), new XlsxColumn("说明", 90, Wrap: true)],
            Columns.Select(c => (IReadOnlyList<string>)[c.Header, c.Required ? "是" : "否", c.Help])
                .Append([string.Empty, string.Empty, string.Empty])
                .Append(["注意", string.Empty, $"户编号以“{ExamplePrefix}”开头的行是示例，导入时跳过；整份文件校验无误才会导入，任何一行有错都不写入。"])
                .ToList()),
    ]);

    /// <summary>The template as CSV: UTF-8 with a byte order mark, so that Excel shows the Chinese text correctly.</summary>
    public static byte[] Csv()
    {
        var text = new StringBuilder();
        text.Append(CsvLine(Columns.Select(c => c.Header)));
        foreach (var row in ExampleRows())
        {
            text.Append(CsvLine(row));
        }

        return [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>One CSV line with CRLF; fields with commas, quotes or line breaks are quoted.</summary>
    public static string CsvLine(IEnumerable<string> fields) =>
        string.Join(',', fields.Select(f => f.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{f.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : f)) + "\r\n";

    // Made-up people (张三 and 李四 are the Chinese placeholder names) with valid, made-up identity numbers.
    private static List<IReadOnlyList<string>> ExampleRows()
    {
        var head = ResidentId.Compose("371121", new DateOnly(1958, 4, 12), 357);
        var spouse = ResidentId.Compose("371121", new DateOnly(1960, 9, 3), 268);
        return
        [
            [ExamplePrefix + "1", "371121001201", "洪凝街道吕公堂村 18 号", "户主", "张三", head, "13800000000", "男", Iso(new DateOnly(1958, 4, 12)), "低保", "重病", string.Empty],
            [ExamplePrefix + "1", string.Empty, string.Empty, "配偶", "李四", spouse, string.Empty, "女", Iso(new DateOnly(1960, 9, 3)), string.Empty, "家庭照护者、有劳动能力", string.Empty],
        ];
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string HeaderKey(string header)
    {
        var text = header.Replace('（', '(').Replace('）', ')');
        foreach (var note in new[] { "(必填)", "(选填)", "(可选)" })
        {
            text = text.Replace(note, string.Empty, StringComparison.Ordinal);
        }

        return new string(text.Where(c => !char.IsWhiteSpace(c) && c is not ('*' or '＊' or '\uFEFF')).ToArray());
    }
}
