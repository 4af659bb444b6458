using System.Globalization;
using Jiuzhu.Assessment.Data;
using Jiuzhu.Assessment.Domain;
using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Assessment.Mpi;
using Jiuzhu.Assessment.Policy;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Registry.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Assessment;

/// <summary>
/// Keeps each household's standing (score, tier, phase) in step with its latest submitted assessment: applies the
/// region's policy, records every tier and phase change with the rule or criterion behind it, and puts the follow-up
/// tasks (warning response, monitoring visit, reassessment) into the right inbox.
/// </summary>
public sealed class StandingService(
    IAssessmentData data, IRegistryData registry, PolicyCatalog policies, IFieldProtector protector, IAuditTrail audit, TimeProvider clock)
{
    /// <summary>The batch bookkeeping row (how many batches completed, the last one's instrument); the first call puts it in place.</summary>
    public async Task<StandingGeneration> BatchStateAsync(CancellationToken ct = default)
    {
        var row = await data.StandingGenerations.AsNoTracking().FirstOrDefaultAsync(g => g.Id == StandingGeneration.SingletonId, ct);
        if (row is not null)
        {
            return row;
        }

        data.StandingGenerations.Add(new StandingGeneration(1, clock.GetUtcNow()));
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Put in place by another request at the same moment.
        }

        return await data.StandingGenerations.AsNoTracking().SingleAsync(g => g.Id == StandingGeneration.SingletonId, ct);
    }

    /// <summary>
    /// Applies a just-submitted assessment to the household's standing. Adds the changes to the unit of work; the
    /// caller saves them with the assessment, in one transaction.
    /// </summary>
    internal async Task ApplyAsync(
        HouseholdAssessment assessment, InstrumentDefinition definition, AssessmentAnswers answers, AssessmentOutcome outcome, CancellationToken ct)
    {
        var household = await registry.Households.IgnoreQueryFilters().Where(h => h.Id == assessment.HouseholdId).Select(h => new { h.Needs, h.Category }).SingleAsync(ct);
        var needs = household.Needs;
        var policy = (await policies.ForRegionAsync(assessment.RegionCode, ct)).Compile(definition);
        var previous = await data.Standings.FirstOrDefaultAsync(s => s.HouseholdId == assessment.HouseholdId, ct);
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);

        var input = new TierInput(outcome.Score, outcome.Poor, outcome.Incomplete, outcome.DeprivedMask, needs);
        var (decision, incomeOk, phase) = policy.Evaluate(input, outcome.MissingMask, previous?.IncomeOkSince, today);
        var compiled = new CompiledInstrument(definition);
        var inputs = IndicatorInputs.FromAnswers(compiled, answers.Values, answers.ScaleResults);
        var stamp = ResultStamp.Of(protector, ResultStamp.Columns(protector, compiled), assessment.RegionCode, assessment.Id, assessment.Score, outcome.Poor,
            outcome.Incomplete, outcome.DeprivedMask, outcome.MissingMask, decision.Tier, decision.RuleCode, decision.RuleName, phase, incomeOk);
        var standing = new HouseholdStanding(
            assessment.HouseholdId, assessment.RegionCode, assessment.Id, assessment.InstrumentId, assessment.Score, assessment.ScoreValue,
            outcome.Poor, outcome.Incomplete, assessment.ProtectedProfile, decision.Tier, decision.RuleCode, decision.RuleName, phase, incomeOk, now,
            protector.ProtectBytes(inputs), assessment.InstrumentId, stamp);
        // What the household stood at before this assessment; the row itself is updated in place.
        var (oldTier, oldPhase) = previous is null ? ((Tier?)null, (Phase?)null) : (previous.Tier, previous.Phase);
        if (previous is null)
        {
            data.Standings.Add(standing);
        }
        else
        {
            previous.Replace(standing);
        }

        var open = await data.FollowUpTasks.Where(t => t.HouseholdId == assessment.HouseholdId && t.Status == FollowUpStatus.Open).ToListAsync(ct);
        if (oldTier != decision.Tier)
        {
            data.StandingChanges.Add(new StandingChange(assessment.HouseholdId, assessment.RegionCode, StandingChange.TierKind,
                oldTier?.ToString(), decision.Tier.ToString(), decision.RuleName, "assessment", assessment.Id, now));
            audit.Record(new AuditEvent("standing.tier", "household", assessment.HouseholdId.ToString(), assessment.RegionCode, AuditOutcome.Success,
                $"预警等级 {(oldTier is { } t ? TierText.Name(t) : "（无）")} → {TierText.Name(decision.Tier)}：{decision.RuleName}"));
            foreach (var task in open.Where(t => t.Kind is FollowUpKind.TierResponse or FollowUpKind.Monitoring))
            {
                task.Supersede(now);
            }

            data.FollowUpTasks.Add(TierTask(assessment.HouseholdId, assessment.RegionCode, decision, policy.Policy.ResponseFor(decision.Tier), now));
        }

        if (oldPhase != phase)
        {
            var reason = PhaseReason(phase, policy.Policy);
            data.StandingChanges.Add(new StandingChange(assessment.HouseholdId, assessment.RegionCode, StandingChange.PhaseKind,
                oldPhase?.ToString(), phase.ToString(), reason, "assessment", assessment.Id, now));
            audit.Record(new AuditEvent("standing.phase", "household", assessment.HouseholdId.ToString(), assessment.RegionCode, AuditOutcome.Success,
                $"阶段 {(oldPhase is { } p ? TierText.Name(p) : "（无）")} → {TierText.Name(phase)}：{reason}"));
        }

        foreach (var task in open.Where(t => t.Kind == FollowUpKind.Reassessment))
        {
            task.Supersede(now);
        }

        var due = policy.Reassessment(household.Category, needs);
        data.FollowUpTasks.Add(new FollowUpTask(assessment.HouseholdId, assessment.RegionCode, FollowUpKind.Reassessment, null, Roles.TownshipSocialWorker,
            "定期复评", $"上次评估 {ChinaTime.Format(now)}；{due.Reason}", ReassessmentDueAt(now, due.Months), now));
    }

    /// <summary>The task a tier asks for: a first response (red, yellow) by the township, or a monitoring visit (green) by the village.</summary>
    internal static FollowUpTask TierTask(Guid householdId, string regionCode, TierDecision decision, TierResponse response, DateTimeOffset now) =>
        response.ResponseHours is { } hours
            ? new FollowUpTask(householdId, regionCode, FollowUpKind.TierResponse, decision.Tier, Roles.TownshipSocialWorker,
                $"{TierText.Name(decision.Tier)}响应", decision.RuleName, now.AddHours(hours), now)
            : new FollowUpTask(householdId, regionCode, FollowUpKind.Monitoring, decision.Tier, Roles.VillageWorker,
                "常规监测走访", $"{decision.RuleName}；每 {response.FollowUpDays} 天走访一次", now.AddDays(response.FollowUpDays), now);

    /// <summary>Calendar months in China time, as the case deadlines count them: assessed on 31 August, due on 28 February.</summary>
    internal static DateTimeOffset ReassessmentDueAt(DateTimeOffset assessedAt, int months) =>
        ChinaTime.ToChina(assessedAt).AddMonths(months).ToUniversalTime();

    internal static string PhaseReason(Phase phase, AssessmentPolicy policy) => phase switch
    {
        Phase.SelfReliance => string.Create(CultureInfo.InvariantCulture, $"收入已连续 {policy.Phases.SelfRelianceMonths} 个月不低于标准，且不属于多维贫困"),
        Phase.Development => policy.Phases.DevelopmentNeedsWorkingAgeAble ? "基本需求已满足，且有劳动年龄的能劳动成员" : "基本需求已满足",
        _ => "基本需求尚未满足（多维贫困、红色预警或评估信息不完整）",
    };
}
