using System.Globalization;
using Jiuzhu.Assessment.Data;
using Jiuzhu.Assessment.Domain;
using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Assessment.Mpi;
using Jiuzhu.Cases.Data;
using Jiuzhu.Cases.Domain;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.Assessment;

/// <summary>An assessment as its list row shows it: no answers, no profile.</summary>
public sealed record AssessmentSummary(
    Guid Id, Guid HouseholdId, Guid? CaseId, string RegionCode, string InstrumentCode, int InstrumentVersion,
    AssessmentStatus Status, string? Score, double? ScoreValue, bool Poor, bool Incomplete, string AssessedBy,
    DateTimeOffset UpdatedAt, DateTimeOffset? SubmittedAt, Guid Version);

/// <summary>An assessment opened for reading or editing: its answers, and the outcome they give under its instrument.</summary>
public sealed record AssessmentDetail(
    AssessmentSummary Summary,
    string InstrumentName,
    InstrumentDefinition Definition,
    AssessmentAnswers Answers,
    AssessmentOutcome Outcome);

/// <summary>A member of the assessed household.</summary>
public sealed record AssessedMember(Guid Id, string Name, int Age);

/// <summary>Answers as a form or an API client sends them, with the version they were read at.</summary>
public sealed record AssessmentInput(AssessmentAnswers Answers, Guid Version);

