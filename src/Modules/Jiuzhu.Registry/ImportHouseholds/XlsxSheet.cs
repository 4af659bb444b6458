using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace Jiuzhu.Registry.ImportHouseholds;

/// <summary>
/// Reads the first worksheet of an .xlsx workbook (Office Open XML, as Excel and WPS save it): cell text from the
/// shared-string table or inline strings, numbers as the text the file stores, so that an identity number Excel turned
/// into 3.71121E+17 is seen as such. Phonetic guides (拼音 runs) are not part of the text. Formulas count by their saved
/// result. Both the transitional and the strict OOXML namespaces are read, by local name.
/// </summary>
internal static partial class XlsxSheet
{
    // A workbook part may not expand beyond this: a small zip can hold a huge file (a "zip bomb").
    private const long MaxPartBytes = 256L * 1024 * 1024;

    // Columns beyond this are ignored: the template has a dozen, and a stray cell in column XFD must not cost memory.
    private const int MaxColumns = 200;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    public static (Sheet? Sheet, SheetProblem? Problem) Read(byte[] content, int maxRows)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var workbook = Relationships(zip, "_rels/.rels", string.Empty).FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target
                           ?? "xl/workbook.xml";
            var workbookRels = Relationships(zip, RelsPath(workbook), Folder(workbook));
            var sheetId = FirstSheetRelationship(zip, workbook);
            var sheetPath = workbookRels.FirstOrDefault(r => r.Id == sheetId).Target;
            if (sheetId is null || sheetPath is null || Find(zip, sheetPath) is null)
            {
                return (null, new SheetProblem(1, "import.xlsx_no_sheet", "工作簿中找不到工作表"));
            }

