using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Jiuzhu.Catalog.Plans;

/// <summary>Household service plans over HTTP: /api/v1/plans/…</summary>
public static class PlanEndpoints
{
    public static RouteGroupBuilder MapPlanEndpoints(this RouteGroupBuilder api)
    {
        // Who may do what is the service's to decide (planners, approvers, readers); the group admits the staff concerned.
        var plans = api.MapGroup("/plans").WithTags("plans").RequireAuthorization(p => p.RequireRole(PlanService.Readers));
        plans.MapPost("/", async (ProposePlanRequest body, PlanService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.ProposeAsync(body, ct)));
        plans.MapGet("/", async Task<Results<Ok<IReadOnlyList<PlanView>>, ProblemHttpResult>> (Guid? caseId, PlanService service, CancellationToken ct) =>
            caseId is { } id
                ? ProblemResults.Respond(await service.ForCaseAsync(id, ct))
                : ProblemResults.From(Error.Validation("plan.case_required", "请指定个案（caseId）。")));
        plans.MapGet("/{id:guid}", async (Guid id, PlanService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.GetAsync(id, ct)));
        plans.MapPost("/{id:guid}/changes", async (Guid id, PlanChangeRequest body, PlanService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.ChangeAsync(id, body, ct)));
        plans.MapPost("/{id:guid}/submit", async (Guid id, PlanDecisionRequest body, PlanService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.SubmitAsync(id, body, ct)));
        plans.MapPost("/{id:guid}/approve", async (Guid id, PlanDecisionRequest body, PlanService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.ApproveAsync(id, body, ct)));
        plans.MapPost("/{id:guid}/return", async (Guid id, PlanDecisionRequest body, PlanService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.ReturnAsync(id, body, ct)));
        plans.MapGet("/needs", async (string? region, PlanNeedStatus? status, int? page, int? size, PlanService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.NeedsAsync(region, status, new PageRequest(page ?? 1, size ?? 50), ct)));
        plans.MapGet("/reviews", async (string? region, int? page, int? size, PlanService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.ReviewsAsync(region, new PageRequest(page ?? 1, size ?? 50), ct)));
        return api;
    }
}
