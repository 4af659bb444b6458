using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Http;
using Jiuzhu.Providers.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Jiuzhu.Providers;

/// <summary>The provider registry over HTTP: /api/v1/providers/…</summary>
public static class ProviderEndpoints
{
    public sealed record ItemBody(string? Item);

    public sealed record RegionBody(string? Region);

    public sealed record RevealBody(string? Reason);

    public static RouteGroupBuilder MapProviderEndpoints(this RouteGroupBuilder api)
    {
        var providers = api.MapGroup("/providers").WithTags("providers").RequireAuthorization(p => p.RequireRole(ProviderAccess.Readers));
        providers.MapGet("/", async Task<Results<Ok<IReadOnlyList<ProviderRow>>, ProblemHttpResult>> (
            string? region, string? item, string? kind, string? q, DateOnly? validOn, ProviderService service, CancellationToken ct) =>
        {
            ProviderKind? k = null;
            if (!string.IsNullOrWhiteSpace(kind))
            {
                if (!Enum.TryParse<ProviderKind>(kind, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                {
                    return ProblemResults.From(Error.Validation("provider.bad_kind", "kind 须为 SocialOrganization、Enterprise 或 PublicInstitution。"));
                }

                k = parsed;
            }

            return ProblemResults.Respond(await service.ListAsync(new ProviderFilter(region, item, k, q, validOn), ct));
        });
        providers.MapGet("/supply", async (string? region, string? item, DateOnly? on, ProviderService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.SupplyAsync(region, item, on, ct)));
        providers.MapPost("/", async (ProviderRequest body, ProviderService s, CancellationToken ct) => ProblemResults.Respond(await s.CreateAsync(body, ct)));
        providers.MapGet("/{id:guid}", async (Guid id, ProviderService s, CancellationToken ct) => ProblemResults.Respond(await s.GetAsync(id, ct)));
        providers.MapPut("/{id:guid}", async (Guid id, ProviderRequest body, ProviderService s, CancellationToken ct) => ProblemResults.Respond(await s.UpdateAsync(id, body, ct)));

        providers.MapPost("/{id:guid}/qualifications", async (Guid id, QualificationRequest body, ProviderService s, CancellationToken ct) =>
            ProblemResults.Respond(await s.AddQualificationAsync(id, body, ct)));
        providers.MapDelete("/{id:guid}/qualifications/{qualificationId:guid}", async (Guid id, Guid qualificationId, ProviderService s, CancellationToken ct) =>
            ProblemResults.Respond(await s.RemoveQualificationAsync(id, qualificationId, ct)));

        providers.MapPost("/{id:guid}/items", async (Guid id, ItemBody body, ProviderService s, CancellationToken ct) => ProblemResults.Respond(await s.AddItemAsync(id, body.Item, ct)));
        providers.MapDelete("/{id:guid}/items/{code}", async (Guid id, string code, ProviderService s, CancellationToken ct) => ProblemResults.Respond(await s.RemoveItemAsync(id, code, ct)));

        providers.MapPost("/{id:guid}/regions", async (Guid id, RegionBody body, ProviderService s, CancellationToken ct) => ProblemResults.Respond(await s.AddRegionAsync(id, body.Region, ct)));
        providers.MapDelete("/{id:guid}/regions/{code}", async (Guid id, string code, ProviderService s, CancellationToken ct) => ProblemResults.Respond(await s.RemoveRegionAsync(id, code, ct)));

        providers.MapPost("/{id:guid}/points", async (Guid id, PointRequest body, ProviderService s, CancellationToken ct) => ProblemResults.Respond(await s.AddPointAsync(id, body, ct)));
        providers.MapPut("/{id:guid}/points/{pointId:guid}", async (Guid id, Guid pointId, PointRequest body, ProviderService s, CancellationToken ct) =>
            ProblemResults.Respond(await s.UpdatePointAsync(id, pointId, body, ct)));
        providers.MapDelete("/{id:guid}/points/{pointId:guid}", async (Guid id, Guid pointId, ProviderService s, CancellationToken ct) =>
            ProblemResults.Respond(await s.RemovePointAsync(id, pointId, ct)));

        providers.MapPost("/{id:guid}/staff", async (Guid id, StaffRequest body, ProviderService s, CancellationToken ct) => ProblemResults.Respond(await s.AddStaffAsync(id, body, ct)));
        providers.MapPut("/{id:guid}/staff/{staffId:guid}", async (Guid id, Guid staffId, StaffRequest body, ProviderService s, CancellationToken ct) =>
            ProblemResults.Respond(await s.UpdateStaffAsync(id, staffId, body, ct)));
        providers.MapDelete("/{id:guid}/staff/{staffId:guid}", async (Guid id, Guid staffId, ProviderService s, CancellationToken ct) =>
            ProblemResults.Respond(await s.RemoveStaffAsync(id, staffId, ct)));
        providers.MapPost("/{id:guid}/staff/{staffId:guid}/reveal", async Task<Results<Ok<RevealedPhone>, ProblemHttpResult>> (
            Guid id, Guid staffId, RevealBody body, ProviderService s, HttpContext http, CancellationToken ct) =>
        {
            var result = await s.RevealPhoneAsync(id, staffId, body.Reason, ct);
            http.Response.Headers.CacheControl = "no-store";
            return ProblemResults.Respond(result);
        });

        providers.MapPut("/{id:guid}/capacities", async (Guid id, CapacityRequest body, ProviderService s, CancellationToken ct) =>
            ProblemResults.Respond(await s.SetCapacityAsync(id, body, ct)));
        providers.MapDelete("/{id:guid}/capacities/{capacityId:guid}", async (Guid id, Guid capacityId, ProviderService s, CancellationToken ct) =>
            ProblemResults.Respond(await s.RemoveCapacityAsync(id, capacityId, ct)));

        providers.MapPost("/{id:guid}/teams", async (Guid id, TeamRequest body, ProviderService s, CancellationToken ct) => ProblemResults.Respond(await s.AddTeamAsync(id, body, ct)));
        providers.MapDelete("/{id:guid}/teams/{teamId:guid}", async (Guid id, Guid teamId, ProviderService s, CancellationToken ct) =>
            ProblemResults.Respond(await s.RemoveTeamAsync(id, teamId, ct)));
        return api;
    }
}
