using System.Globalization;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Jiuzhu.Audit;

/// <summary>The audit API: search, per-record history and chain verification, for auditors only.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit")
            .WithTags("audit")
            .RequireAuthorization(p => p.RequireRole(Roles.Auditor, Roles.AuditAdmin));
        audit.MapGet("/entries", SearchAsync);
        audit.MapGet("/entities/{entityType}/{entityId}", HistoryAsync);
        audit.MapPost("/verify", VerifyAsync).RequireAuthorization(p => p.RequireRole(Roles.AuditAdmin));
        return api;
    }

    // Query values arrive as text so that bad input gets our own error, not the framework's bare 400.
    private static async Task<Results<Ok<Page<AuditEntryView>>, ProblemHttpResult>> SearchAsync(
        string? actor,
        string? action,
        string? entityType,
        string? entityId,
        string? region,
        string? outcome,
        string? from,
        string? to,
        string? page,
        string? size,
        AuditSearch search,
        CancellationToken ct)
    {
        if (ParsePage(page, size) is not { } request)
        {
            return BadPage();
        }

        var filter = new AuditFilter
        {
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            RegionCode = region,
            Outcome = outcome,
            From = from,
            To = to,
        };
        var result = await search.SearchAsync(filter, request, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ProblemResults.From(result.Error!);
    }

    private static async Task<Results<Ok<Page<AuditEntryView>>, ProblemHttpResult>> HistoryAsync(
        string entityType, string entityId, string? page, string? size, AuditSearch search, CancellationToken ct)
    {
        if (ParsePage(page, size) is not { } request)
        {
            return BadPage();
        }

        return TypedResults.Ok(await search.HistoryAsync(entityType, entityId, request, ct));
    }

    private static async Task<Ok<AuditVerification>> VerifyAsync(AuditVerifier verifier, IAuditTrail trail, CancellationToken ct) =>
        TypedResults.Ok(await verifier.VerifyAndRecordAsync(trail, ct));

    private static PageRequest? ParsePage(string? page, string? size)
    {
        var p = 1;
        var s = 20;
        if ((!string.IsNullOrWhiteSpace(page) && !int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out p))
            || (!string.IsNullOrWhiteSpace(size) && !int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out s)))
        {
            return null;
        }

        return new PageRequest(p, s);
    }

    private static ProblemHttpResult BadPage() =>
        ProblemResults.From(Error.Validation(AuditSearch.BadFilterCode, $"页码和每页条数应为正整数（每页最多 {PageRequest.MaxSize} 条）。"));
}
