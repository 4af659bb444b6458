using Jiuzhu.Kernel.Spreadsheets;
using System.IO.Compression;
using System.Text;
using Jiuzhu.Registry.ImportHouseholds;

namespace Jiuzhu.Tests.Registry;

public sealed class ImportFileTests
{
    private const string Header = "户编号,村(社区)代码,家庭住址,与户主关系,姓名,身份证号";

    static ImportFileTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static Sheet Read(byte[] bytes, string? encoding = null)
    {
        var (sheet, problem) = SheetReader.Read(bytes, encoding, 1000);
        Assert.True(problem is null, problem?.Message);
        return sheet!;
    }

    private static string[] Texts(SheetRow row) => row.Cells.Select(c => c.Text).ToArray();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Utf8_csv_is_read_with_or_without_a_byte_order_mark(bool bom)
    {
        var text = $"{Header}\n1,371121001201,吕公堂村 1 号,户主,王大明,371121195804121110\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        var sheet = Read(bom ? [.. Encoding.UTF8.Preamble, .. bytes] : bytes);
        Assert.Equal("utf-8", sheet.Encoding);
        Assert.Equal("户编号", sheet.Rows[0].Cells[0].Text);
        Assert.Equal(["1", "371121001201", "吕公堂村 1 号", "户主", "王大明", "371121195804121110"], Texts(sheet.Rows[1]));
        Assert.Equal(2, sheet.Rows[1].Line);
    }

    [Fact]
    public void Gbk_csv_as_Chinese_Excel_saves_it_is_detected_and_read()
    {
        var bytes = Encoding.GetEncoding("GBK").GetBytes($"{Header}\r\n1,371121001201,东郭村,户主,赵小红,371121196009032228\r\n");
        var sheet = Read(bytes);
        Assert.Equal("gb18030", sheet.Encoding);
        Assert.Equal("赵小红", sheet.Rows[1].Cells[4].Text);
        Assert.Equal("与户主关系", sheet.Rows[0].Cells[3].Text);
    }

    [Fact]
    public void Gbk_csv_can_be_read_when_the_user_states_the_encoding()
    {
        var bytes = Encoding.GetEncoding(936).GetBytes($"{Header}\r\n1,371121001201,东郭村,户主,孙老汉,1\r\n");
        Assert.Equal("孙老汉", Read(bytes, "gbk").Rows[1].Cells[4].Text);
        Assert.Equal("孙老汉", Read(bytes, "GB18030").Rows[1].Cells[4].Text);
    }

    [Fact]
    public void Gbk_bytes_stated_as_utf8_are_refused_with_the_line_and_a_hint()
    {
        var bytes = Encoding.GetEncoding(936).GetBytes($"a,b\r\nc,d\r\n1,赵小红\r\n");
        var (sheet, problem) = SheetReader.Read(bytes, "utf-8", 1000);
        Assert.Null(sheet);
        Assert.Equal(3, problem!.Line);
        Assert.Equal("import.not_utf8", problem.Code);
        Assert.Contains("GB18030（GBK）", problem.Message);
    }

