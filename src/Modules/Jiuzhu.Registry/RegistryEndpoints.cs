using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Http;
using Jiuzhu.Registry.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Jiuzhu.Registry;

/// <summary>The registry over HTTP: /api/v1/households/… and /api/v1/persons/…</summary>
public static class RegistryEndpoints
{
    public sealed record RevealBody(string Field, string Reason);

    public sealed record AddressBody(string Address, Guid Version);

    public sealed record CategoryBody(AssistanceCategory? Category, DateOnly Date, Guid Version);

    public sealed record MergeBody(Guid Into, string Reason);

    public sealed record DisabilityBody(DisabilityCategory Category, int Level, string? Number);

    public sealed record GuardianBody(Guid? GuardianId, string? Relation);

    /// <summary>A revealed value; responses carrying it are never cached.</summary>
    public sealed record RevealedValue(string Value);

    /// <summary>The id of what was created or changed.</summary>
    public sealed record ChangedRecord(Guid Id);

    public static RouteGroupBuilder MapRegistryEndpoints(this RouteGroupBuilder api)
    {
        var households = api.MapGroup("/households").WithTags("registry");
        households.MapGet("/", async Task<Results<Ok<Page<HouseholdRow>>, ProblemHttpResult>> (
            HouseholdQueries q, string? query, string? region, AssistanceCategory? category, string? needs, bool? includeMerged, int? page, int? size, CancellationToken ct) =>
        {
            if (!TryNeeds(needs, out var flags))
            {
                return ProblemResults.From(Error.Validation("registry.bad_needs", $"未知的需求标记：{needs}"));
            }

            return ProblemResults.Respond(await q.SearchAsync(new HouseholdSearch(query, region, category, flags, includeMerged ?? false), new PageRequest(page ?? 1, size ?? 20), ct));
        });
        households.MapPost("/", async (NewHousehold body, HouseholdAdministration admin, CancellationToken ct) => Changed(await admin.RegisterAsync(body, ct)));
        households.MapGet("/{id:guid}", async (Guid id, HouseholdQueries q, CancellationToken ct) => ProblemResults.Respond(await q.GetAsync(id, ct)));
        households.MapPut("/{id:guid}", async (Guid id, AddressBody body, HouseholdAdministration admin, CancellationToken ct) =>
            Changed(await admin.UpdateAsync(id, body.Address, body.Version, ct)));
        households.MapPost("/{id:guid}/members", async (Guid id, NewMember body, HouseholdAdministration admin, CancellationToken ct) =>
            Changed(await admin.AddMemberAsync(id, body, ct)));
        households.MapPut("/{id:guid}/category", async (Guid id, CategoryBody body, HouseholdAdministration admin, CancellationToken ct) =>
            Changed(await admin.SetCategoryAsync(id, body.Category, body.Date, body.Version, ct)));
        ImportHouseholds.HouseholdImportEndpoints.Map(households);
        households.MapPost("/{id:guid}/merge", async (Guid id, MergeBody body, HouseholdAdministration admin, CancellationToken ct) =>
            Changed(await admin.MergeAsync(id, body.Into, body.Reason, ct)));

        var persons = api.MapGroup("/persons").WithTags("registry");
        persons.MapPost("/{id:guid}/reveal", async Task<Results<Ok<RevealedValue>, ProblemHttpResult>> (Guid id, RevealBody body, HouseholdQueries q, HttpContext http, CancellationToken ct) =>
        {
            if (!Enum.TryParse<ProtectedField>(body.Field, ignoreCase: true, out var field) || !Enum.IsDefined(field))
            {
                return ProblemResults.From(Error.Validation("registry.bad_field", "field 须为 idNumber、phone 或 disability。"));
            }

            var result = await q.RevealAsync(id, field, body.Reason, ct);
            http.Response.Headers.CacheControl = "no-store";
            return result.IsSuccess ? TypedResults.Ok(new RevealedValue(result.Value)) : ProblemResults.From(result.Error!);
        });
        persons.MapPut("/{id:guid}/disability", async (Guid id, DisabilityBody body, HouseholdAdministration admin, CancellationToken ct) =>
            Changed(await admin.SetDisabilityAsync(id, new DisabilityCertificate(body.Category, body.Level, body.Number), ct)));
        persons.MapDelete("/{id:guid}/disability", async (Guid id, HouseholdAdministration admin, CancellationToken ct) =>
            Changed(await admin.SetDisabilityAsync(id, null, ct)));
        persons.MapPut("/{id:guid}/guardian", async (Guid id, GuardianBody body, HouseholdAdministration admin, CancellationToken ct) =>
            Changed(await admin.SetGuardianAsync(id, body.GuardianId, body.Relation, ct)));
        persons.MapPost("/{id:guid}/consents", async (Guid id, NewConsent body, HouseholdAdministration admin, CancellationToken ct) =>
            Changed(await admin.RecordConsentAsync(id, body, ct)));
        api.MapPost("/consents/{id:guid}/withdraw", async (Guid id, HouseholdAdministration admin, CancellationToken ct) =>
            Changed(await admin.WithdrawConsentAsync(id, ct))).WithTags("registry");
        return api;
    }

    private static Results<Ok<ChangedRecord>, ProblemHttpResult> Changed(Result<Guid> result) =>
        result.IsSuccess ? TypedResults.Ok(new ChangedRecord(result.Value)) : ProblemResults.From(result.Error!);

    private static bool TryNeeds(string? text, out NeedFlags flags)
    {
        flags = NeedFlags.None;
        return string.IsNullOrWhiteSpace(text) || Enum.TryParse(text, ignoreCase: true, out flags);
    }
}
