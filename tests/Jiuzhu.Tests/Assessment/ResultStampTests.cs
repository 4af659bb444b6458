using System.Security.Cryptography;
using Jiuzhu.Assessment.Domain;
using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Assessment.Policy;
using Jiuzhu.Kernel.Protection;

namespace Jiuzhu.Tests.Assessment;

public sealed class ResultStampTests
{
    private static AesGcmFieldProtector Protector() => new(new ProtectionOptions
    {
        Keys = [new ProtectionKey { Id = "k1", Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }],
        ActiveKeyId = "k1",
        IndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    });

    private sealed record Shown(
        long Columns, string Region, Guid Assessment, string? Score, bool Poor, bool Incomplete, long Deprived, long Missing, Tier Tier, string Rule,
        string RuleName, Phase Phase, DateOnly? IncomeOkSince);

    private static long Stamp(IFieldProtector p, Shown s) =>
        ResultStamp.Of(p, s.Columns, s.Region, s.Assessment, s.Score, s.Poor, s.Incomplete, s.Deprived, s.Missing, s.Tier, s.Rule, s.RuleName, s.Phase, s.IncomeOkSince);

    [Fact]
    public void Equal_results_stamp_equal_and_any_shown_difference_changes_the_stamp()
    {
        var p = Protector();
        var columns = ResultStamp.Columns(p, new CompiledInstrument(DefaultInstrument.Definition));
        var baseline = new Shown(columns, "371121001001", Guid.NewGuid(), "3/8", true, false, 0b1011, 0, Tier.Yellow, "poor", "多维贫困", Phase.Assistance,
            null);
        var stamp = Stamp(p, baseline);
        Assert.Equal(stamp, Stamp(p, baseline with { }));
        Shown[] variants =
        [
            baseline with { Columns = columns + 1 }, baseline with { Region = "371121001002" }, baseline with { Assessment = Guid.NewGuid() },
            baseline with { Score = "1/3" }, baseline with { Score = null }, baseline with { Poor = false }, baseline with { Incomplete = true },
            baseline with { Deprived = 0b1010 }, baseline with { Missing = 1 }, baseline with { Tier = Tier.Red }, baseline with { Rule = "poor2" },
            baseline with { RuleName = "多维贫困（新）" }, baseline with { Phase = Phase.Development }, baseline with { IncomeOkSince = new DateOnly(2026, 1, 1) },
            // Field boundaries are kept: moving text from one field to the next is a different result.
            baseline with { Rule = "poor多", RuleName = "维贫困" },
        ];
        Assert.Equal(variants.Length, variants.Select(v => Stamp(p, v)).Append(stamp).Distinct().Count() - 1);

        // Keyed: another installation's key gives another stamp, so a stamp reveals nothing by itself.
        Assert.NotEqual(stamp, Stamp(Protector(), baseline with { Columns = ResultStamp.Columns(Protector(), new CompiledInstrument(DefaultInstrument.Definition)) }));
    }

    [Fact]
    public void Versions_with_the_same_columns_share_them_and_a_reordered_version_does_not()
    {
        var p = Protector();
        var definition = DefaultInstrument.Definition;
        var raised = definition with
        {
            Dimensions = [.. definition.Dimensions.Select(d => d with { Indicators = [.. d.Indicators.Select(i => i.Code == "income" ? i with { Rule = i.Rule with { Cutoff = 1000m } } : i)] })],
        };
        var reordered = definition with { Dimensions = [.. definition.Dimensions.Reverse()] };
        var columns = ResultStamp.Columns(p, new CompiledInstrument(definition));
        Assert.Equal(columns, ResultStamp.Columns(p, new CompiledInstrument(raised)));
        Assert.NotEqual(columns, ResultStamp.Columns(p, new CompiledInstrument(reordered)));
    }
}
