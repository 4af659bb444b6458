using Jiuzhu.Assessment.Policy;

namespace Jiuzhu.Catalog.Plans;

/// <summary>Why an approved plan is due for review (计划复核).</summary>
public enum PlanReviewReason
{
    /// <summary>The household was assessed again after the plan was made.</summary>
    Reassessed = 1,

    /// <summary>The household's tier is no longer the one the plan was made for (a batch under a new policy or instrument).</summary>
    TierChanged = 2,

    /// <summary>The household's phase changed (救助 → 发展 → 自立).</summary>
    PhaseChanged = 3,

    /// <summary>The service period ends within <see cref="PlanReview.EndingWithinDays"/> days.</summary>
    Ending = 4,

    /// <summary>The service period has ended.</summary>
    Ended = 5,
}

/// <summary>One reason a plan is due for review, in words a worker reads.</summary>
public sealed record PlanReviewNote(PlanReviewReason Reason, string Text);

/// <summary>The household's current standing as the review rule needs it.</summary>
public sealed record CurrentStanding(Guid AssessmentId, Tier Tier, Phase Phase);

/// <summary>
/// When an approved plan must be looked at again: the plan is made from one assessment, so a reassessment, a changed
/// tier or phase, or the end of the service period each call for a review — and a new plan proposed from the current
/// assessment, whose approval supersedes this one. Computed when read, never stored, so it cannot go stale.
/// </summary>
public static class PlanReview
{
    public const int EndingWithinDays = 30;

    public static IReadOnlyList<PlanReviewNote> Of(
        PlanStatus status, Guid planAssessmentId, Tier planTier, Phase planPhase, DateOnly endDate, CurrentStanding? standing, DateOnly today)
    {
        if (status != PlanStatus.Approved)
        {
            return [];
        }

        var notes = new List<PlanReviewNote>();
        if (standing is not null && standing.AssessmentId != planAssessmentId)
        {
            notes.Add(new(PlanReviewReason.Reassessed, "家庭已重新评估，计划仍依据上一次评估"));
        }

        if (standing is not null && standing.Tier != planTier)
        {
            notes.Add(new(PlanReviewReason.TierChanged, $"分级由{TierText.Name(planTier)}变为{TierText.Name(standing.Tier)}"));
        }

        if (standing is not null && standing.Phase != planPhase)
        {
            notes.Add(new(PlanReviewReason.PhaseChanged, $"阶段由{TierText.Name(planPhase)}变为{TierText.Name(standing.Phase)}"));
        }

        var left = endDate.DayNumber - today.DayNumber;
        if (left < 0)
        {
            notes.Add(new(PlanReviewReason.Ended, $"服务期已于 {endDate:yyyy-MM-dd} 结束"));
        }
        else if (left <= EndingWithinDays)
        {
            notes.Add(new(PlanReviewReason.Ending, $"服务期将于 {endDate:yyyy-MM-dd} 结束（还有 {left} 天）"));
        }

        return notes;
    }
}
