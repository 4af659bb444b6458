using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Jiuzhu.Kernel.Spreadsheets;

/// <summary>
/// A column of a written worksheet; <see cref="Text"/> formats the whole column as text, so Excel keeps long numbers typed
/// into it; <see cref="Number"/> writes its cells as numbers (invariant culture), so they sum and sort in Excel.
/// </summary>
public sealed record XlsxColumn(string Header, double Width, bool Text = false, bool Wrap = false, bool Number = false);

/// <summary>A worksheet to write: a bold, frozen header row and rows of plain text.</summary>
public sealed record XlsxWorksheet(string Name, IReadOnlyList<XlsxColumn> Columns, IEnumerable<IReadOnlyList<string>> Rows);

/// <summary>
/// Writes a minimal .xlsx workbook (Office Open XML, transitional): inline strings only, four cell styles (plain,
/// text, bold header, wrapped). Enough for templates and reports, which Excel, WPS and LibreOffice open alike.
/// </summary>
public static class XlsxWriter
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    // Fixed entry times make the same content give the same bytes.
    private static readonly DateTimeOffset EntryTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = false, CloseOutput = false };

    private enum Style
    {
        Plain = 0,
        Text = 1,
        Header = 2,
        Wrap = 3,
    }

    public static byte[] Write(IReadOnlyList<XlsxWorksheet> sheets)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", w => ContentTypes(w, sheets.Count));
            Part(zip, "_rels/.rels", w => Relationships(w, [("rId1", "officeDocument", "xl/workbook.xml")]));
            Part(zip, "xl/workbook.xml", w => Workbook(w, sheets));
            Part(zip, "xl/_rels/workbook.xml.rels", w => Relationships(w,
                sheets.Select((_, i) => ($"rId{i + 1}", "worksheet", $"worksheets/sheet{i + 1}.xml"))
                    .Append(($"rId{sheets.Count + 1}", "styles", "styles.xml")).ToList()));
            Part(zip, "xl/styles.xml", Styles);
            for (var i = 0; i < sheets.Count; i++)
            {
                var sheet = sheets[i];
                Part(zip, $"xl/worksheets/sheet{i + 1}.xml", w => Worksheet(w, sheet));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>"A" for 0, "AA" for 26.</summary>
    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static void Part(ZipArchive zip, string name, Action<XmlWriter> write)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        using var writer = XmlWriter.Create(stream, Settings);
        writer.WriteStartDocument(standalone: true);
        write(writer);
        writer.WriteEndDocument();
    }

    private static void ContentTypes(XmlWriter w, int sheets)
    {
        const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        w.WriteStartElement("Types", ns);
        Default(w, ns, "rels", "application/vnd.openxmlformats-package.relationships+xml");
        Default(w, ns, "xml", "application/xml");
        Override(w, ns, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
        Override(w, ns, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
        for (var i = 1; i <= sheets; i++)
        {
            Override(w, ns, $"/xl/worksheets/sheet{i}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
        }

        w.WriteEndElement();

        static void Default(XmlWriter w, string ns, string extension, string type)
        {
            w.WriteStartElement("Default", ns);
            w.WriteAttributeString("Extension", extension);
            w.WriteAttributeString("ContentType", type);
            w.WriteEndElement();
        }

        static void Override(XmlWriter w, string ns, string part, string type)
        {
            w.WriteStartElement("Override", ns);
            w.WriteAttributeString("PartName", part);
            w.WriteAttributeString("ContentType", type);
            w.WriteEndElement();
        }
    }

    private static void Relationships(XmlWriter w, IReadOnlyList<(string Id, string Type, string Target)> relationships)
    {
        w.WriteStartElement("Relationships", PackageRelationships);
        foreach (var (id, type, target) in relationships)
        {
            w.WriteStartElement("Relationship", PackageRelationships);
            w.WriteAttributeString("Id", id);
            w.WriteAttributeString("Type", $"{RelationshipsNs}/{type}");
            w.WriteAttributeString("Target", target);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void Workbook(XmlWriter w, IReadOnlyList<XlsxWorksheet> sheets)
    {
        w.WriteStartElement("workbook", Main);
        w.WriteAttributeString("xmlns", "r", null, RelationshipsNs);
        w.WriteStartElement("sheets", Main);
        for (var i = 0; i < sheets.Count; i++)
        {
            w.WriteStartElement("sheet", Main);
            w.WriteAttributeString("name", sheets[i].Name);
            w.WriteAttributeString("sheetId", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteAttributeString("id", RelationshipsNs, $"rId{i + 1}");
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Styles(XmlWriter w)
    {
        w.WriteStartElement("styleSheet", Main);
        w.WriteRaw("""
            <fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>
            <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
            <cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
            """);
        w.WriteEndElement();
    }

    private static void Worksheet(XmlWriter w, XlsxWorksheet sheet)
    {
        w.WriteStartElement("worksheet", Main);
        w.WriteStartElement("sheetViews", Main);
        w.WriteStartElement("sheetView", Main);
        w.WriteAttributeString("workbookViewId", "0");
        w.WriteStartElement("pane", Main);
        w.WriteAttributeString("ySplit", "1");
        w.WriteAttributeString("topLeftCell", "A2");
        w.WriteAttributeString("activePane", "bottomLeft");
        w.WriteAttributeString("state", "frozen");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("cols", Main);
        for (var i = 0; i < sheet.Columns.Count; i++)
        {
            var column = sheet.Columns[i];
            w.WriteStartElement("col", Main);
            var position = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            w.WriteAttributeString("min", position);
            w.WriteAttributeString("max", position);
            w.WriteAttributeString("width", column.Width.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteAttributeString("customWidth", "1");
            if (column.Text)
            {
                w.WriteAttributeString("style", ((int)Style.Text).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("sheetData", Main);
        Row(w, 1, sheet.Columns.Select(c => c.Header).ToList(), _ => Style.Header, _ => false);
        var number = 2;
        foreach (var row in sheet.Rows)
        {
            Row(w, number++, row, i => i < sheet.Columns.Count && sheet.Columns[i].Text ? Style.Text
                : i < sheet.Columns.Count && sheet.Columns[i].Wrap ? Style.Wrap : Style.Plain, i => i < sheet.Columns.Count && sheet.Columns[i].Number);
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Row(XmlWriter w, int number, IReadOnlyList<string> cells, Func<int, Style> style, Func<int, bool> numeric)
    {
        var r = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        w.WriteStartElement("row", Main);
        w.WriteAttributeString("r", r);
        for (var i = 0; i < cells.Count; i++)
        {
            if (string.IsNullOrEmpty(cells[i]))
            {
                continue;
            }

            w.WriteStartElement("c", Main);
            w.WriteAttributeString("r", ColumnName(i) + r);
            var s = style(i);
            if (s != Style.Plain)
            {
                w.WriteAttributeString("s", ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (numeric(i) && decimal.TryParse(cells[i], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                w.WriteElementString("v", Main, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.WriteEndElement();
                continue;
            }

            w.WriteAttributeString("t", "inlineStr");
            w.WriteStartElement("is", Main);
            w.WriteStartElement("t", Main);
            var text = Clean(cells[i]);
            if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
            {
                w.WriteAttributeString("xml", "space", null, "preserve");
            }

            w.WriteString(text);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    // XML 1.0 cannot hold most control characters; Excel's own escape is _xHHHH_.
    private static string Clean(string text)
    {
        if (!text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(char.IsControl(c) && c is not ('\t' or '\n' or '\r') ? $"_x{(int)c:X4}_" : c.ToString());
        }

        return sb.ToString();
    }
}
