using System.Buffers;
using System.Text;

namespace Jiuzhu.Registry.ImportHouseholds;

/// <summary>
/// Reads CSV text (RFC 4180: quoted fields may hold commas, quotes written twice and line breaks). The encoding is
/// UTF-8 with or without a byte order mark, UTF-16 with one, or GB18030 — what Excel on a Chinese Windows writes
/// when it saves "CSV (逗号分隔)", of which GBK and GB2312 are subsets. Without a stated encoding, text that is valid
/// UTF-8 is read as UTF-8 and anything else as GB18030: Chinese text in GBK is practically never valid UTF-8.
/// </summary>
internal static class CsvSheet
{
    public const string Utf8 = "utf-8";
    public const string Gb18030 = "gb18030";
    public const string Utf16 = "utf-16";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static CsvSheet() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding names a user may state; null or "auto" detects.</summary>
    public static string? NormaliseEncoding(string? stated) => stated?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => null,
        "utf-8" or "utf8" => Utf8,
        "gb18030" or "gbk" or "gb2312" or "cp936" or "936" => Gb18030,
        _ => "?",
    };

    public static (Sheet? Sheet, SheetProblem? Problem) Read(byte[] content, string? statedEncoding, int maxRows)
    {
        var decoded = Decode(content, statedEncoding);
        if (decoded.Problem is not null)
        {
            return (null, decoded.Problem);
        }

        var (text, encoding) = (decoded.Text!, decoded.Encoding!);
        var rows = new List<SheetRow>();
        var reader = new Records(text, Delimiter(text));
        while (reader.Next(out var line, out var fields, out var broken))
        {
            if (broken is not null)
            {
                return (null, new SheetProblem(line, "import.csv_quotes", broken));
            }

            if (rows.Count >= maxRows)
            {
                return (null, new SheetProblem(line, "import.too_many_rows", $"文件超过 {maxRows:N0} 行，请分成几个文件导入"));
            }

            rows.Add(new SheetRow(line, fields.Select(f => new SheetCell(f, false)).ToArray()));
        }

        return (new Sheet(SheetReader.Csv, encoding, rows), null);
    }

    private static (string? Text, string? Encoding, SheetProblem? Problem) Decode(byte[] content, string? statedEncoding)
    {
        var stated = NormaliseEncoding(statedEncoding);
        if (stated == "?")
        {
            return (null, null, new SheetProblem(1, "import.encoding_unknown", $"不支持的编码“{statedEncoding}”，请选择 UTF-8 或 GB18030（GBK）"));
        }

        // A byte order mark says what the text is, whatever was stated.
        if (content.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            return Utf8Text(content, 3);
        }

        if (content.Length >= 2 && ((content[0] == 0xFF && content[1] == 0xFE) || (content[0] == 0xFE && content[1] == 0xFF)))
        {
            var utf16 = content[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return (utf16.GetString(content, 2, content.Length - 2), Utf16, null);
        }

        if (stated == Gb18030)
        {
            return Gb18030Text(content);
        }

        var utf8 = Utf8Text(content, 0);
        if (utf8.Problem is null || stated == Utf8)
        {
            return utf8;
        }

        return Gb18030Text(content);
    }

    private static (string? Text, string? Encoding, SheetProblem? Problem) Utf8Text(byte[] content, int start)
    {
        try
        {
            return (StrictUtf8.GetString(content, start, content.Length - start), Utf8, null);
        }
        catch (DecoderFallbackException)
        {
            var valid = start;
            while (valid < content.Length)
            {
                var status = Rune.DecodeFromUtf8(content.AsSpan(valid), out _, out var consumed);
                if (status != OperationStatus.Done)
                {
                    break;
                }

                valid += consumed;
            }

            var line = 1 + content.AsSpan(start, valid - start).Count((byte)'\n');
            return (null, null, new SheetProblem(line, "import.not_utf8",
                "本行有不是 UTF-8 编码的内容。Excel 在中文 Windows 上另存的 CSV 通常是 GBK 编码，请把编码选为 GB18030（GBK）或“自动识别”"));
        }
    }

    private static (string? Text, string? Encoding, SheetProblem? Problem) Gb18030Text(byte[] content)
    {
        var gb = Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        try
        {
            return (gb.GetString(content), Gb18030, null);
        }
        catch (DecoderFallbackException)
        {
            return (null, null, new SheetProblem(1, "import.encoding_unreadable", "文件既不是 UTF-8 也不是 GB18030（GBK）编码的文本，请另存为 .xlsx 或 UTF-8 编码的 CSV 后再导入"));
        }
    }

    // Comma-separated, unless the first line has tabs and no commas (Excel's "Unicode text" export).
    private static char Delimiter(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var first = end < 0 ? text : text[..end];
        return !first.Contains(',') && first.Contains('\t') ? '\t' : ',';
    }

    /// <summary>A cursor over the records of the text; it counts physical lines so that every record knows where it starts.</summary>
    private sealed class Records(string text, char delimiter)
    {
        private readonly StringBuilder _field = new();
        private int _position;
        private int _line = 1;

        public bool Next(out int line, out List<string> fields, out string? broken)
        {
            fields = [];
            broken = null;
            line = _line;
            if (_position >= text.Length)
            {
                return false;
            }

            while (true)
            {
                _field.Clear();
                if (_position < text.Length && text[_position] == '"')
                {
                    _position++;
                    if (!ReadQuoted(out broken))
                    {
                        return true;
                    }
                }

                // Unquoted text (and anything after a closing quote up to the delimiter).
                while (_position < text.Length && text[_position] != delimiter && text[_position] != '\r' && text[_position] != '\n')
                {
                    _field.Append(text[_position++]);
                }

                fields.Add(_field.ToString());
                if (_position >= text.Length)
                {
                    return true;
                }

                if (text[_position] == delimiter)
                {
                    _position++;
                    continue;
                }

                // End of the record: CRLF, LF or a lone CR.
                if (text[_position] == '\r' && _position + 1 < text.Length && text[_position + 1] == '\n')
                {
                    _position++;
                }

                _position++;
                _line++;
                return true;
            }
        }

        private bool ReadQuoted(out string? broken)
        {
            broken = null;
            while (_position < text.Length)
            {
                var c = text[_position++];
                if (c == '"')
                {
                    if (_position < text.Length && text[_position] == '"')
                    {
                        _field.Append('"');
                        _position++;
                        continue;
                    }

                    if (_position < text.Length && text[_position] != delimiter && text[_position] is not ('\r' or '\n'))
                    {
                        broken = $"引号后面紧跟着其他字符（“{text[_position]}”）。字段中的引号要写成两个（\"\"），整个字段再用引号括起来";
                        return false;
                    }

                    return true;
                }

                if (c == '\n' || (c == '\r' && (_position >= text.Length || text[_position] != '\n')))
                {
                    _line++;
                }

                _field.Append(c);
            }

            broken = "引号没有闭合，从这里到文件末尾都被当成了一个字段";
            return false;
        }
    }
}
