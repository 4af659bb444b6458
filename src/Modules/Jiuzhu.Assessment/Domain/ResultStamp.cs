using System.Buffers.Binary;
using System.Text;
using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Assessment.Policy;
using Jiuzhu.Kernel.Protection;

namespace Jiuzhu.Assessment.Domain;

/// <summary>
/// A keyed 64-bit stamp of everything a standing shows (region, assessment, the columns its profile is in, score,
/// poor/incomplete, deprivation profile, tier and rule, phase, income streak), so the batch recomputation can tell
/// whether a household's result changed by comparing one number instead of reading and decrypting the stored one.
/// </summary>
public static class ResultStamp
{
    /// <summary>The identity of an instrument version's columns (its indicator codes in order): profiles are comparable when equal.</summary>
    public static long Columns(IFieldProtector protector, CompiledInstrument instrument) =>
        protector.KeyedHash64(Encoding.UTF8.GetBytes(string.Join('\n', instrument.Indicators.Select(i => i.Code))));

    public static long Of(
        IFieldProtector protector, long columns, string regionCode, Guid assessmentId, string? score, bool poor, bool incomplete, long deprived, long missing,
        Tier tier, string tierRule, string tierRuleName, Phase phase, DateOnly? incomeOkSince)
    {
        var size = 64 + 3 * (regionCode.Length + (score?.Length ?? 0) + tierRule.Length + tierRuleName.Length) + 5 * 4;
        Span<byte> buffer = size <= 2048 ? stackalloc byte[size] : new byte[size];
        var at = 0;
        BinaryPrimitives.WriteInt64LittleEndian(buffer[at..], columns);
        at += 8;
        assessmentId.TryWriteBytes(buffer[at..]);
        at += 16;
        buffer[at++] = (byte)((poor ? 1 : 0) | (incomplete ? 2 : 0) | (score is null ? 4 : 0) | (incomeOkSince is null ? 8 : 0));
        BinaryPrimitives.WriteInt64LittleEndian(buffer[at..], deprived);
        at += 8;
        BinaryPrimitives.WriteInt64LittleEndian(buffer[at..], missing);
        at += 8;
        buffer[at++] = (byte)tier;
        buffer[at++] = (byte)phase;
        BinaryPrimitives.WriteInt32LittleEndian(buffer[at..], incomeOkSince?.DayNumber ?? 0);
        at += 4;
        foreach (var text in (ReadOnlySpan<string?>)[regionCode, score, tierRule, tierRuleName])
        {
            var length = Encoding.UTF8.GetBytes(text ?? string.Empty, buffer[(at + 4)..]);
            BinaryPrimitives.WriteInt32LittleEndian(buffer[at..], length);
            at += 4 + length;
        }

        return protector.KeyedHash64(buffer[..at]);
    }
}
