using System.Buffers.Binary;

namespace Jiuzhu.Assessment.Instruments;

/// <summary>
/// What an assessment gives the indicators of its instrument version — each indicator's answer and the worst member
/// result of each scale — in a compact binary form, so a recomputation of every household reads tens of bytes per
/// household instead of the whole stored answers (notes, scale items, person ids). The full answers stay the record;
/// this is derived from them when the assessment is submitted, encrypted like them.
/// </summary>
/// <remarks>
/// Format 1: the format byte; a flags byte (1: a Barthel result follows, 2: an elderly-ability result follows); those
/// results; the number n of indicators of the instrument version the values are in (its column order); a presence
/// bitmap of ⌈n/8⌉ bytes; then the value of each present indicator. A number is written as its decimal scale (0–28) and
/// its unscaled integer as a zigzag varint, or, when that integer needs more than 63 bits, scale byte 255 and the four
/// 32-bit parts of <see cref="decimal.GetBits(decimal)"/>.
/// </remarks>
public static class IndicatorInputs
{
    private const byte Format = 1;
    private const byte Wide = 255;

    /// <summary>Encodes values in <paramref name="instrument"/>'s column order.</summary>
    public static byte[] Encode(CompiledInstrument instrument, ReadOnlySpan<decimal> values, ReadOnlySpan<bool> present, ScaleWorst worst)
    {
        var n = instrument.Indicators.Length;
        if (n > byte.MaxValue)
        {
            throw new InvalidOperationException("An instrument has at most 255 indicators.");
        }

        var buffer = new byte[4 + 2 * 18 + (n + 7) / 8 + n * 18];
        var at = 0;
        buffer[at++] = Format;
        buffer[at++] = (byte)((worst.HasBarthel ? 1 : 0) | (worst.HasElderly ? 2 : 0));
        if (worst.HasBarthel)
        {
            at += WriteNumber(buffer.AsSpan(at), worst.Barthel);
        }

        if (worst.HasElderly)
        {
            at += WriteNumber(buffer.AsSpan(at), worst.Elderly);
        }

        buffer[at++] = (byte)n;
        var bitmap = buffer.AsSpan(at, (n + 7) / 8);
        at += bitmap.Length;
        for (var j = 0; j < n; j++)
        {
            if (present[j])
            {
                bitmap[j >> 3] |= (byte)(1 << (j & 7));
                at += WriteNumber(buffer.AsSpan(at), values[j]);
            }
        }

        return buffer[..at];
    }

    /// <summary>Encodes answer objects under <paramref name="instrument"/>.</summary>
    public static byte[] FromAnswers(CompiledInstrument instrument, IReadOnlyDictionary<string, decimal?> answers, IReadOnlyList<MemberScaleResult> scales)
    {
        var n = instrument.Indicators.Length;
        var values = new decimal[n];
        var present = new bool[n];
        InstrumentEvaluation.Collect(instrument, answers, scales, values, present, out var worst);
        return Encode(instrument, values, present, worst);
    }

    /// <summary>Encodes stored answers (the JSON of <see cref="AssessmentAnswers"/>) under <paramref name="instrument"/>.</summary>
    public static byte[] FromJson(CompiledInstrument instrument, ReadOnlySpan<byte> json)
    {
        var n = instrument.Indicators.Length;
        Span<decimal> values = stackalloc decimal[n];
        Span<bool> present = stackalloc bool[n];
        InstrumentEvaluation.ParseUtf8(instrument, json, values, present, out var worst);
        return Encode(instrument, values, present, worst);
    }

    /// <summary>
    /// Fills one row of the deprivation matrix of <paramref name="target"/> from inputs encoded under another version:
    /// <paramref name="map"/> gives each source column's column in the target (−1 when the target has no such
    /// indicator; <see cref="CompiledInstrument.MapFrom"/>). A target indicator the source did not have is unanswered.
    /// </summary>
    public static void Fill(CompiledInstrument target, ReadOnlySpan<int> map, ReadOnlySpan<byte> inputs, Span<byte> row)
    {
        var n = target.Indicators.Length;
        Span<decimal> values = stackalloc decimal[n];
        Span<bool> present = stackalloc bool[n];
        Decode(map, inputs, values, present, out var worst);
        InstrumentEvaluation.FillStates(target, values, present, worst, row);
    }

    /// <summary>Reads inputs into the target's column order (see <see cref="Fill"/>).</summary>
    public static void Decode(ReadOnlySpan<int> map, ReadOnlySpan<byte> inputs, Span<decimal> values, Span<bool> present, out ScaleWorst worst)
    {
        if (inputs.Length < 3 || inputs[0] != Format)
        {
            throw new FormatException("Unknown indicator-input format.");
        }

        present.Clear();
        worst = default;
        var at = 2;
        if ((inputs[1] & 1) != 0)
        {
            worst = worst.With(ScaleMeasure.BarthelTotal, ReadNumber(inputs, ref at));
        }

        if ((inputs[1] & 2) != 0)
        {
            worst = worst.With(ScaleMeasure.ElderlyAbilityLevel, ReadNumber(inputs, ref at));
        }

        var n = inputs[at++];
        if (n != map.Length)
        {
            throw new FormatException("The inputs were written under an instrument version with another number of indicators.");
        }

        var bitmap = inputs.Slice(at, (n + 7) / 8);
        at += bitmap.Length;
        for (var j = 0; j < n; j++)
        {
            if ((bitmap[j >> 3] & (1 << (j & 7))) == 0)
            {
                continue;
            }

            var value = ReadNumber(inputs, ref at);
            if (map[j] is var t and >= 0)
            {
                values[t] = value;
                present[t] = true;
            }
        }
    }

    private static int WriteNumber(Span<byte> to, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (byte)((bits[3] >> 16) & 0xFF);
        var negative = bits[3] < 0;
        if (bits[2] == 0 && bits[1] >= 0)
        {
            var magnitude = ((long)bits[1] << 32) | (uint)bits[0];
            var signed = negative ? -magnitude : magnitude;
            to[0] = scale;
            return 1 + WriteVarint(to[1..], (ulong)((signed << 1) ^ (signed >> 63)));
        }

        to[0] = Wide;
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(to.Slice(1 + 4 * i), bits[i]);
        }

        return 17;
    }

    private static decimal ReadNumber(ReadOnlySpan<byte> from, ref int at)
    {
        var scale = from[at++];
        if (scale == Wide)
        {
            Span<int> bits = stackalloc int[4];
            for (var i = 0; i < 4; i++)
            {
                bits[i] = BinaryPrimitives.ReadInt32LittleEndian(from.Slice(at + 4 * i));
            }

            at += 16;
            return new decimal(bits);
        }

        if (scale > 28)
        {
            throw new FormatException("Bad decimal scale in indicator inputs.");
        }

        var zigzag = ReadVarint(from, ref at);
        var signed = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
        var magnitude = (ulong)(signed < 0 ? -signed : signed);
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, signed < 0, scale);
    }

    private static int WriteVarint(Span<byte> to, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            to[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        to[i++] = (byte)value;
        return i;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> from, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = from[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("Bad varint in indicator inputs.");
    }
}
