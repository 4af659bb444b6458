namespace Jiuzhu.Kernel;

/// <summary>
/// The region codes that start with a prefix, as a half-open range of strings: Lower &lt;= code &lt; Upper. A database
/// serves such a range from an ordinary index, whereas LIKE 'prefix%' needs a case-insensitive index in SQLite and a
/// C-collated or text_pattern_ops index in PostgreSQL, and so scanned the whole table. Region codes are ASCII digits
/// of at most 12 characters; both bounds are digit strings too, which compare the same way under every collation.
/// </summary>
public readonly record struct RegionCodeRange
{
    /// <summary>Thirteen nines: above every code of up to 12 digits.</summary>
    public const string AboveAllCodes = "9999999999999";

    private RegionCodeRange(string lower, string upper)
    {
        Lower = lower;
        Upper = upper;
    }

    /// <summary>Every region code.</summary>
    public static RegionCodeRange All { get; } = new(string.Empty, AboveAllCodes);

    /// <summary>No string at all: Lower equals Upper.</summary>
    public static RegionCodeRange Empty { get; } = new(JurisdictionScope.NothingPrefix, JurisdictionScope.NothingPrefix);

    /// <summary>The least string in the range.</summary>
    public string Lower { get; }

    /// <summary>The least string above the range (exclusive).</summary>
    public string Upper { get; }

    /// <summary>
    /// The codes starting with <paramref name="prefix"/> (ASCII digits, possibly empty): from the prefix itself up to the
    /// prefix with its last digit that is not a 9 incremented and the nines after it dropped (3719 → 372, 3711 → 3712);
    /// a prefix of nines only has no such digit and ends above every code.
    /// </summary>
    public static RegionCodeRange StartingWith(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (!prefix.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"A region code prefix has digits only: '{prefix}'", nameof(prefix));
        }

        var head = prefix.TrimEnd('9');
        if (head.Length == 0)
        {
            return new RegionCodeRange(prefix, AboveAllCodes);
        }

        return new RegionCodeRange(prefix, string.Concat(head.AsSpan(0, head.Length - 1), [(char)(head[^1] + 1)]));
    }

    /// <summary>Whether the code lies in the range, compared ordinally as the database compares digit strings.</summary>
    public bool Contains(string code) =>
        string.CompareOrdinal(code, Lower) >= 0 && string.CompareOrdinal(code, Upper) < 0;
}
