using System.Diagnostics.CodeAnalysis;

namespace Jiuzhu.Kernel;

/// <summary>Administrative level of a statistical division code (统计用区划代码).</summary>
public enum RegionLevel
{
    Province = 1,
    City = 2,
    County = 3,
    Township = 4,
    Village = 5,
}

/// <summary>A 12-digit NBS statistical division code; shorter forms (2, 4, 6, 9 digits) are padded with zeros.</summary>
public readonly record struct RegionCode : IComparable<RegionCode>
{
    private static readonly int[] PrefixLengths = [2, 4, 6, 9, 12];

    private RegionCode(string value, RegionLevel level)
    {
        Value = value;
        Level = level;
    }

    /// <summary>The 12-digit form.</summary>
    public string Value { get; }

    public RegionLevel Level { get; }

    /// <summary>The significant digits: 2 for a province, 4 a city, 6 a county, 9 a township, 12 a village.</summary>
    public string Prefix => Value[..PrefixLengths[(int)Level - 1]];

    /// <summary>The enclosing division; a township of a city without counties (zero county group) has the city as parent.</summary>
    public RegionCode? Parent
    {
        get
        {
            for (var level = (int)Level - 1; level >= 1; level--)
            {
                var end = PrefixLengths[level - 1];
                var start = level == 1 ? 0 : PrefixLengths[level - 2];
                if (Value.AsSpan(start, end - start).ContainsAnyExcept('0'))
                {
                    return new RegionCode(Value[..end].PadRight(12, '0'), (RegionLevel)level);
                }
            }

            return null;
        }
    }

    /// <summary>True when <paramref name="other"/> is this region or lies inside it.</summary>
    public bool Contains(RegionCode other) => other.Value.StartsWith(Prefix, StringComparison.Ordinal);

    public static RegionCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"Not a region code: '{text}'");

    public static bool TryParse([NotNullWhen(true)] string? text, out RegionCode code)
    {
        code = default;
        if (text is null)
        {
            return false;
        }

        text = text.Trim();
        if (Array.IndexOf(PrefixLengths, text.Length) < 0 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        var padded = text.PadRight(12, '0');
        if (padded[..2] == "00")
        {
            return false;
        }

        // The level is the last non-zero group; a zero group may not be followed by a non-zero one, except the
        // county group: NBS codes the townships of cities without counties (不设区的地级市: 东莞、中山、儋州)
        // directly under the city, e.g. 441900003000.
        var level = RegionLevel.Province;
        var start = 2;
        var sawZero = false;
        for (var i = 1; i < PrefixLengths.Length; i++)
        {
            var group = padded[start..PrefixLengths[i]];
            var zero = group.All(c => c == '0');
            if (zero)
            {
                sawZero |= i != 2;
            }
            else
            {
                if (sawZero)
                {
                    return false;
                }

                level = (RegionLevel)(i + 1);
            }

            start = PrefixLengths[i];
        }

        code = new RegionCode(padded, level);
        return true;
    }

    public static bool IsValid(string? text) => TryParse(text, out _);

    public int CompareTo(RegionCode other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value ?? string.Empty;
}
