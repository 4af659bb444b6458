using System.Globalization;
using Jiuzhu.Kernel;
using Jiuzhu.Registry.Domain;

namespace Jiuzhu.Registry.ImportHouseholds;

/// <summary>Receives a problem: line, column header, value (masked where protected), code and reason.</summary>
internal delegate void ProblemSink(int line, string column, string value, string code, string message);

/// <summary>A person as registered: their household and its place.</summary>
internal sealed record ExistingPerson(Guid HouseholdId, string RegionCode);

/// <summary>One person's row after reading: the values that passed their checks, and which columns did not.</summary>
internal sealed class FileRow(int line, string key, string[] raw)
{
    public int Line { get; } = line;

    /// <summary>The household key of the file (户编号); groups the members of one household.</summary>
    public string Key { get; } = key;

    public string? Village { get; set; }

    public string? Address { get; set; }

    public Relation? Relation { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>The normalised 18-character identity number; null when it was not valid.</summary>
    public string? IdNumber { get; set; }

    public string MaskedId => raw[(int)ImportColumn.IdNumber];

    public string RelationText => raw[(int)ImportColumn.Relation];

    public string? Phone { get; set; }

    public AssistanceCategory? Category { get; set; }

    public NeedFlags Needs { get; set; }

    public string? RegistrationRegion { get; set; }

    /// <summary>False once any problem was found on the row.</summary>
    public bool Valid { get; set; } = true;

    /// <summary>Columns that had a value, but not a valid one.</summary>
    public HashSet<ImportColumn> Invalid { get; } = [];

    /// <summary>The blind index of the identity number, once looked up.</summary>
    public string? Index { get; set; }

    /// <summary>Set when the identity number is registered already.</summary>
    public ExistingPerson? Existing { get; set; }

    /// <summary>The cell as read (identity and phone numbers masked), for messages.</summary>
    public string Raw(ImportColumn column) => raw[(int)column];
}

/// <summary>
/// Reads and checks the cells of one row at a time. Cells are trimmed of surrounding spaces (also full-width and
/// invisible ones), and the ="…" form that forces text in Excel and a leading apostrophe are taken off; nothing else
/// is changed. Every problem is reported, not only the first of a row.
/// </summary>
internal sealed class RowReader(int?[] columns, int? csvWidth, ProblemSink problem, bool canSetCategory, DateOnly today)
{
    private static readonly char[] NeedSeparators = ['、', ';', '；', ',', '，', '\n'];

    private static readonly string[] DateFormats =
    [
        "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日", "yyyy-M-d H:mm", "yyyy/M/d H:mm", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss", "yyyy-M-dTH:mm:ss",
    ];

    public int ExampleRows { get; private set; }

    /// <summary>The row read, or null for an example row of the template.</summary>
    public FileRow? Read(SheetRow sheetRow)
    {
        var raw = new string[HouseholdImportTemplate.Columns.Count];
        var cells = new SheetCell[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            cells[i] = columns[i] is { } index ? sheetRow[index] : SheetCell.Empty;
            raw[i] = Clean(cells[i].Text);
        }

        var key = raw[(int)ImportColumn.HouseholdKey];
        if (key.StartsWith(HouseholdImportTemplate.ExamplePrefix, StringComparison.Ordinal))
        {
            ExampleRows++;
            return null;
        }

        var line = sheetRow.Line;
        var idText = StripApostrophe(raw[(int)ImportColumn.IdNumber]);
        var id = ResidentId.Check(idText, today);
        raw[(int)ImportColumn.IdNumber] = ImportMasking.IdNumber(idText, id.Normalized);
        var phoneText = PhoneText(cells[(int)ImportColumn.Phone], raw[(int)ImportColumn.Phone]);
        raw[(int)ImportColumn.Phone] = ImportMasking.Phone(phoneText);
        var row = new FileRow(line, key, raw);

        if (csvWidth is { } width && sheetRow.Cells.Count > width && sheetRow.Cells.Skip(width).Any(c => c.Text.Trim().Length > 0))
        {
            Fail(row, null, string.Empty, "import.extra_fields",
                $"本行有 {sheetRow.Cells.Count} 个字段，比表头多 {sheetRow.Cells.Count - width} 个：字段中有逗号时，须把整个字段用英文引号括起来");
        }

        if (key.Length == 0)
        {
            Fail(row, ImportColumn.HouseholdKey, key, "import.key_required", "户编号为空：同一户的成员填写相同的户编号");
        }
        else if (key.Length > 32)
        {
            Fail(row, ImportColumn.HouseholdKey, key, "import.key_too_long", "户编号不超过 32 个字符");
        }

        row.Village = VillageCode(row, ImportColumn.VillageCode, cells[(int)ImportColumn.VillageCode]);
        ReadAddress(row, raw[(int)ImportColumn.Address]);
        ReadRelation(row, raw[(int)ImportColumn.Relation]);
        ReadName(row, raw[(int)ImportColumn.Name]);

        if (id.Valid)
        {
            row.IdNumber = id.Normalized;
        }
        else
        {
            Fail(row, ImportColumn.IdNumber, row.MaskedId, id.Reason!.Code, id.Reason.Message);
        }

        if (phoneText.Length > 0)
        {
            if (PersonRegistry.IsMobile(phoneText))
            {
                row.Phone = phoneText;
            }
            else
            {
                Fail(row, ImportColumn.Phone, row.Raw(ImportColumn.Phone), "import.phone_invalid", "手机号应为 11 位数字，以 1 开头");
            }
        }

        ReadSex(row, raw[(int)ImportColumn.Sex], id);
        ReadBirthDate(row, cells[(int)ImportColumn.BirthDate], raw[(int)ImportColumn.BirthDate], id);
        ReadCategory(row, raw[(int)ImportColumn.Category]);
        ReadNeeds(row, raw[(int)ImportColumn.Needs]);
        row.RegistrationRegion = VillageCode(row, ImportColumn.RegistrationRegion, cells[(int)ImportColumn.RegistrationRegion]);
        return row;
    }

