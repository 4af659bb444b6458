namespace Jiuzhu.Registry.ImportHouseholds;

/// <summary>One cell as read: its text, and whether the spreadsheet stored it as a number (which may have damaged it).</summary>
internal readonly record struct SheetCell(string Text, bool Numeric)
{
    public static readonly SheetCell Empty = new(string.Empty, false);
}

/// <summary>A row with the line number the user sees: the row number in the sheet, or the first line of the record in a CSV file.</summary>
internal sealed record SheetRow(int Line, IReadOnlyList<SheetCell> Cells)
{
    public SheetCell this[int column] => column >= 0 && column < Cells.Count ? Cells[column] : SheetCell.Empty;

    public bool IsBlank => Cells.All(c => string.IsNullOrWhiteSpace(c.Text));
}

/// <summary>The rows of an upload, as read from .xlsx or CSV; <see cref="Encoding"/> names the text encoding of a CSV file.</summary>
internal sealed record Sheet(string Format, string? Encoding, IReadOnlyList<SheetRow> Rows);

/// <summary>What made a file unreadable, with the line where it was found.</summary>
internal sealed record SheetProblem(int Line, string Code, string Message);

/// <summary>Reads an upload as .xlsx (a zip file) or CSV, whichever its first bytes say it is.</summary>
internal static class SheetReader
{
    public const string Xlsx = "xlsx";
    public const string Csv = "csv";

    /// <summary>True when the bytes start like a zip file, which is what an .xlsx workbook is.</summary>
    public static bool LooksLikeZip(ReadOnlySpan<byte> bytes) => bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;

    public static (Sheet? Sheet, SheetProblem? Problem) Read(byte[] content, string? encoding, int maxRows)
    {
        if (content.Length == 0)
        {
            return (null, new SheetProblem(1, "import.empty_file", "文件是空的"));
        }

        if (LooksLikeZip(content))
        {
            return XlsxSheet.Read(content, maxRows);
        }

        // Old binary workbooks (.xls) start with the OLE compound-file signature.
        if (content.Length >= 8 && content.AsSpan(0, 8).SequenceEqual(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
        {
            return (null, new SheetProblem(1, "import.xls_not_supported", "不支持旧版 Excel 97-2003 工作簿（.xls），请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入"));
        }

        return CsvSheet.Read(content, encoding, maxRows);
    }
}
