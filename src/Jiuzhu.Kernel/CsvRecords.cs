using System.Text;

namespace Jiuzhu.Kernel;

/// <summary>
/// Reads RFC 4180 CSV one record at a time: comma-separated, fields optionally in double quotes (with "" for a quote
/// and line breaks allowed inside), CRLF or LF line ends. Tracks the physical line each record starts on, for errors.
/// </summary>
public sealed class CsvRecords(TextReader reader)
{
    private readonly StringBuilder _field = new();
    private int _line = 1;

    /// <summary>The line the last record read starts on (the header is line 1).</summary>
    public int Line { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end. A broken quote is an error.</summary>
    public bool TryRead(List<string> fields, out string? error)
    {
        fields.Clear();
        error = null;
        Line = _line;
        var c = reader.Read();
        if (c < 0)
        {
            return false;
        }

        _field.Clear();
        var quoted = false;
        var wasQuoted = false;
        while (true)
        {
            if (quoted)
            {
                if (c < 0)
                {
                    error = $"第 {Line} 行开始的引号没有闭合 / unterminated quote starting on line {Line}";
                    return false;
                }

                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        _field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _line++;
                    }

                    _field.Append((char)c);
                }
            }
            else if (c == '"' && _field.Length == 0 && !wasQuoted)
            {
                quoted = wasQuoted = true;
            }
            else if (c == ',')
            {
                fields.Add(_field.ToString());
                _field.Clear();
                wasQuoted = false;
            }
            else if (c is '\r' or '\n' || c < 0)
            {
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                if (c >= 0)
                {
                    _line++;
                }

                fields.Add(_field.ToString());
                return true;
            }
            else
            {
                _field.Append((char)c);
            }

            c = reader.Read();
        }
    }
}