    private void ReadAddress(FileRow row, string text)
    {
        if (text.Length > 200)
        {
            Fail(row, ImportColumn.Address, text, "import.address_too_long", $"家庭住址不超过 200 字（现有 {text.Length} 字）");
        }
        else if (text.Length > 0)
        {
            row.Address = text;
        }
    }

    private void ReadRelation(FileRow row, string text)
    {
        if (text.Length == 0)
        {
            Fail(row, ImportColumn.Relation, text, "import.relation_required", "与户主关系为空");
        }
        else if (RegistryTerms.TryParseRelation(text, out var relation))
        {
            row.Relation = relation;
        }
        else
        {
            Fail(row, ImportColumn.Relation, text, "import.relation_unknown",
                $"与户主关系“{text}”无法识别，应为{string.Join("、", Enum.GetValues<Relation>().Select(RegistryTerms.RelationName))}之一");
        }
    }

    private void ReadName(FileRow row, string text)
    {
        if (text.Length == 0)
        {
            Fail(row, ImportColumn.Name, text, "import.name_required", "姓名为空");
        }
        else if (text.Any(char.IsDigit))
        {
            // Digits are no part of a name, and may be a number in the wrong column: shown masked, never stored.
            Fail(row, ImportColumn.Name, ImportMasking.IdNumber(text, null), "import.name_digits", "姓名中不能有数字，请检查是否把证件号或电话填进了姓名列");
        }
        else if (text.Length > 64)
        {
            Fail(row, ImportColumn.Name, text, "import.name_too_long", "姓名不超过 64 字");
        }
        else
        {
            row.Name = text;
        }
    }

    private void ReadSex(FileRow row, string text, ResidentIdCheck id)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (!RegistryTerms.TryParseSex(text, out var sex))
        {
            Fail(row, ImportColumn.Sex, text, "import.sex_unknown", $"性别“{text}”无法识别，应填“男”或“女”");
        }
        else if (id.Valid && id.Sex != sex)
        {
            Fail(row, ImportColumn.Sex, text, "import.sex_mismatch", $"性别“{text}”与身份证号不一致（按身份证号应为{RegistryTerms.SexName(id.Sex!.Value)}）");
        }
    }

