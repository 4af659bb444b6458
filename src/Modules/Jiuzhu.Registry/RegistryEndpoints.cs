using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Http;
using Jiuzhu.Registry.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Jiuzhu.Registry;

/// <summary>The registry over HTTP: /api/v1/registry/…</summary>
public static class RegistryEndpoints
{
    public sealed record RevealBody(string Field, string Reason);

    public static RouteGroupBuilder MapRegistryEndpoints(this RouteGroupBuilder api)
    {
        var registry = api.MapGroup("/registry").WithTags("registry");
        registry.MapGet("/households", async (HouseholdQueries q, string? region, string? search, AssistanceCategory? category, int? page, int? size, CancellationToken ct) =>
            ProblemResults.Respond(await q.ListAsync(region, search, category, new PageRequest(page ?? 1, size ?? 20), ct)));
        registry.MapGet("/households/{id:guid}", async (Guid id, HouseholdQueries q, CancellationToken ct) => ProblemResults.Respond(await q.GetAsync(id, ct)));
        registry.MapPost("/persons/{id:guid}/reveal", async Task<Results<Ok<RevealedValue>, ProblemHttpResult>> (Guid id, RevealBody body, HouseholdQueries q, CancellationToken ct) =>
        {
            if (!Enum.TryParse<ProtectedField>(body.Field, ignoreCase: true, out var field))
            {
                return ProblemResults.From(Error.Validation("registry.bad_field", "field 须为 idNumber 或 phone。"));
            }

            var result = await q.RevealAsync(id, field, body.Reason, ct);
            return result.IsSuccess ? TypedResults.Ok(new RevealedValue(result.Value)) : ProblemResults.From(result.Error!);
        });
        return api;
    }

    /// <summary>A revealed number; responses carrying it are never cached.</summary>
    public sealed record RevealedValue(string Value);
}