            var stringsPath = workbookRels.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target;
            var strings = stringsPath is null ? [] : SharedStrings(zip, stringsPath);
            return Rows(zip, sheetPath, strings, maxRows);
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException)
        {
            return (null, new SheetProblem(1, "import.xlsx_unreadable", "无法读取这个 .xlsx 文件（文件已损坏或不是 Excel 工作簿），请在 Excel 或 WPS 中重新保存后再导入"));
        }
    }

    private static (Sheet?, SheetProblem?) Rows(ZipArchive zip, string sheetPath, List<string> strings, int maxRows)
    {
        var rows = new List<SheetRow>();
        using var reader = Open(zip, sheetPath)!;
        var rowNumber = 0;
        List<SheetCell>? cells = null;
        var column = -1;
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "row")
            {
                rowNumber = int.TryParse(reader.GetAttribute("r"), out var r) && r > rowNumber ? r : rowNumber + 1;
                cells = [];
                column = -1;
                if (reader.IsEmptyElement)
                {
                    cells = null;
                }

                reader.Read();
                continue;
            }

            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "c" && cells is not null)
            {
                column = ColumnIndex(reader.GetAttribute("r")) ?? column + 1;
                var type = reader.GetAttribute("t");
                var (value, inline) = CellContent(reader);
                if (column < MaxColumns)
                {
                    var cell = CellValue(type, value, inline, strings);
                    if (cell is null)
                    {
                        return (null, new SheetProblem(rowNumber, "import.xlsx_unreadable", "单元格引用了不存在的共享文本，文件可能已损坏，请重新保存后再导入"));
                    }

                    while (cells.Count < column)
                    {
                        cells.Add(SheetCell.Empty);
                    }

                    cells.Add(cell.Value);
                }

                continue;
            }

            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "row" && cells is not null)
            {
                if (cells.Any(c => c.Text.Length > 0))
                {
                    if (rows.Count >= maxRows)
                    {
                        return (null, new SheetProblem(rowNumber, "import.too_many_rows", $"文件超过 {maxRows:N0} 行，请分成几个文件导入"));
                    }

                    rows.Add(new SheetRow(rowNumber, cells));
                }

                cells = null;
            }

            reader.Read();
        }

        return (new Sheet(SheetReader.Xlsx, null, rows), null);
    }

    // Reads a <c> element to its end: the <v> text and the text of an inline string (<is>), phonetic runs left out.
    private static (string? Value, string? Inline) CellContent(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return (null, null);
        }

        var depth = reader.Depth;
        string? value = null;
        StringBuilder? inline = null;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "v":
                        value = reader.ReadElementContentAsString();
                        continue;
                    case "t":
                        (inline ??= new StringBuilder()).Append(reader.ReadElementContentAsString());
                        continue;
                    case "rPh" or "f":
                        reader.Skip();
                        continue;
                }
            }

            reader.Read();
        }

        reader.Read();
        return (value, inline?.ToString());
    }

    private static SheetCell? CellValue(string? type, string? value, string? inline, List<string> strings)
    {
        switch (type)
        {
            case "s":
                return int.TryParse(value, out var index) && index >= 0 && index < strings.Count ? new SheetCell(strings[index], false) : null;
            case "inlineStr":
                return new SheetCell(Unescape(inline ?? string.Empty), false);
            case "str" or "e" or "d":
                return new SheetCell(Unescape(value ?? string.Empty), false);
            case "b":
                return new SheetCell(value == "1" ? "TRUE" : "FALSE", false);
            default:
                return string.IsNullOrEmpty(value) ? SheetCell.Empty : new SheetCell(value, true);
        }
    }

    private static List<string> SharedStrings(ZipArchive zip, string path)
    {
        var strings = new List<string>();
        using var reader = Open(zip, path);
        if (reader is null)
        {
            return strings;
        }

        StringBuilder? current = null;
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "si":
                        current = new StringBuilder();
                        if (reader.IsEmptyElement)
                        {
                            strings.Add(string.Empty);
                            current = null;
                        }

                        break;
                    case "t" when current is not null:
                        current.Append(reader.ReadElementContentAsString());
                        continue;
                    case "rPh":
                        reader.Skip();
                        continue;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "si" && current is not null)
            {
                strings.Add(Unescape(current.ToString()));
                current = null;
            }

            reader.Read();
        }

        return strings;
    }

    private static string? FirstSheetRelationship(ZipArchive zip, string workbookPath)
    {
        using var reader = Open(zip, workbookPath);
        if (reader is null)
        {
            return null;
        }

        string? first = null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "sheet")
            {
                continue;
            }

            var id = RelationshipId(reader);
            // The first visible sheet holds the data; a hidden one (e.g. a list of allowed values) is passed over.
            if (reader.GetAttribute("state") is null or "visible")
            {
                return id;
            }

            first ??= id;
        }

        return first;
    }

    // r:id, whatever prefix and namespace (transitional or strict) the relationship attribute uses.
    private static string? RelationshipId(XmlReader reader)
    {
        for (var i = 0; i < reader.AttributeCount; i++)
        {
            reader.MoveToAttribute(i);
            if (reader.LocalName == "id" && reader.NamespaceURI.Length > 0)
            {
                var value = reader.Value;
                reader.MoveToElement();
                return value;
            }
        }

        reader.MoveToElement();
        return null;
    }

    private readonly record struct Relationship(string Id, string Type, string Target);

    private static List<Relationship> Relationships(ZipArchive zip, string relsPath, string folder)
    {
        var list = new List<Relationship>();
        using var reader = Open(zip, relsPath);
        if (reader is null)
        {
            return list;
        }

        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.GetAttribute("TargetMode") != "External")
            {
                list.Add(new Relationship(reader.GetAttribute("Id") ?? string.Empty, reader.GetAttribute("Type") ?? string.Empty, Resolve(folder, reader.GetAttribute("Target") ?? string.Empty)));
            }
        }

        return list;
    }

    private static string RelsPath(string part) => $"{Folder(part)}_rels/{Path.GetFileName(part)}.rels";

    private static string Folder(string part) => part.LastIndexOf('/') is var slash and >= 0 ? part[..(slash + 1)] : string.Empty;

    // A target is relative to the folder of the part that names it, or absolute from the package root.
    private static string Resolve(string folder, string target)
    {
        var path = target.StartsWith('/') ? target[1..] : folder + target;
        var parts = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (segment is not ("." or ""))
            {
                parts.Add(segment);
            }
        }

        return string.Join('/', parts);
    }

    private static ZipArchiveEntry? Find(ZipArchive zip, string path) =>
        zip.GetEntry(path) ?? zip.Entries.FirstOrDefault(e => string.Equals(e.FullName.TrimStart('/'), path, StringComparison.OrdinalIgnoreCase));

    private static XmlReader? Open(ZipArchive zip, string path)
    {
        var entry = Find(zip, path);
        if (entry is null)
        {
            return null;
        }

        var reader = XmlReader.Create(new LimitedStream(entry.Open(), MaxPartBytes), Settings);
        reader.MoveToContent();
        return reader;
    }

    /// <summary>"B12" → 1 (zero-based); null when the reference is missing or not a cell reference.</summary>
    internal static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                index = (index * 26) + (c - 'A' + 1);
                letters++;
            }
            else
            {
                break;
            }
        }

        return letters is 0 or > 3 ? null : index - 1;
    }

    // Excel writes characters XML cannot hold (and some it can, such as CR) as _xHHHH_.
    private static string Unescape(string text) => text.Contains("_x", StringComparison.Ordinal)
        ? EscapedCharacter().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString())
        : text;

    [GeneratedRegex("_x([0-9A-Fa-f]{4})_", RegexOptions.CultureInvariant)]
    private static partial Regex EscapedCharacter();

    /// <summary>Fails the read when a part expands beyond the limit.</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            _read += read;
            return _read > limit ? throw new InvalidDataException("A workbook part is larger than allowed.") : read;
        }
    }
}
