using Jiuzhu.Assessment.Policy;
using Jiuzhu.Catalog.Plans;

namespace Jiuzhu.Tests.Catalog;

public sealed class PlanReviewTests
{
    private static readonly Guid Assessed = Guid.NewGuid();
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static PlanReviewReason[] Reasons(PlanStatus status, DateOnly end, CurrentStanding? standing) =>
        [.. PlanReview.Of(status, Assessed, Tier.Red, Phase.Assistance, end, standing, Today).Select(n => n.Reason)];

    [Fact]
    public void A_plan_still_matching_its_assessment_and_far_from_its_end_is_not_due()
    {
        Assert.Empty(Reasons(PlanStatus.Approved, Today.AddDays(31), new(Assessed, Tier.Red, Phase.Assistance)));
        Assert.Empty(Reasons(PlanStatus.Approved, Today.AddDays(200), null));
    }

    [Fact]
    public void Reassessment_tier_and_phase_changes_each_give_their_own_reason()
    {
        Assert.Equal([PlanReviewReason.Reassessed], Reasons(PlanStatus.Approved, Today.AddDays(200), new(Guid.NewGuid(), Tier.Red, Phase.Assistance)));
        Assert.Equal([PlanReviewReason.TierChanged], Reasons(PlanStatus.Approved, Today.AddDays(200), new(Assessed, Tier.Yellow, Phase.Assistance)));
        Assert.Equal(
            [PlanReviewReason.Reassessed, PlanReviewReason.TierChanged, PlanReviewReason.PhaseChanged],
            Reasons(PlanStatus.Approved, Today.AddDays(200), new(Guid.NewGuid(), Tier.Green, Phase.Development)));
        var text = PlanReview.Of(PlanStatus.Approved, Assessed, Tier.Red, Phase.Assistance, Today.AddDays(200), new(Assessed, Tier.Green, Phase.Development), Today);
        Assert.Equal(["分级由红色预警变为绿色（常规监测）", "阶段由救助变为发展"], text.Select(n => n.Text));
    }

    [Fact]
    public void The_end_of_the_service_period_is_due_within_thirty_days_and_after()
    {
        var standing = new CurrentStanding(Assessed, Tier.Red, Phase.Assistance);
        Assert.Equal([PlanReviewReason.Ending], Reasons(PlanStatus.Approved, Today.AddDays(30), standing));
        Assert.Equal([PlanReviewReason.Ending], Reasons(PlanStatus.Approved, Today, standing));
        Assert.Equal([PlanReviewReason.Ended], Reasons(PlanStatus.Approved, Today.AddDays(-1), standing));
        Assert.Equal("服务期将于 2026-12-09 结束（还有 10 天）", PlanReview.Of(PlanStatus.Approved, Assessed, Tier.Red, Phase.Assistance, Today.AddDays(10), standing, Today).Single().Text);
    }

    [Theory]
    [InlineData(PlanStatus.Draft)]
    [InlineData(PlanStatus.Submitted)]
    [InlineData(PlanStatus.Returned)]
    [InlineData(PlanStatus.Superseded)]
    public void Only_an_approved_plan_is_ever_due(PlanStatus status) =>
        Assert.Empty(Reasons(status, Today.AddDays(-5), new(Guid.NewGuid(), Tier.Green, Phase.SelfReliance)));
}
