using System.Globalization;
using System.Text.RegularExpressions;
using Jiuzhu.Kernel;

namespace Jiuzhu.Registry.Domain;

/// <summary>
/// What identity numbers and credit codes share: how typed, pasted or imported text is cleaned, and how the
/// damage spreadsheets do to long numbers is recognised and explained. Nothing here repairs a damaged number.
/// </summary>
internal sealed partial class IdentifierText(string codePrefix, string name, string unit, string notationExample)
{
    /// <summary>Error code prefix, e.g. "id".</summary>
    public string CodePrefix { get; } = codePrefix;

    /// <summary>What the users call the number, e.g. 身份证号.</summary>
    public string Name { get; } = name;

    /// <summary>号码 or 代码, as people say it of this kind of number.</summary>
    public string Unit { get; } = unit;

    /// <summary>
    /// Removes surrounding white space, including the full-width space (U+3000) and NBSP that Chinese input
    /// methods and web pages produce, and the invisible BOM / zero-width space a pasted cell can carry.
    /// Inner characters are kept, so a space in the middle is still seen and reported.
    /// </summary>
    public static string TrimSurrounding(string input)
    {
        var start = 0;
        var end = input.Length;
        while (start < end && IsSurrounding(input[start]))
        {
            start++;
        }

        while (end > start && IsSurrounding(input[end - 1]))
        {
            end--;
        }

        return input[start..end];
    }

    /// <summary>
    /// Full-width forms (U+FF01–U+FF5E: ０-９, Ａ-Ｚ, ａ-ｚ, ＋, ．) become ASCII and ASCII letters upper case.
    /// Character for character, so a position in the result is the same position in the trimmed input.
    /// </summary>
    public static string Fold(string trimmed) => string.Create(trimmed.Length, trimmed, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                c = (char)(c - 0xFEE0);
            }

            span[i] = c is >= 'a' and <= 'z' ? (char)(c - ('a' - 'A')) : c;
        }
    });

    public static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public Error Empty() => Problem("empty", $"{Name}为空");

    /// <summary>
    /// Spreadsheet damage visible in the text itself: scientific notation, a decimal part, thousands separators.
    /// A spreadsheet keeps 15 significant digits, so in each case the original number may be gone.
    /// </summary>
    public Error? SpreadsheetDamage(string folded)
    {
        if (ScientificNotation().IsMatch(folded)
            // A bare form like 123456789012345E67 could be a real 18-character credit code; only the shapes a
            // spreadsheet writes (a decimal point, an exponent sign) or a length no code has are taken as notation.
            && (folded.Length != 18 || folded.AsSpan().IndexOfAny(".,+-") >= 0))
        {
            return Problem("scientific_notation",
                $"{Name}被表格软件转成了科学计数法（如 {notationExample}），原{Unit}已丢失，请按文本格式重新录入");
        }

        if (DecimalNumber().Match(folded) is { Success: true } decimalNumber)
        {
            return Problem("decimal_part",
                $"{Name}末尾带有小数部分（{decimalNumber.Groups[1].Value}），说明它被表格软件当成数字处理过，{Unit}可能已被改动，请按文本格式重新录入");
        }

        if (ThousandsSeparated().IsMatch(folded))
        {
            return Problem("thousands_separator",
                $"{Name}中有千位分隔符（,），说明它被表格软件当成数字处理过，原{Unit}可能已丢失，请按文本格式重新录入");
        }

        return null;
    }

    /// <summary>
    /// An 18-digit number ending in 000 whose check fails is what a spreadsheet leaves of a longer number: it keeps
    /// 15 significant digits and fills the rest with zeros.
    /// </summary>
    public static bool LooksTruncated(string folded) => folded.Length == 18 && AllDigits(folded) && folded.EndsWith("000", StringComparison.Ordinal);

    public Error Truncated() => Problem("truncated",
        $"{Name}最后三位是 000 且校验码不符：表格软件只保留 15 位有效数字，把后面几位变成了 0，原{Unit}已丢失，请按文本格式重新录入");

    /// <summary>Spaces or dashes inside the number. They are not removed: they may hide a missing or extra character.</summary>
    public Error? InnerSeparator(string trimmed, string folded)
    {
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            if (char.IsWhiteSpace(c))
            {
                return Problem("inner_separator", $"{Name}中间有空格（第 {i + 1} 位），只有首尾的空格会被自动去掉，请核对后去掉空格再录入");
            }

            if (IsSurrounding(c))
            {
                return Problem("inner_separator", $"{Name}中间有看不见的字符 {Show(c)}（第 {i + 1} 位），请核对后重新录入");
            }

            if (IsDash(c))
            {
                return Problem("inner_separator", $"{Name}中间有横线“{Show(trimmed[i])}”（第 {i + 1} 位），请核对后去掉横线再录入");
            }
        }

        return null;
    }

    /// <summary>16 or 17 digits: a digit was lost in typing or copying. <paramref name="allowX"/>: the last may be the check X.</summary>
    public Error? MissingDigits(string folded, bool allowX)
    {
        if (folded.Length is not (16 or 17))
        {
            return null;
        }

        var last = folded[^1];
        var shapeFits = AllDigits(folded.AsSpan(0, folded.Length - 1)) && (char.IsAsciiDigit(last) || (allowX && last == 'X'));
        return shapeFits ? Problem("missing_digits", $"{Name}长度为 {folded.Length} 位，可能丢失了数字（应为 18 位），请对照原件重新录入") : null;
    }

    public Error Length(int length, string expectation) =>
        Problem("length", $"{Name}应为 {expectation}，实际为 {length} 位");

    /// <summary>A character that does not belong at its position; the character is shown as it was typed.</summary>
    public Error Character(string trimmed, int index, string expectation) =>
        Problem("character", $"{Name}第 {index + 1} 位是“{Show(trimmed[index])}”，{expectation}");

    public Error Problem(string code, string message) => Error.Validation($"{CodePrefix}.{code}", message);

    private static bool IsSurrounding(char c) => char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF';

    private static bool IsDash(char c) => c is '-' or '_' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212';

    // Control and format characters are invisible in a message; name them by code point instead.
    private static string Show(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.Surrogate
            ? $"U+{(int)c:X4}"
            : c.ToString();

    // After Fold: 3.71121E+17, 3.7112119430517E+17, 3.71121E17 (lower-case e is folded), with a sign or a decimal comma.
    [GeneratedRegex(@"^[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)E[+-]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ScientificNotation();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalNumber();

    [GeneratedRegex(@"^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ThousandsSeparated();
}
