using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace Jiuzhu.Assessment.Mpi;

/// <summary>
/// An exact rational number, always normalized (denominator positive, numerator and denominator coprime), so equal
/// values have equal representations. Weights, cutoffs and results of the Alkire–Foster engine are kept in it.
/// </summary>
public readonly struct Fraction : IEquatable<Fraction>, IComparable<Fraction>
{
    private readonly BigInteger _denominator; // zero only in default(Fraction), which reads as 0/1

    private Fraction(BigInteger numerator, BigInteger denominator)
    {
        Numerator = numerator;
        _denominator = denominator;
    }

    public static Fraction Zero => new(BigInteger.Zero, BigInteger.One);

    public static Fraction One => new(BigInteger.One, BigInteger.One);

    public BigInteger Numerator { get; }

    public BigInteger Denominator => _denominator.IsZero ? BigInteger.One : _denominator;

    public bool IsZero => Numerator.IsZero;

    public int Sign => Numerator.Sign;

    public static Fraction Create(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("A fraction's denominator cannot be zero.");
        }

        if (denominator.Sign < 0)
        {
            (numerator, denominator) = (-numerator, -denominator);
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        return gcd.IsOne || gcd.IsZero ? new(numerator, denominator) : new(numerator / gcd, denominator / gcd);
    }

    public static Fraction FromInteger(BigInteger value) => new(value, BigInteger.One);

    public static implicit operator Fraction(int value) => FromInteger(value);

    public static implicit operator Fraction(long value) => FromInteger(value);

    /// <summary>Exact value of a decimal (a decimal is a base-10 fraction, so nothing is lost).</summary>
    public static Fraction FromDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        return Create(negative ? -magnitude : magnitude, BigInteger.Pow(10, scale));
    }

    /// <summary>
    /// Parses "1/6", "0.1", "0.25", "1", "-2", " 1 / 3 " (a fraction of two integers or a plain decimal, invariant
    /// culture, no exponent).
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Fraction value)
    {
        value = Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!TryParseInteger(text.AsSpan(0, slash), out var n) || !TryParseInteger(text.AsSpan(slash + 1), out var d) || d.IsZero)
            {
                return false;
            }

            value = Create(n, d);
            return true;
        }

        var span = text.AsSpan().Trim();
        var negative = false;
        if (span.Length > 0 && (span[0] == '-' || span[0] == '+'))
        {
            negative = span[0] == '-';
            span = span[1..];
        }

        var dot = span.IndexOf('.');
        var whole = dot < 0 ? span : span[..dot];
        var part = dot < 0 ? [] : span[(dot + 1)..];
        if (whole.Length + part.Length == 0 || !AllDigits(whole) || !AllDigits(part))
        {
            return false;
        }

        var digits = string.Concat(whole, part);
        var numerator = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        value = Create(negative ? -numerator : numerator, BigInteger.Pow(10, part.Length));
        return true;
    }

    public static Fraction Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"Not a fraction or decimal: '{text}'.");

    public static Fraction operator +(Fraction a, Fraction b) =>
        Create(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a, Fraction b) =>
        Create(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a) => new(-a.Numerator, a.Denominator);

    public static Fraction operator *(Fraction a, Fraction b) =>
        Create(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Fraction operator /(Fraction a, Fraction b) =>
        b.IsZero ? throw new DivideByZeroException() : Create(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static bool operator ==(Fraction a, Fraction b) => a.Equals(b);

    public static bool operator !=(Fraction a, Fraction b) => !a.Equals(b);

    public static bool operator <(Fraction a, Fraction b) => a.CompareTo(b) < 0;

    public static bool operator >(Fraction a, Fraction b) => a.CompareTo(b) > 0;

    public static bool operator <=(Fraction a, Fraction b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Fraction a, Fraction b) => a.CompareTo(b) >= 0;

    public int CompareTo(Fraction other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public bool Equals(Fraction other) => Numerator == other.Numerator && Denominator == other.Denominator;

    public override bool Equals(object? obj) => obj is Fraction other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    /// <summary>The nearest double (for reporting; decisions are taken on the exact value).</summary>
    public double ToDouble()
    {
        if (Numerator.IsZero)
        {
            return 0;
        }

        // Scale so both parts fit a double's exponent range before dividing.
        var shift = (int)Math.Max(0, Math.Max(Numerator.GetBitLength(), Denominator.GetBitLength()) - 1000);
        return (double)(Numerator >> shift) / (double)(Denominator >> shift);
    }

    /// <summary>"3/8", "1", "0", "-1/2".</summary>
    public override string ToString() =>
        Denominator.IsOne
            ? Numerator.ToString(CultureInfo.InvariantCulture)
            : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";

    public static BigInteger LeastCommonMultiple(BigInteger a, BigInteger b) =>
        a.IsZero || b.IsZero ? BigInteger.Zero : BigInteger.Abs(a / BigInteger.GreatestCommonDivisor(a, b) * b);

    private static bool TryParseInteger(ReadOnlySpan<char> text, out BigInteger value)
    {
        text = text.Trim();
        var body = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? text[1..] : text;
        if (body.Length == 0 || !AllDigits(body))
        {
            value = default;
            return false;
        }

        return BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
