using Jiuzhu.Cases.Domain;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Jiuzhu.Cases;

/// <summary>Applications and cases over HTTP: /api/v1/cases/…</summary>
public static class CasesEndpoints
{
    public sealed record TransitionBody(string Action, string? Reason, Guid Version);

    private static readonly string[] Readers =
    [
        Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover, Roles.RegionalAdmin, Roles.Auditor,
    ];

    private static readonly string[] Submitters =
    [
        Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.DepartmentLiaison, Roles.DepartmentSystem,
    ];

    public static RouteGroupBuilder MapCasesEndpoints(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("cases");
        cases.MapPost("/", async (IntakeRequest body, CaseService service, CancellationToken ct) => ProblemResults.Respond(await service.SubmitAsync(body, ct)))
            .RequireAuthorization(p => p.RequireRole(Submitters));
        cases.MapGet("/", async Task<Results<Ok<Page<CaseSummary>>, ProblemHttpResult>> (CaseQueries queries, string? inbox, string? search, int? page, int? size, CancellationToken ct) =>
            {
                if (!TryInbox(inbox, out var which))
                {
                    return ProblemResults.From(Error.Validation("case.bad_inbox", "inbox 须为 mine、due-soon、overdue、escalated 或 all。"));
                }

                return TypedResults.Ok(await queries.ListAsync(which, search, new PageRequest(page ?? 1, size ?? 20), ct));
            })
            .RequireAuthorization(p => p.RequireRole(Readers));
        cases.MapGet("/counts", async (CaseQueries queries, CancellationToken ct) =>
                TypedResults.Ok((await queries.CountsAsync(ct)).ToDictionary(kv => InboxName(kv.Key), kv => kv.Value)))
            .RequireAuthorization(p => p.RequireRole(Readers));
        cases.MapGet("/{id:guid}", async Task<Results<Ok<CaseDetail>, ProblemHttpResult>> (Guid id, CaseQueries queries, CancellationToken ct) =>
                await queries.GetAsync(id, ct) is { } detail
                    ? TypedResults.Ok(detail)
                    : ProblemResults.From(Error.NotFound("case.not_found", "个案不存在，或不在您的管辖范围内。")))
            .RequireAuthorization(p => p.RequireRole(Readers));
        cases.MapPost("/{id:guid}/transitions", async Task<Results<Ok<CaseSummary>, ProblemHttpResult>> (Guid id, TransitionBody body, CaseService service, CancellationToken ct) =>
            {
                if (!Enum.TryParse<CaseAction>(body.Action, ignoreCase: true, out var action) || !Enum.IsDefined(action))
                {
                    return ProblemResults.From(Error.Validation("case.unknown_action", $"未知的操作：{body.Action}"));
                }

                return ProblemResults.Respond(await service.TransitionAsync(id, new TransitionRequest(action, body.Reason, body.Version), ct));
            })
            .RequireAuthorization(p => p.RequireRole(Readers));
        return api;
    }

    public static string InboxName(CaseInbox inbox) => inbox switch
    {
        CaseInbox.Mine => "mine",
        CaseInbox.DueSoon => "due-soon",
        CaseInbox.Overdue => "overdue",
        CaseInbox.Escalated => "escalated",
        _ => "all",
    };

    private static bool TryInbox(string? text, out CaseInbox inbox)
    {
        inbox = CaseInbox.Mine;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        foreach (var candidate in Enum.GetValues<CaseInbox>())
        {
            if (InboxName(candidate) == text)
            {
                inbox = candidate;
                return true;
            }
        }

        return false;
    }
}
