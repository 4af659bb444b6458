using Jiuzhu.Assessment.Domain;
using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Assessment.Mpi;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Jiuzhu.Assessment;

/// <summary>An indicator of an outcome over HTTP; fractions as text ("1/16") with a decimal beside them.</summary>
public sealed record IndicatorOutcomeView(
    string Code, string Name, string Dimension, string State, decimal? Value, string Rule, string Weight, string EffectiveWeight);

public sealed record DimensionOutcomeView(string Code, string Name, string Weight, string Deprived, double DeprivedShare, bool Missing);

/// <summary>An assessment's outcome over HTTP.</summary>
public sealed record OutcomeView(
    string? Score, double? ScoreValue, string K, bool Poor, bool Incomplete,
    IReadOnlyList<IndicatorOutcomeView> Indicators, IReadOnlyList<DimensionOutcomeView> Dimensions)
{
    public static OutcomeView From(AssessmentOutcome o) => new(
        o.Score?.ToString(),
        o.Score is { } s ? Value(s) : null,
        o.K.ToString(),
        o.Poor,
        o.Incomplete,
        [.. o.Indicators.Select(i => new IndicatorOutcomeView(
            i.Code, i.Name, i.Dimension, StateName(i.State), i.Value, i.Rule, i.Weight.ToString(), i.EffectiveWeight.ToString()))],
        [.. o.Dimensions.Select(d => new DimensionOutcomeView(
            d.Code, d.Name, d.Weight.ToString(), d.Deprived.ToString(), d.Weight.IsZero ? 0 : Value(d.Deprived / d.Weight), d.Missing))]);

    public static double Value(Fraction f) => (double)f.Numerator / (double)f.Denominator;

    public static string StateName(Deprivation state) => state switch
    {
        Deprivation.Deprived => "deprived",
        Deprivation.NotDeprived => "not_deprived",
        _ => "missing",
    };
}

public sealed record AssessmentView(AssessmentSummary Assessment, string InstrumentName, InstrumentDefinition Instrument, AssessmentAnswers Answers, OutcomeView Outcome);

/// <summary>Instruments and assessments over HTTP: /api/v1/assessment/instruments/…, /api/v1/assessments/…</summary>
public static class AssessmentEndpoints
{
    public sealed record AnswersBody(AssessmentAnswers Answers, Guid Version);

    public sealed record InstrumentBody(string Name, InstrumentDefinition Definition, Guid Stamp);

    public sealed record StampBody(Guid Stamp);

    private static readonly string[] Staff =
    [
        Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover, Roles.RegionalAdmin, Roles.DepartmentLiaison,
    ];

