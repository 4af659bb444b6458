using Jiuzhu.Registry.Domain;
using Jiuzhu.Registry.ImportHouseholds;

namespace Jiuzhu.Tests.Registry;

public sealed class ImportRowTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);
    private static readonly string Head = ResidentId.Compose("371121", new DateOnly(1958, 4, 12), 111);

    private readonly List<ImportProblem> _problems = [];

    private FileRow? Read(bool canSetCategory = true, int line = 2, bool csv = false, params (ImportColumn Column, string Text)[] cells) =>
        ReadCells(canSetCategory, line, csv, cells.Select(c => (c.Column, new SheetCell(c.Text, false))).ToArray());

    private FileRow? ReadCells(bool canSetCategory, int line, bool csv, (ImportColumn Column, SheetCell Cell)[] cells)
    {
        var values = new Dictionary<ImportColumn, SheetCell>
        {
            [ImportColumn.HouseholdKey] = new("1", false),
            [ImportColumn.VillageCode] = new("371121001201", false),
            [ImportColumn.Address] = new("吕公堂村 1 号", false),
            [ImportColumn.Relation] = new("户主", false),
            [ImportColumn.Name] = new("王大明", false),
            [ImportColumn.IdNumber] = new(Head, false),
        };
        foreach (var (column, cell) in cells)
        {
            values[column] = cell;
        }

        var count = HouseholdImportTemplate.Columns.Count;
        var row = new SheetRow(line, Enumerable.Range(0, count).Select(i => values.GetValueOrDefault((ImportColumn)i, SheetCell.Empty)).ToArray());
        var reader = new RowReader(Enumerable.Range(0, count).Select(i => (int?)i).ToArray(), csv ? count : null,
            (l, c, v, code, m) => _problems.Add(new ImportProblem(l, c, v, code, m)), canSetCategory, Today);
        return reader.Read(row);
    }

    private ImportProblem Only()
    {
        Assert.Single(_problems);
        return _problems[0];
    }

    [Fact]
    public void A_complete_row_is_read_with_every_value()
    {
        var row = Read(cells:
        [
            (ImportColumn.Phone, "138-0000-1111"), (ImportColumn.Sex, "男"), (ImportColumn.BirthDate, "1958/4/12"), (ImportColumn.Category, "低保对象"),
            (ImportColumn.Needs, "重病、独居老人；80岁以上"), (ImportColumn.RegistrationRegion, "371121001202"), (ImportColumn.IdNumber, $"  {Head.ToLowerInvariant()} "),
        ])!;
        Assert.Empty(_problems);
        Assert.True(row.Valid);
        Assert.Equal(("1", "371121001201", "吕公堂村 1 号", Relation.Head, "王大明"), (row.Key, row.Village, row.Address, row.Relation, row.Name));
        Assert.Equal(Head, row.IdNumber);
        Assert.Equal(ResidentId.Mask(Head), row.MaskedId);
        Assert.Equal("13800001111", row.Phone);
        Assert.Equal(AssistanceCategory.MinimumLiving, row.Category);
        Assert.Equal(NeedFlags.SeriouslyIll | NeedFlags.ElderlyLivingAlone | NeedFlags.Aged80Plus, row.Needs);
        Assert.Equal("371121001202", row.RegistrationRegion);
    }

    [Theory]
    [InlineData("3.71121E+17", "id.scientific_notation")]
    [InlineData("371121195804121000", "id.truncated")]
    [InlineData("371121195804121110.0", "id.decimal_part")]
    [InlineData("37112119580412111", "id.missing_digits")]
    [InlineData("", "id.empty")]
    public void Spreadsheet_mangled_identity_numbers_get_the_checker_s_exact_message_and_are_masked(string value, string code)
    {
        Read(cells: [(ImportColumn.IdNumber, value)]);
        var problem = Only();
        Assert.Equal((2, "身份证号", code), (problem.Line, problem.Column, problem.Code));
        Assert.Equal(ResidentId.Check(value, Today).Reason!.Message, problem.Message);
        Assert.DoesNotContain("19580412", problem.Value);
    }

    [Fact]
    public void An_identity_number_stored_as_a_number_by_Excel_is_caught_not_guessed()
    {
        ReadCells(true, 5, false, [(ImportColumn.IdNumber, new SheetCell("3.7112119580412102E+17", true))]);
        Assert.Equal("id.scientific_notation", Only().Code);
        Assert.Equal(5, _problems[0].Line);
    }

    [Fact]
    public void Excel_text_forms_are_taken_off_but_nothing_else_is_changed()
    {
        var row = Read(cells: [(ImportColumn.IdNumber, $"=\"{Head}\""), (ImportColumn.Phone, "'13800001111")])!;
        Assert.Empty(_problems);
        Assert.Equal(Head, row.IdNumber);
        Assert.Equal("13800001111", row.Phone);
    }

    [Fact]
    public void Codes_and_phones_stored_as_numbers_keep_their_digits()
    {
        var row = ReadCells(true, 2, false,
        [
            (ImportColumn.VillageCode, new SheetCell("3.71121001201E+11", true)), (ImportColumn.Phone, new SheetCell("13800001111", true)),
            (ImportColumn.BirthDate, new SheetCell("21287", true)),
        ])!;
        Assert.Empty(_problems);
        Assert.Equal("371121001201", row.Village);
        Assert.Equal("13800001111", row.Phone);
    }

    [Fact]
    public void Every_problem_of_a_row_is_reported_not_only_the_first()
    {
        Read(canSetCategory: false, cells:
        [
            (ImportColumn.HouseholdKey, string.Empty), (ImportColumn.VillageCode, "37112100120"), (ImportColumn.Relation, "邻居"), (ImportColumn.Name, string.Empty),
            (ImportColumn.Phone, "1380000111"), (ImportColumn.Sex, "未知"), (ImportColumn.BirthDate, "58年4月"), (ImportColumn.Category, "低保"),
            (ImportColumn.Needs, "重病、很穷"), (ImportColumn.RegistrationRegion, "371121001000"),
        ]);
        Assert.Equal(
            ["import.key_required", "import.village_invalid", "import.relation_unknown", "import.name_required", "import.phone_invalid", "import.sex_unknown",
             "import.birth_date_invalid", "import.category_forbidden", "import.need_unknown", "import.registration_region_not_village"],
            _problems.Select(p => p.Code).ToArray());
        Assert.Equal("手机号应为 11 位数字，以 1 开头", _problems.Single(p => p.Code == "import.phone_invalid").Message);
        Assert.Equal("138***0111", _problems.Single(p => p.Code == "import.phone_invalid").Value);
        Assert.Contains("“很穷”", _problems.Single(p => p.Code == "import.need_unknown").Message);
        Assert.Contains("户主、配偶、子女、孙子女、父母、兄弟姐妹、其他", _problems.Single(p => p.Code == "import.relation_unknown").Message);
        Assert.All(_problems, p => Assert.Equal(2, p.Line));
    }

    [Fact]
    public void Sex_and_birth_date_must_agree_with_the_identity_number_without_revealing_its_date()
    {
        Read(cells: [(ImportColumn.Sex, "女"), (ImportColumn.BirthDate, "1958-04-13")]);
        Assert.Equal(["import.sex_mismatch", "import.birth_date_mismatch"], _problems.Select(p => p.Code).ToArray());
        Assert.Equal("性别“女”与身份证号不一致（按身份证号应为男）", _problems[0].Message);
        Assert.Equal("出生日期 1958-04-13 与身份证号中的出生日期不一致", _problems[1].Message);
        Assert.DoesNotContain("1958-04-12", _problems[1].Message);
    }

    [Theory]
    [InlineData("1958-04-12")]
    [InlineData("1958/4/12")]
    [InlineData("19580412")]
    [InlineData("1958.4.12")]
    [InlineData("1958年4月12日")]
    [InlineData("1958/4/12 0:00:00")]
    public void Birth_dates_are_read_in_the_forms_spreadsheets_write(string text)
    {
        Read(cells: [(ImportColumn.BirthDate, text)]);
        Assert.Empty(_problems);
    }

    [Fact]
    public void A_village_code_of_a_township_is_refused_as_not_a_village()
    {
        Read(cells: [(ImportColumn.VillageCode, "371121001000")]);
        Assert.Equal("import.village_not_village", Only().Code);
    }

    [Fact]
    public void An_unknown_category_names_the_valid_ones()
    {
        Read(cells: [(ImportColumn.Category, "五保")]);
        Assert.Equal("救助类别“五保”无法识别，应为特困人员、低保、低保边缘、刚性支出困难、临时遇困之一", Only().Message);
    }

    [Fact]
    public void Extra_fields_in_a_csv_line_point_at_an_unquoted_comma()
    {
        var count = HouseholdImportTemplate.Columns.Count;
        var cells = Enumerable.Range(0, count + 1).Select(i => new SheetCell(i == count ? "东院" : string.Empty, false)).ToArray();
        cells[0] = new("1", false);
        cells[3] = new("户主", false);
        cells[4] = new("王大明", false);
        cells[5] = new(Head, false);
        var reader = new RowReader(Enumerable.Range(0, count).Select(i => (int?)i).ToArray(), count,
            (l, c, v, code, m) => _problems.Add(new ImportProblem(l, c, v, code, m)), true, Today);
        reader.Read(new SheetRow(4, cells));
        Assert.Equal("import.extra_fields", Only().Code);
        Assert.Contains("引号", _problems[0].Message);
    }

    [Fact]
    public void Example_rows_of_the_template_are_skipped_and_counted()
    {
        var count = HouseholdImportTemplate.Columns.Count;
        var reader = new RowReader(Enumerable.Range(0, count).Select(i => (int?)i).ToArray(), null, (_, _, _, _, _) => { }, true, Today);
        Assert.Null(reader.Read(new SheetRow(2, [new("示例1", false)])));
        Assert.Equal(1, reader.ExampleRows);
    }

    [Theory]
    [InlineData("村（社区）代码", ImportColumn.VillageCode)]
    [InlineData(" 身份证号* ", ImportColumn.IdNumber)]
    [InlineData("公民身份号码", ImportColumn.IdNumber)]
    [InlineData("姓名（必填）", ImportColumn.Name)]
    [InlineData("联系电话", ImportColumn.Phone)]
    [InlineData("备注", null)]
    public void Headers_are_recognised_by_their_names_and_common_variants(string header, ImportColumn? column) =>
        Assert.Equal(column, HouseholdImportTemplate.ColumnOf(header));

    [Theory]
    [InlineData("妻", Relation.Spouse)]
    [InlineData("长子", Relation.Child)]
    [InlineData("外孙女", Relation.Grandchild)]
    [InlineData("本人", Relation.Head)]
    public void Relations_are_read_in_the_words_household_registers_use(string text, Relation relation)
    {
        Assert.True(RegistryTerms.TryParseRelation(text, out var parsed));
        Assert.Equal(relation, parsed);
    }
}