/// <summary>
/// Needs assessment inside a case: a township social worker (or county officer) opens the household's assessment
/// under the current instrument version, saves answers as a draft, sees the outcome, and submits. Answers and the
/// deprivation profile are encrypted; every opening of them is audited, and department liaisons must state why.
/// </summary>
public sealed class AssessmentService(
    IAssessmentData data,
    ICasesData cases,
    InstrumentCatalog instruments,
    StandingService standings,
    IFieldProtector protector,
    Jiuzhu.Registry.Data.IRegistryData registry,
    ICurrentActor actor,
    IAuditTrail audit,
    TimeProvider clock)
{
    /// <summary>Roles that assess (the case workflow's assessors).</summary>
    public static readonly string[] Assessors = [Roles.TownshipSocialWorker, Roles.CountyOfficer];

    /// <summary>Roles that read assessments in their jurisdiction as part of their work.</summary>
    public static readonly string[] Readers = [Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover, Roles.VillageWorker];

    /// <summary>Case states in which an assessment is made: the first one, and reassessments during service and review.</summary>
    public static readonly CaseStatus[] AssessableStates = [CaseStatus.Assessing, CaseStatus.InService, CaseStatus.UnderReview];

    private static readonly Error NotFound = Error.NotFound("assessment.not_found", "评估不存在，或不在您的管辖范围内。");

    private bool CanAssess => Assessors.Any(actor.IsInRole);

    /// <summary>
    /// The case's open draft, or a new draft under the current published instrument. Only in a case that is being
    /// assessed (or in service or review, for a reassessment).
    /// </summary>
    public async Task<Result<AssessmentSummary>> StartAsync(Guid caseId, CancellationToken ct = default)
    {
        if (!CanAssess)
        {
            return Error.Forbidden("assessment.forbidden", "只有乡镇社工或县民政业务员可以开展评估。");
        }

        var @case = await cases.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null)
        {
            return Error.NotFound("case.not_found", "个案不存在，或不在您的管辖范围内。");
        }

        if (!AssessableStates.Contains(@case.Status))
        {
            return Error.Conflict("assessment.case_state", "个案须处于“评估中”（或服务中、复核中）才能开展评估。请先在个案页点击“开始评估”。");
        }

        var draft = await data.Assessments.FirstOrDefaultAsync(a => a.CaseId == caseId && a.Status == AssessmentStatus.Draft, ct);
        if (draft is not null)
        {
            return Summary(draft);
        }

        var instrument = await instruments.CurrentAsync(DefaultInstrument.Code, ct);
        var now = clock.GetUtcNow();
        draft = new HouseholdAssessment(@case.HouseholdId, @case.Id, @case.RegionCode, instrument, actor, now);
        draft.SaveDraft(protector.Protect(AssessmentAnswers.Empty.ToJson()), now);
        data.Assessments.Add(draft);
        audit.Record(new AuditEvent("assessment.start", "assessment", draft.Id.ToString(), draft.RegionCode, AuditOutcome.Success,
            $"个案 {@case.Number} 开始评估，工具 {instrument.Code} 第 {instrument.Version} 版"));
        await data.SaveChangesAsync(ct);
        return Summary(draft);
    }

    /// <summary>Opens an assessment with its answers. Audited; a department liaison must give the purpose.</summary>
    public async Task<Result<AssessmentDetail>> OpenAsync(Guid id, string? purpose = null, CancellationToken ct = default)
    {
        var liaison = actor.IsInRole(Roles.DepartmentLiaison) && !Readers.Any(actor.IsInRole);
        if (!Readers.Any(actor.IsInRole) && !liaison)
        {
            return Error.Forbidden("assessment.forbidden", "您的角色不能查看评估。");
        }

        if (liaison && string.IsNullOrWhiteSpace(purpose))
        {
            return Error.Validation("assessment.purpose_required", "部门联络员查看评估须说明用途。");
        }

        var assessment = await data.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return NotFound;
        }

        if (liaison && assessment.Status != AssessmentStatus.Submitted)
        {
            return NotFound;
        }

        var detail = await DetailAsync(assessment, ct);
        var why = string.IsNullOrWhiteSpace(purpose) ? "" : $"，用途：{purpose.Trim()}";
        await audit.WriteNowAsync(new AuditEvent("assessment.read", "assessment", id.ToString(), assessment.RegionCode, AuditOutcome.Success,
            $"查看评估内容{why}"), ct);
        return detail;
    }

    /// <summary>The outcome the given answers would have, without saving: the form's live preview.</summary>
    public async Task<Result<AssessmentOutcome>> PreviewAsync(Guid id, AssessmentAnswers answers, CancellationToken ct = default)
    {
        var assessment = await data.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null || !CanAssess)
        {
            return NotFound;
        }

        var definition = await instruments.DefinitionAsync(assessment.InstrumentId, ct);
        var normalized = await NormalizeAsync(assessment, definition, answers, ct);
        return normalized.IsSuccess
            ? InstrumentEvaluation.Evaluate(definition, normalized.Value.Values, normalized.Value.ScaleResults)
            : normalized.Error!;
    }

    public Task<Result<AssessmentSummary>> SaveAsync(Guid id, AssessmentInput input, CancellationToken ct = default) =>
        ChangeAsync(id, input, submit: false, ct);

    /// <summary>Submits: the outcome is computed and stored with the answers, and the assessment becomes the household's of record.</summary>
    public Task<Result<AssessmentSummary>> SubmitAsync(Guid id, AssessmentInput input, CancellationToken ct = default) =>
        ChangeAsync(id, input, submit: true, ct);

    private async Task<Result<AssessmentSummary>> ChangeAsync(Guid id, AssessmentInput input, bool submit, CancellationToken ct)
    {
        if (!CanAssess)
        {
            return Error.Forbidden("assessment.forbidden", "只有乡镇社工或县民政业务员可以开展评估。");
        }

        var assessment = await data.Assessments.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return NotFound;
        }

        if (assessment.Version != input.Version)
        {
            return Error.Conflict("assessment.stale", "评估已被他人修改，请刷新后再保存。");
        }

        var definition = await instruments.DefinitionAsync(assessment.InstrumentId, ct);
        var normalized = await NormalizeAsync(assessment, definition, input.Answers, ct);
        if (!normalized.IsSuccess)
        {
            return normalized.Error!;
        }

        var given = normalized.Value;
        var now = clock.GetUtcNow();
        var answers = protector.Protect(given.ToJson());
        Result changed;
        string summary;
        if (submit)
        {
            var outcome = InstrumentEvaluation.Evaluate(definition, given.Values, given.ScaleResults);
            changed = assessment.Submit(answers, outcome, ProtectProfile(outcome), now);
            if (changed.IsSuccess)
            {
                var previous = await data.Assessments.Where(a => a.HouseholdId == assessment.HouseholdId && a.IsCurrent && a.Id != assessment.Id).ToListAsync(ct);
                previous.ForEach(a => a.Supersede());
                await standings.ApplyAsync(assessment, definition, given, outcome, ct);
            }

            summary = outcome.Incomplete
                ? "提交评估：信息不完整，未计算得分"
                : $"提交评估：剥夺得分 {outcome.Score}，临界值 {outcome.K}，{(outcome.Poor ? "多维贫困" : "非多维贫困")}";
        }
        else
        {
            changed = assessment.SaveDraft(answers, now);
            summary = "保存评估草稿";
        }

        if (!changed.IsSuccess)
        {
            return changed.Error!;
        }

        audit.Record(new AuditEvent(submit ? "assessment.submit" : "assessment.save", "assessment", id.ToString(), assessment.RegionCode, AuditOutcome.Success, summary));
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("assessment.stale", "评估已被他人修改，请刷新后再保存。");
        }

        return Summary(assessment);
    }

    /// <summary>The assessments of a case or a household, newest first; summaries only.</summary>
    public async Task<IReadOnlyList<AssessmentSummary>> ListAsync(Guid? caseId, Guid? householdId, CancellationToken ct = default)
    {
        if (!Readers.Any(actor.IsInRole) && !actor.IsInRole(Roles.DepartmentLiaison))
        {
            return [];
        }

        var query = data.Assessments.AsNoTracking();
        if (caseId is { } c)
        {
            query = query.Where(a => a.CaseId == c);
        }

        if (householdId is { } h)
        {
            query = query.Where(a => a.HouseholdId == h);
        }

        var rows = await query.ToListAsync(ct);
        return [.. rows.OrderByDescending(a => a.SubmittedAt ?? a.UpdatedAt).Select(Summary)];
    }

    /// <summary>The household's members, for per-person scales.</summary>
    public async Task<IReadOnlyList<AssessedMember>> MembersAsync(Guid householdId, CancellationToken ct = default)
    {
        var year = ChinaTime.Today(clock).Year;
        var members = await registry.Persons.AsNoTracking().Where(p => p.HouseholdId == householdId)
            .Select(p => new { p.Id, p.Name, p.BirthYear, p.Relation })
            .ToListAsync(ct);
        return [.. members.OrderBy(m => m.Relation).ThenBy(m => m.BirthYear).Select(m => new AssessedMember(m.Id, m.Name, year - m.BirthYear))];
    }

    // The answers as the platform keeps them: indicators checked, scales rescored from their items, members checked.
    private async Task<Result<AssessmentAnswers>> NormalizeAsync(HouseholdAssessment assessment, InstrumentDefinition definition, AssessmentAnswers answers, CancellationToken ct)
    {
        var valid = Check(definition, answers);
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        var members = (await MembersAsync(assessment.HouseholdId, ct)).ToDictionary(m => m.Id);
        var scales = new List<MemberScale>();
        foreach (var scale in answers.Scales ?? [])
        {
            if (!members.TryGetValue(scale.PersonId, out var member))
            {
                return Error.Validation("assessment.not_a_member", "量表评估的对象不是本户成员。");
            }

            if (scales.Any(s => s.PersonId == scale.PersonId && s.Measure == scale.Measure))
            {
                return Error.Validation("assessment.duplicate_scale", $"{member.Name} 的同一量表只能填写一次。");
            }

            var scored = scale.Score();
            if (!scored.IsSuccess)
            {
                return Error.Validation(scored.Error!.Code, $"{member.Name}：{scored.Error.Message}");
            }

            scales.Add(scored.Value);
        }

        return answers with { Scales = scales, Notes = string.IsNullOrWhiteSpace(answers.Notes) ? null : answers.Notes.Trim() };
    }

    /// <summary>Answers must name indicators of the instrument, with values their kind allows.</summary>
    internal static Result Check(InstrumentDefinition definition, AssessmentAnswers answers)
    {
        var indicators = definition.Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
        if (answers.Values is null)
        {
            return Error.Validation("assessment.values_required", "缺少各指标的答案。");
        }

        foreach (var (code, value) in answers.Values)
        {
            if (!indicators.TryGetValue(code, out var indicator))
            {
                return Error.Validation("assessment.unknown_indicator", $"评估工具中没有指标“{code}”。");
            }

            if (value is not { } v)
            {
                continue;
            }

            var ok = indicator.Kind switch
            {
                IndicatorKind.YesNo => v is 0 or 1,
                IndicatorKind.Choice => indicator.Options!.Any(o => o.Value == v),
                IndicatorKind.Scale => v == InstrumentEvaluation.NotApplicable,
                _ => v >= 0 && v < 100_000_000,
            };
            if (!ok)
            {
                return Error.Validation("assessment.bad_value", $"指标“{indicator.Name}”的答案“{v.ToString(CultureInfo.InvariantCulture)}”不是有效的取值。");
            }
        }

        if (answers.Notes is { Length: > 4000 })
        {
            return Error.Validation("assessment.notes_too_long", "证据说明不能超过 4000 字。");
        }

        return Result.Ok();
    }

    private string ProtectProfile(AssessmentOutcome outcome) =>
        protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{outcome.DeprivedMask}:{outcome.MissingMask}"));

    private async Task<AssessmentDetail> DetailAsync(HouseholdAssessment assessment, CancellationToken ct)
    {
        var instrument = await instruments.FindAsync(assessment.InstrumentId, ct);
        var definition = instrument.Parse();
        var answers = AssessmentAnswers.FromJson(protector.Unprotect(assessment.ProtectedAnswers));
        var outcome = InstrumentEvaluation.Evaluate(definition, answers.Values, answers.ScaleResults);
        return new AssessmentDetail(Summary(assessment), instrument.Name, definition, answers, outcome);
    }

    internal static AssessmentSummary Summary(HouseholdAssessment a) => new(
        a.Id, a.HouseholdId, a.CaseId, a.RegionCode, a.InstrumentCode, a.InstrumentVersion, a.Status, a.Score, a.ScoreValue,
        a.Poor, a.Incomplete, a.AssessedBy, a.UpdatedAt, a.SubmittedAt, a.Version);
}