    public static RouteGroupBuilder MapAssessmentEndpoints(this RouteGroupBuilder api)
    {
        var instruments = api.MapGroup("/assessment/instruments").WithTags("assessment").RequireAuthorization(p => p.RequireRole(Staff));
        instruments.MapGet("/", async (InstrumentCatalog catalog, CancellationToken ct) => TypedResults.Ok(await catalog.ListAsync(ct)));
        instruments.MapGet("/{id:guid}", async (Guid id, InstrumentCatalog catalog, CancellationToken ct) => ProblemResults.Respond(await catalog.GetAsync(id, ct)));
        instruments.MapPost("/{id:guid}/versions", async (Guid id, InstrumentCatalog catalog, CancellationToken ct) =>
            ProblemResults.Respond(await catalog.NewVersionAsync(id, ct)));
        instruments.MapPut("/{id:guid}", async (Guid id, InstrumentBody body, InstrumentCatalog catalog, CancellationToken ct) =>
            ProblemResults.Respond(await catalog.EditAsync(id, body.Name, body.Definition, body.Stamp, ct)));
        instruments.MapPost("/{id:guid}/publish", async (Guid id, StampBody body, InstrumentCatalog catalog, CancellationToken ct) =>
            ProblemResults.Respond(await catalog.PublishAsync(id, body.Stamp, ct)));

        var assessments = api.MapGroup("/assessments").WithTags("assessment").RequireAuthorization(p => p.RequireRole(Staff));
        assessments.MapGet("/", async (Guid? caseId, Guid? householdId, AssessmentService service, CancellationToken ct) =>
            TypedResults.Ok(await service.ListAsync(caseId, householdId, ct)));
        assessments.MapPost("/", async Task<Results<Ok<AssessmentSummary>, ProblemHttpResult>> (StartBody body, AssessmentService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.StartAsync(body.CaseId, ct)));
        assessments.MapGet("/{id:guid}", async Task<Results<Ok<AssessmentView>, ProblemHttpResult>> (Guid id, string? purpose, AssessmentService service, CancellationToken ct) =>
        {
            var opened = await service.OpenAsync(id, purpose, ct);
            return opened.IsSuccess ? TypedResults.Ok(View(opened.Value)) : ProblemResults.From(opened.Error!);
        });
        assessments.MapPost("/{id:guid}/preview", async Task<Results<Ok<OutcomeView>, ProblemHttpResult>> (Guid id, AnswersBody body, AssessmentService service, CancellationToken ct) =>
        {
            var outcome = await service.PreviewAsync(id, body.Answers, ct);
            return outcome.IsSuccess ? TypedResults.Ok(OutcomeView.From(outcome.Value)) : ProblemResults.From(outcome.Error!);
        });
        assessments.MapPut("/{id:guid}", async (Guid id, AnswersBody body, AssessmentService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.SaveAsync(id, new AssessmentInput(body.Answers, body.Version), ct)));
        assessments.MapPost("/{id:guid}/submit", async (Guid id, AnswersBody body, AssessmentService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.SubmitAsync(id, new AssessmentInput(body.Answers, body.Version), ct)));
        var tasks = api.MapGroup("/tasks").WithTags("assessment").RequireAuthorization(p => p.RequireRole(FollowUpQueries.Workers));
        tasks.MapGet("/", async Task<Results<Ok<Page<TaskRow>>, ProblemHttpResult>> (string? inbox, int? page, int? size, FollowUpQueries queries, CancellationToken ct) =>
        {
            if (!Enum.TryParse<TaskInbox>((inbox ?? "mine").Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var which) || !Enum.IsDefined(which))
            {
                return ProblemResults.From(Error.Validation("task.bad_inbox", "inbox 须为 mine、due-soon、overdue 或 all。"));
            }

            return TypedResults.Ok(await queries.ListAsync(which, new PageRequest(page ?? 1, size ?? 20), ct));
        });
        tasks.MapPost("/{id:guid}/complete", async (Guid id, CompleteBody body, FollowUpQueries queries, CancellationToken ct) =>
            ProblemResults.Respond(await queries.CompleteAsync(id, body.Note, body.Version, ct)));

        api.MapGet("/assessment/standings/{householdId:guid}", async Task<Results<Ok<StandingView>, ProblemHttpResult>> (Guid householdId, FollowUpQueries queries, CancellationToken ct) =>
                await queries.StandingAsync(householdId, ct) is { } view
                    ? TypedResults.Ok(view)
                    : ProblemResults.From(Error.NotFound("standing.not_found", "该户尚无已提交的评估，或不在您的管辖范围内。")))
            .WithTags("assessment")
            .RequireAuthorization(p => p.RequireRole(Staff));

        var population = api.MapGroup("/assessment/population").WithTags("assessment").RequireAuthorization(p => p.RequireRole(PopulationQueries.Readers));
        population.MapGet("/", async (string? region, bool? weighted, PopulationQueries queries, CancellationToken ct) =>
            ProblemResults.Respond(await queries.ViewAsync(region, weighted ?? false, ct)));
        population.MapGet("/households", async (string? region, int? page, int? size, PopulationQueries queries, CancellationToken ct) =>
            ProblemResults.Respond(await queries.HouseholdsAsync(region, new PageRequest(page ?? 1, size ?? 50), ct)));
        var policies = api.MapGroup("/assessment/policies").WithTags("assessment").RequireAuthorization(p => p.RequireRole(Staff));
        policies.MapGet("/{region}", async Task<Results<Ok<Policy.PolicyView>, ProblemHttpResult>> (string region, Policy.PolicyCatalog catalog, ICurrentActor actor, CancellationToken ct) =>
        {
            if (!RegionCode.TryParse(region, out var code) || !actor.Scope.Permits(code))
            {
                return ProblemResults.From(Error.Validation("policy.bad_region", $"“{region}”不是您辖区内的区划代码。"));
            }

            return TypedResults.Ok(await catalog.ResolveAsync(code.Prefix, ct));
        });
        policies.MapPut("/{region}", async (string region, PolicyBody body, Policy.PolicyCatalog catalog, CancellationToken ct) =>
            ProblemResults.Respond(await catalog.SetAsync(region, body.Policy, body.Stamp, ct)));
        policies.MapDelete("/{region}", async (string region, Guid? stamp, Policy.PolicyCatalog catalog, CancellationToken ct) =>
            ProblemResults.Respond(await catalog.DeleteAsync(region, stamp, ct)));
        return api;
    }

    public sealed record PolicyBody(Policy.AssessmentPolicy Policy, Guid? Stamp);

    public sealed record CompleteBody(string? Note, Guid Version);

    public sealed record StartBody(Guid CaseId);

    public static AssessmentView View(AssessmentDetail d) =>
        new(d.Summary, d.InstrumentName, d.Definition, d.Answers, OutcomeView.From(d.Outcome));
}
