using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Jiuzhu.Identity;

/// <summary>Account and API-key administration over HTTP, with the same rules as the pages.</summary>
public static class IdentityEndpoints
{
    public sealed record CreateUserBody(string UserName, string DisplayName, string Jurisdiction, string Password, string? Department, IReadOnlyList<string>? Roles);

    public sealed record PasswordBody(string Password);

    public sealed record RolesBody(IReadOnlyList<string> Roles);

    public sealed record JurisdictionBody(string Jurisdiction);

    public sealed record IssueKeyBody(string Name, string Department, string Jurisdiction);

    public static RouteGroupBuilder MapIdentityEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", (ICurrentActor actor) => TypedResults.Ok(new
        {
            kind = actor.Kind.ToString().ToLowerInvariant(),
            id = actor.Id,
            name = actor.Name,
            roles = actor.Roles,
            jurisdiction = actor.Jurisdiction?.Value,
        })).WithTags("identity");

        var users = api.MapGroup("/identity/users").WithTags("identity")
            .RequireAuthorization(p => p.RequireRole(Roles.SystemAdmin, Roles.SecurityAdmin));
        users.MapGet("/", async (UserAdministration admin, string? search, string? role, int? page, int? size, CancellationToken ct) =>
            ProblemResults.Respond(await admin.ListAsync(search, role, new PageRequest(page ?? 1, size ?? 20), ct)));
        users.MapGet("/{id:guid}", async (Guid id, UserAdministration admin) => ProblemResults.Respond(await admin.GetAsync(id)));
        users.MapPost("/", async (CreateUserBody body, UserAdministration admin) =>
            ProblemResults.Respond(await admin.CreateAsync(new CreateUserRequest(body.UserName, body.DisplayName, body.Jurisdiction, body.Password, body.Department, body.Roles))));
        users.MapPost("/{id:guid}/disable", async (Guid id, UserAdministration admin) => ProblemResults.Respond(await admin.SetDisabledAsync(id, true)));
        users.MapPost("/{id:guid}/enable", async (Guid id, UserAdministration admin) => ProblemResults.Respond(await admin.SetDisabledAsync(id, false)));
        users.MapPost("/{id:guid}/reset-password", async (Guid id, PasswordBody body, UserAdministration admin) =>
            ProblemResults.Respond(await admin.ResetPasswordAsync(id, body.Password)));
        users.MapPut("/{id:guid}/roles", async (Guid id, RolesBody body, UserAdministration admin) =>
            ProblemResults.Respond(await admin.SetRolesAsync(id, body.Roles)));
        users.MapPut("/{id:guid}/jurisdiction", async (Guid id, JurisdictionBody body, UserAdministration admin) =>
            ProblemResults.Respond(await admin.SetJurisdictionAsync(id, body.Jurisdiction)));

        var keys = api.MapGroup("/identity/api-clients").WithTags("identity")
            .RequireAuthorization(p => p.RequireRole(Roles.SecurityAdmin));
        keys.MapGet("/", async (ApiClientAdministration admin, CancellationToken ct) => ProblemResults.Respond(await admin.ListAsync(ct)));
        keys.MapPost("/", async (IssueKeyBody body, ApiClientAdministration admin, CancellationToken ct) =>
            ProblemResults.Respond(await admin.IssueAsync(body.Name, body.Department, body.Jurisdiction, ct)));
        keys.MapPost("/{id:guid}/revoke", async (Guid id, ApiClientAdministration admin, CancellationToken ct) =>
            ProblemResults.Respond(await admin.RevokeAsync(id, ct)));
        return api;
    }
}