    private void ReadBirthDate(FileRow row, SheetCell cell, string text, ResidentIdCheck id)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (ParseDate(cell, text) is not { } date)
        {
            Fail(row, ImportColumn.BirthDate, text, "import.birth_date_invalid", $"出生日期“{text}”无法识别，请写成 1950-03-08 的形式");
        }
        else if (id.Valid && id.BirthDate != date)
        {
            // The number's own date is not named: it is part of what the masked form hides.
            // A spreadsheet date is shown as the date it means, not as its serial number.
            Fail(row, ImportColumn.BirthDate, cell.Numeric ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : text, "import.birth_date_mismatch",
                $"出生日期 {date:yyyy-MM-dd} 与身份证号中的出生日期不一致");
        }
    }

    private void ReadCategory(FileRow row, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (!RegistryTerms.TryParseCategory(text, out var category))
        {
            Fail(row, ImportColumn.Category, text, "import.category_unknown",
                $"救助类别“{text}”无法识别，应为{string.Join("、", Enum.GetValues<AssistanceCategory>().Select(RegistryTerms.CategoryName))}之一");
        }
        else if (!canSetCategory)
        {
            Fail(row, ImportColumn.Category, text, "import.category_forbidden", "救助类别由县民政部门认定：村(社区)和乡镇导入时请把“救助类别”列留空");
        }
        else
        {
            row.Category = category;
        }
    }

    private void ReadNeeds(FileRow row, string text)
    {
        var needs = NeedFlags.None;
        var unknown = new List<string>();
        foreach (var term in text.Split(NeedSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (RegistryTerms.TryParseNeed(term, out var need))
            {
                needs |= need;
            }
            else
            {
                unknown.Add(term);
            }
        }

        if (unknown.Count > 0)
        {
            Fail(row, ImportColumn.Needs, text, "import.need_unknown",
                $"需求标记“{string.Join("、", unknown)}”无法识别；可填：{string.Join("、", RegistryTerms.Needs.Select(RegistryTerms.NeedName))}，多个用顿号（、）或分号（;）分隔");
        }

        row.Needs = needs;
    }

    // A 12-digit village (村/社区) code; a spreadsheet may have stored it as a number, which keeps all 12 digits.
    private string? VillageCode(FileRow row, ImportColumn column, SheetCell cell)
    {
        var text = IdentifierText.Fold(cell.Numeric ? IntegralText(cell.Text) : StripApostrophe(Clean(cell.Text)));
        if (text.Length == 0)
        {
            return null;
        }

        var what = column == ImportColumn.VillageCode ? "村(社区)代码" : "户籍地代码";
        var code = column == ImportColumn.VillageCode ? "import.village" : "import.registration_region";
        if (text.Length != 12 || !IdentifierText.AllDigits(text))
        {
            Fail(row, column, text, $"{code}_invalid", $"{what}应为 12 位数字的村(社区)区划代码，实为“{text}”");
            return null;
        }

        if (!RegionCode.TryParse(text, out var region) || region.Level != RegionLevel.Village)
        {
            Fail(row, column, text, $"{code}_not_village", $"{text} 不是村(社区)级的区划代码（村(社区)代码的最后三位不为 000）");
            return null;
        }

        return region.Value;
    }

    private static string PhoneText(SheetCell cell, string cleaned)
    {
        var text = IdentifierText.Fold(cell.Numeric ? IntegralText(cell.Text) : StripApostrophe(cleaned));
        if (text.StartsWith("+86", StringComparison.Ordinal))
        {
            text = text[3..];
        }

        // Spaces and dashes that group the digits (138-0000-0000) carry nothing; the digits are kept as they are.
        return new string(text.Where(c => c is not (' ' or '-' or '\u3000')).ToArray());
    }

    private static DateOnly? ParseDate(SheetCell cell, string text)
    {
        if (cell.Numeric && double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            // 19500308 typed as a number, or a spreadsheet date (days since 1899-12-30).
            if (number is >= 18000101 and <= 29991231 && number == Math.Floor(number))
            {
                return DateOnly.TryParseExact(((long)number).ToString(CultureInfo.InvariantCulture), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
            }

            return number is >= 1 and < 2958466 ? DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(number))) : null;
        }

        var folded = IdentifierText.Fold(text);
        return DateOnly.TryParseExact(folded, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : DateTime.TryParseExact(folded, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? DateOnly.FromDateTime(time) : null;
    }

    // A number stored by a spreadsheet, as the digits of its integer value when it has one (3.71121001201E+11 → 371121001201).
    // Only for codes and phone numbers, whose 11–12 digits a spreadsheet keeps exactly; never for identity numbers.
    private static string IntegralText(string stored) =>
        decimal.TryParse(stored, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value == decimal.Truncate(value) && value >= 0
            ? value.ToString("0", CultureInfo.InvariantCulture)
            : stored;

    private static string StripApostrophe(string text) => text.StartsWith('\'') ? text[1..].TrimStart() : text;

    // Surrounding spaces (full-width and invisible ones too) and Excel's ="0123" text form.
    internal static string Clean(string text)
    {
        var trimmed = IdentifierText.TrimSurrounding(text);
        if (trimmed.Length >= 3 && trimmed.StartsWith("=\"", StringComparison.Ordinal) && trimmed.EndsWith('"'))
        {
            trimmed = IdentifierText.TrimSurrounding(trimmed[2..^1].Replace("\"\"", "\"", StringComparison.Ordinal));
        }

        return trimmed;
    }

    private void Fail(FileRow row, ImportColumn? column, string value, string code, string message)
    {
        row.Valid = false;
        if (column is { } c)
        {
            row.Invalid.Add(c);
        }

        problem(row.Line, column is { } col ? HouseholdImportTemplate.Spec(col).Header : string.Empty, value, code, message);
    }
}
