using System.Numerics;
using Jiuzhu.Kernel;

namespace Jiuzhu.Assessment.Mpi;

/// <summary>The state of one unit in one indicator (g0_ij), or that the value is missing.</summary>
public enum Deprivation : byte
{
    NotDeprived = 0,
    Deprived = 1,
    Missing = 2,
}

/// <summary>
/// The deprivation matrix g0: units × indicators, one byte per cell, row-major, so a million units of fifteen
/// indicators is one 15 MB array and a row is a contiguous span.
/// </summary>
public sealed class DeprivationMatrix
{
    private readonly byte[] _cells;

    public DeprivationMatrix(int units, int indicators)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(indicators);
        Units = units;
        Indicators = indicators;
        _cells = new byte[checked(units * indicators)];
    }

    public int Units { get; }

    public int Indicators { get; }

    internal byte[] Cells => _cells;

    public Deprivation this[int unit, int indicator]
    {
        get => (Deprivation)_cells[Index(unit, indicator)];
        set
        {
            if (value is not (Deprivation.NotDeprived or Deprivation.Deprived or Deprivation.Missing))
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }

            _cells[Index(unit, indicator)] = (byte)value;
        }
    }

    /// <summary>A unit's row, for filling in bulk; cells must be 0, 1 or 2 (<see cref="Deprivation"/>).</summary>
    public Span<byte> Row(int unit) => _cells.AsSpan(unit * Indicators, Indicators);

    /// <summary>A matrix of 0/1 rows; null is a missing value.</summary>
    public static DeprivationMatrix FromRows(IReadOnlyList<IReadOnlyList<int?>> rows, int indicators)
    {
        var matrix = new DeprivationMatrix(rows.Count, indicators);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Count != indicators)
            {
                throw new ArgumentException($"Row {i} has {rows[i].Count} cells, expected {indicators}.", nameof(rows));
            }

            for (var j = 0; j < indicators; j++)
            {
                matrix[i, j] = rows[i][j] switch
                {
                    null => Deprivation.Missing,
                    0 => Deprivation.NotDeprived,
                    1 => Deprivation.Deprived,
                    var v => throw new ArgumentException($"Cell ({i},{j}) is {v}; only 0, 1 or missing.", nameof(rows)),
                };
            }
        }

        return matrix;
    }

    /// <summary>The first cell outside 0/1/2, if any (cells filled through <see cref="Row"/> are unchecked).</summary>
    internal int FirstInvalidCell()
    {
        for (var i = 0; i < _cells.Length; i++)
        {
            if (_cells[i] > 2)
            {
                return i;
            }
        }

        return -1;
    }

    private int Index(int unit, int indicator)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)unit, (uint)Units, nameof(unit));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)indicator, (uint)Indicators, nameof(indicator));
        return unit * Indicators + indicator;
    }
}

/// <summary>
/// Per-unit population weights (for example household size: identify households, count people), kept as
/// non-negative integers over one common denominator so sums stay exact and cheap.
/// </summary>
public sealed class UnitWeights
{
    // Totals are accumulated in long; keeping the sum of all weights below 2^62 leaves room for every partial sum.
    private static readonly BigInteger MaxTotal = BigInteger.One << 62;

    private UnitWeights(long[] scaled, BigInteger denominator)
    {
        Scaled = scaled;
        Denominator = denominator;
    }

    internal long[] Scaled { get; }

    /// <summary>Weight of unit i is Scaled[i] / Denominator.</summary>
    public BigInteger Denominator { get; }

    public int Count => Scaled.Length;

    public Fraction this[int unit] => Fraction.Create(Scaled[unit], Denominator);

    /// <summary>Integer weights such as household sizes.</summary>
    public static Result<UnitWeights> FromIntegers(IReadOnlyList<long> weights)
    {
        var scaled = new long[weights.Count];
        BigInteger total = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i] < 0)
            {
                return Negative(i);
            }

            scaled[i] = weights[i];
            total += weights[i];
        }

        return total >= MaxTotal ? TooLarge() : new UnitWeights(scaled, BigInteger.One);
    }

    /// <summary>Rational weights (survey weights like "1.25"), brought to their least common denominator.</summary>
    public static Result<UnitWeights> FromFractions(IReadOnlyList<Fraction> weights)
    {
        var denominator = BigInteger.One;
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i].Sign < 0)
            {
                return Negative(i);
            }

            denominator = Fraction.LeastCommonMultiple(denominator, weights[i].Denominator);
            if (denominator >= MaxTotal)
            {
                return TooLarge();
            }
        }

        var scaled = new long[weights.Count];
        BigInteger total = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var value = weights[i].Numerator * (denominator / weights[i].Denominator);
            total += value;
            if (total >= MaxTotal)
            {
                return TooLarge();
            }

            scaled[i] = (long)value;
        }

        return new UnitWeights(scaled, denominator);
    }

    private static Error Negative(int unit) =>
        Error.Validation("mpi.weight_negative", $"第 {unit + 1} 个单位的人口权重不能为负数");

    private static Error TooLarge() =>
        Error.Validation("mpi.weights_too_large", "人口权重合计过大或小数位过多，无法精确计算");
}

/// <summary>The subgroup of each unit (region, urban/rural, category…), as indices into <see cref="Labels"/>.</summary>
public sealed class Subgroups
{
    private Subgroups(int[] groupOf, string[] labels)
    {
        GroupOf = groupOf;
        Labels = labels;
    }

    internal int[] GroupOf { get; }

    /// <summary>Subgroup labels in order of first appearance.</summary>
    public IReadOnlyList<string> Labels { get; }

    public int Count => GroupOf.Length;

    public static Subgroups FromLabels(IReadOnlyList<string> labels)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = new List<string>();
        var groupOf = new int[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            if (!index.TryGetValue(labels[i], out var g))
            {
                g = distinct.Count;
                index.Add(labels[i], g);
                distinct.Add(labels[i]);
            }

            groupOf[i] = g;
        }

        return new Subgroups(groupOf, [.. distinct]);
    }
}
