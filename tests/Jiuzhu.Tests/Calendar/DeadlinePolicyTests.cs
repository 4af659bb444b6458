using Jiuzhu.Cases.Calendar;
using Jiuzhu.Cases.Domain;
using Jiuzhu.Kernel;

namespace Jiuzhu.Tests.Calendar;

public sealed class DeadlinePolicyTests
{
    private static readonly RegionCode Village = RegionCode.Parse("371121001201");      // a village of 五莲县
    private static readonly RegionCode OtherCounty = RegionCode.Parse("371122100201");  // a village of 莒县
    private static readonly RegionCode OtherProvince = RegionCode.Parse("110101001001");

    [Fact]
    public void Without_policies_the_national_defaults_apply()
    {
        var set = DeadlinePolicySet.Defaults;
        Assert.Equal(new DeadlineRule(3, DeadlineUnit.WorkingDays), set.Resolve(DeadlineStep.Acceptance, CaseTypes.MinimumLiving, Village).Rule);
        Assert.Equal(new DeadlineRule(20, DeadlineUnit.WorkingDays), set.Resolve(DeadlineStep.Decision, CaseTypes.MinimumLiving, Village).Rule);
        Assert.Equal(new DeadlineRule(24, DeadlineUnit.Hours), set.Resolve(DeadlineStep.UrgentFirstResponse, CaseTypes.Temporary, Village).Rule);
        Assert.Equal(new DeadlineRule(12, DeadlineUnit.Months), set.Resolve(DeadlineStep.ReassessmentStable, CaseTypes.MinimumLiving, Village).Rule);
        Assert.Equal(new DeadlineRule(6, DeadlineUnit.Months), set.Resolve(DeadlineStep.ReassessmentVariableIncome, CaseTypes.MinimumLiving, Village).Rule);
        Assert.True(set.Resolve(DeadlineStep.Decision, CaseTypes.Service, Village).IsNationalDefault);
    }

    [Fact]
    public void The_most_specific_region_wins()
    {
        var set = new DeadlinePolicySet(
        [
            Row("37", DeadlineStep.Decision, CaseTypes.Any, 30),
            Row("371121", DeadlineStep.Decision, CaseTypes.Any, 25),
            Row("371121001", DeadlineStep.Decision, CaseTypes.Any, 22),
            Row("371121001201", DeadlineStep.Decision, CaseTypes.Any, 21),
            Row("371121002", DeadlineStep.Decision, CaseTypes.Any, 18),
        ]);
        Assert.Equal(21, set.Resolve(DeadlineStep.Decision, CaseTypes.MinimumLiving, Village).Rule.Amount);
        Assert.Equal(22, set.Resolve(DeadlineStep.Decision, CaseTypes.MinimumLiving, RegionCode.Parse("371121001202")).Rule.Amount);
        Assert.Equal(25, set.Resolve(DeadlineStep.Decision, CaseTypes.MinimumLiving, RegionCode.Parse("371121100201")).Rule.Amount);
        Assert.Equal(30, set.Resolve(DeadlineStep.Decision, CaseTypes.MinimumLiving, OtherCounty).Rule.Amount);
        Assert.Equal(20, set.Resolve(DeadlineStep.Decision, CaseTypes.MinimumLiving, OtherProvince).Rule.Amount);
        Assert.Equal("371121001201", set.Resolve(DeadlineStep.Decision, CaseTypes.Temporary, Village).Source?.RegionCode);
        // Other steps are untouched.
        Assert.Equal(3, set.Resolve(DeadlineStep.Acceptance, CaseTypes.MinimumLiving, Village).Rule.Amount);
    }

    [Fact]
    public void Within_a_region_a_policy_for_the_case_type_beats_one_for_any_type()
    {
        var set = new DeadlinePolicySet(
        [
            Row("371121", DeadlineStep.Decision, CaseTypes.Any, 25),
            Row("371121", DeadlineStep.Decision, CaseTypes.MinimumLiving, 22),
        ]);
        Assert.Equal(22, set.Resolve(DeadlineStep.Decision, CaseTypes.MinimumLiving, Village).Rule.Amount);
        Assert.Equal(25, set.Resolve(DeadlineStep.Decision, CaseTypes.Temporary, Village).Rule.Amount);
        Assert.Equal(25, set.Resolve(DeadlineStep.Decision, CaseTypes.Any, Village).Rule.Amount);
    }

    [Fact]
    public void Region_comes_before_case_type_when_they_disagree()
    {
        // The county decided for all its cases; the province's 低保 setting applies where no lower region decided.
        var set = new DeadlinePolicySet(
        [
            Row("37", DeadlineStep.Decision, CaseTypes.MinimumLiving, 30),
            Row("371121", DeadlineStep.Decision, CaseTypes.Any, 15),
        ]);
        Assert.Equal(15, set.Resolve(DeadlineStep.Decision, CaseTypes.MinimumLiving, Village).Rule.Amount);
        Assert.Equal(30, set.Resolve(DeadlineStep.Decision, CaseTypes.MinimumLiving, OtherCounty).Rule.Amount);
        Assert.Equal(20, set.Resolve(DeadlineStep.Decision, CaseTypes.Temporary, OtherCounty).Rule.Amount);
    }

    [Fact]
    public void Case_types_have_stable_codes_and_Chinese_names()
    {
        Assert.Equal(["minimum-living", "extremely-poor", "temporary", "service"], CaseTypes.All);
        Assert.Equal("低保", CaseTypes.ChineseName(CaseTypes.MinimumLiving));
        Assert.Equal("特困供养", CaseTypes.ChineseName(CaseTypes.ExtremelyPoor));
        Assert.False(CaseTypes.IsKnown(CaseTypes.Any));
        Assert.False(CaseTypes.IsKnown("Minimum-Living"));
    }

    [Fact]
    public void Steps_and_units_have_stable_API_words()
    {
        Assert.Equal("urgent-first-response", DeadlineTerms.Word(DeadlineStep.UrgentFirstResponse));
        Assert.Equal("working-days", DeadlineTerms.Word(DeadlineUnit.WorkingDays));
        Assert.Equal("adjusted-working-day", DeadlineTerms.Word(CalendarDayKind.AdjustedWorkingDay));
        Assert.True(DeadlineTerms.TryParse<DeadlineStep>("reassessment-variable-income", out var step));
        Assert.Equal(DeadlineStep.ReassessmentVariableIncome, step);
        Assert.False(DeadlineTerms.TryParse<DeadlineUnit>("days", out _));
        Assert.Equal("3 个工作日", new DeadlineRule(3, DeadlineUnit.WorkingDays).ToString());
    }

    internal static DeadlinePolicyRow Row(string region, DeadlineStep step, string caseType, int amount, DeadlineUnit unit = DeadlineUnit.WorkingDays) =>
        new(Guid.NewGuid(), step, caseType, RegionCode.Parse(region).Value, new DeadlineRule(amount, unit), 1, DateTimeOffset.UnixEpoch, "test");
}