    [Fact]
    public void An_unknown_stated_encoding_is_refused()
    {
        var (_, problem) = SheetReader.Read("a,b"u8.ToArray(), "big5", 1000);
        Assert.Equal("import.encoding_unknown", problem!.Code);
    }

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks_and_lines_are_counted_from_where_a_record_starts()
    {
        var text = "a,b,c\r\n1,\"东郭村, 东院\",\"他说\"\"你好\"\"\"\r\n2,\"两行\r\n地址\",x\n3,,\"\"\n";
        var sheet = Read(Encoding.UTF8.GetBytes(text));
        Assert.Equal(["1", "东郭村, 东院", "他说\"你好\""], Texts(sheet.Rows[1]));
        Assert.Equal(["2", "两行\r\n地址", "x"], Texts(sheet.Rows[2]));
        Assert.Equal(3, sheet.Rows[2].Line);
        Assert.Equal(["3", string.Empty, string.Empty], Texts(sheet.Rows[3]));
        Assert.Equal(5, sheet.Rows[3].Line);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_at_the_line_where_the_field_starts()
    {
        var (_, problem) = SheetReader.Read(Encoding.UTF8.GetBytes("a,b\n1,2\n3,\"东郭村\n4,5\n"), null, 1000);
        Assert.Equal(3, problem!.Line);
        Assert.Equal("import.csv_quotes", problem.Code);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_reported()
    {
        var (_, problem) = SheetReader.Read(Encoding.UTF8.GetBytes("a,b\n\"x\"y,2\n"), null, 1000);
        Assert.Equal(2, problem!.Line);
        Assert.Contains("引号后面", problem.Message);
    }

    [Fact]
    public void Tab_separated_text_is_read_when_the_header_has_tabs_and_no_commas()
    {
        var sheet = Read(Encoding.UTF8.GetBytes("户编号\t姓名\n1\t王大明, 小名\n"));
        Assert.Equal(["1", "王大明, 小名"], Texts(sheet.Rows[1]));
    }

    [Fact]
    public void Old_binary_workbooks_are_refused_with_advice()
    {
        var (_, problem) = SheetReader.Read([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], null, 1000);
        Assert.Equal("import.xls_not_supported", problem!.Code);
    }

    [Fact]
    public void Too_many_rows_are_refused()
    {
        var (_, problem) = SheetReader.Read(Encoding.UTF8.GetBytes("a\n1\n2\n3\n"), null, 3);
        Assert.Equal("import.too_many_rows", problem!.Code);
        Assert.Equal(4, problem.Line);
    }

    [Fact]
    public void The_xlsx_template_reads_back_as_written()
    {
        var sheet = Read(HouseholdImportTemplate.Xlsx());
        Assert.Equal("xlsx", sheet.Format);
        Assert.Equal(HouseholdImportTemplate.Columns.Select(c => c.Header), Texts(sheet.Rows[0]));
        Assert.Equal("示例1", sheet.Rows[1].Cells[0].Text);
        Assert.Equal("张三", sheet.Rows[1].Cells[4].Text);
        Assert.Equal(3, sheet.Rows[2].Line);
        Assert.Equal(string.Empty, sheet.Rows[2][1].Text);
    }

    [Fact]
    public void The_csv_template_has_a_byte_order_mark_and_reads_back_as_written()
    {
        var bytes = HouseholdImportTemplate.Csv();
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        var sheet = Read(bytes);
        Assert.Equal(HouseholdImportTemplate.Columns.Select(c => c.Header), Texts(sheet.Rows[0]));
        Assert.Equal(3, sheet.Rows.Count);
    }

    [Fact]
    public void Xlsx_cells_come_from_shared_strings_rich_text_and_inline_strings_without_phonetic_guides_and_numbers_stay_as_stored()
    {
        var bytes = Workbook(
            sheet: """
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>
                <row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve"> 王 </t></is></c><c r="B3"><v>3.7112119580412301E+17</v></c><c t="str"><f>A3</f><v>公式</v></c><c r="E3" t="b"><v>1</v></c></row>
                <row r="4"></row>
                <row><c r="B5"><v>371121001201</v></c><c r="D5" t="s"><v>2</v></c></row>
                </sheetData></worksheet>
                """,
            strings: """
                <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
                <si><t>户编号</t></si>
                <si><r><t>姓</t></r><r><rPr><b/></rPr><t>名</t></r><rPh sb="0" eb="1"><t>xing</t></rPh></si>
                <si><t>换_x000D_行</t></si>
                </sst>
                """);
        var sheet = Read(bytes);
        Assert.Equal(["户编号", string.Empty, "姓名"], Texts(sheet.Rows[0]));
        Assert.Equal(3, sheet.Rows[1].Line);
        Assert.Equal(" 王 ", sheet.Rows[1][0].Text);
        Assert.Equal(new SheetCell("3.7112119580412301E+17", true), sheet.Rows[1][1]);
        Assert.Equal("公式", sheet.Rows[1][2].Text);
        Assert.Equal("TRUE", sheet.Rows[1][4].Text);
        // An empty row is not a row; a row without r follows the previous one.
        Assert.Equal(5, sheet.Rows[2].Line);
        Assert.Equal(new SheetCell("371121001201", true), sheet.Rows[2][1]);
        Assert.Equal("换\r行", sheet.Rows[2][3].Text);
    }

    [Fact]
    public void Xlsx_parts_are_found_through_relationships_with_absolute_targets_and_the_first_visible_sheet_is_read()
    {
        var bytes = Workbook(
            sheet: """<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>看得见</t></is></c></row></sheetData></worksheet>""",
            strings: null,
            hiddenFirst: true,
            absoluteTargets: true);
        Assert.Equal("看得见", Read(bytes).Rows[0][0].Text);
    }

    [Fact]
    public void A_damaged_xlsx_file_is_refused_with_advice()
    {
        var bytes = HouseholdImportTemplate.Xlsx()[..400];
        var (_, problem) = SheetReader.Read(bytes, null, 1000);
        Assert.Equal("import.xlsx_unreadable", problem!.Code);
    }

    [Theory]
    [InlineData("A1", 0)]
    [InlineData("B12", 1)]
    [InlineData("Z3", 25)]
    [InlineData("AA7", 26)]
    [InlineData("XFD1", 16383)]
    public void Cell_references_name_their_column(string reference, int index)
    {
        Assert.Equal(index, XlsxSheet.ColumnIndex(reference));
        Assert.Equal(reference.TrimEnd("0123456789".ToCharArray()), XlsxWriter.ColumnName(index));
    }

    [Fact]
    public void The_error_report_masks_numbers_and_reads_back_as_written()
    {
        IReadOnlyList<ImportProblem> problems = [new(7, "身份证号", "371121********123X", "id.check_character", "校验码不符")];
        var sheet = Read(ImportReport.Xlsx(problems));
        Assert.Equal(["行号", "列", "内容", "错误代码", "原因"], Texts(sheet.Rows[0]));
        Assert.Equal(["7", "身份证号", "371121********123X", "id.check_character", "校验码不符"], Texts(sheet.Rows[1]));
        var csv = Encoding.UTF8.GetString(ImportReport.Csv(problems));
        Assert.Contains("7,身份证号,371121********123X,id.check_character,校验码不符", csv);
    }

    [Theory]
    [InlineData("3.71121E+17", "*********17")]
    [InlineData("3.7112119580412357E+17", "3.7112************E+17")]
    [InlineData("37112119580412", "************12")]
    [InlineData("371121195804121", "371121*****4121")]
    [InlineData("12345", "***45")]
    [InlineData("123", "***")]
    public void Invalid_identity_numbers_are_masked_too(string value, string masked) =>
        Assert.Equal(masked, ImportMasking.IdNumber(value, null));

    [Fact]
    public void Phones_are_masked_as_on_the_household_page() => Assert.Equal("138****5678", ImportMasking.Phone("13812345678"));

    // A workbook written by hand, shaped like Excel's: shared strings, relationships, optionally a hidden first sheet.
    private static byte[] Workbook(string sheet, string? strings, bool hiddenFirst = false, bool absoluteTargets = false)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string content)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }

            var prefix = absoluteTargets ? "/xl/" : string.Empty;
            Add("_rels/.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Add("xl/workbook.xml", $"""
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
                {(hiddenFirst ? """<sheet name="隐藏" sheetId="2" state="hidden" r:id="rId9"/>""" : string.Empty)}
                <sheet name="家庭户" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Add("xl/_rels/workbook.xml.rels", $"""
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="{prefix}worksheets/sheet1.xml"/>
                <Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="{prefix}worksheets/hidden.xml"/>
                <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="{prefix}sharedStrings.xml"/>
                </Relationships>
                """);
            Add("xl/worksheets/sheet1.xml", sheet);
            Add("xl/worksheets/hidden.xml", """<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>隐藏</t></is></c></row></sheetData></worksheet>""");
            if (strings is not null)
            {
                Add("xl/sharedStrings.xml", strings);
            }
        }

        return buffer.ToArray();
    }
}
