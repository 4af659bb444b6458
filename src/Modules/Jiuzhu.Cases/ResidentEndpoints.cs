using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Jiuzhu.Cases;

/// <summary>A resident's own applications over HTTP: /api/v1/me/applications/… (resident accounts only).</summary>
public static class ResidentEndpoints
{
    public static RouteGroupBuilder MapResidentEndpoints(this RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/me/applications").WithTags("resident")
            .RequireAuthorization(p => p.RequireRole(Roles.Resident));
        mine.MapGet("/", async (ResidentApplications applications, CancellationToken ct) =>
            ProblemResults.Respond(await applications.ListAsync(ct)));
        mine.MapPost("/", async (OnlineApplication body, ResidentApplications applications, CancellationToken ct) =>
            ProblemResults.Respond(await applications.SubmitAsync(body, ct)));
        mine.MapGet("/{id:guid}", async (Guid id, ResidentApplications applications, CancellationToken ct) =>
            ProblemResults.Respond(await applications.GetAsync(id, ct)));
        mine.MapPost("/{id:guid}/withdraw", async (Guid id, ApplicantActionRequest body, ResidentApplications applications, CancellationToken ct) =>
            ProblemResults.Respond(await applications.WithdrawAsync(id, body, ct)));
        mine.MapPost("/{id:guid}/resubmit", async (Guid id, ApplicantActionRequest body, ResidentApplications applications, CancellationToken ct) =>
            ProblemResults.Respond(await applications.ResubmitAsync(id, body, ct)));
        return api;
    }
}
