using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Jiuzhu.Catalog.Referrals;

/// <summary>Referrals over HTTP: /api/v1/referrals/…</summary>
public static class ReferralEndpoints
{
    public sealed record SendBody(Guid HouseholdId, string? Key, string? Reason, Guid? CaseId);

    public sealed record AnswerBody(Guid Version, string? Reason, string? Outcome);

    public static RouteGroupBuilder MapReferralEndpoints(this RouteGroupBuilder api)
    {
        var referrals = api.MapGroup("/referrals").WithTags("referrals").RequireAuthorization(p => p.RequireRole(ReferralService.Readers));
        referrals.MapPost("", async (SendBody body, ReferralService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.SendAsync(new ReferralRequest(body.HouseholdId, body.Key, body.Reason, body.CaseId), ct)));
        referrals.MapGet("", async Task<Results<Ok<IReadOnlyList<ReferralRow>>, ProblemHttpResult>> (string? status, ReferralService service, CancellationToken ct) =>
        {
            ReferralStatus? s = null;
            if (!string.IsNullOrWhiteSpace(status))
            {
                if (!Enum.TryParse<ReferralStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                {
                    return ProblemResults.From(Error.Validation("referral.bad_status", "status 须为 sent、accepted、declined 或 completed。"));
                }

                s = parsed;
            }

            return ProblemResults.Respond(await service.InboxAsync(s, ct));
        });
        referrals.MapGet("/households/{householdId:guid}", async (Guid householdId, ReferralService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.ForHouseholdAsync(householdId, ct)));
        referrals.MapPost("/{id:guid}/accept", async (Guid id, AnswerBody body, ReferralService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.AcceptAsync(id, body.Version, ct)));
        referrals.MapPost("/{id:guid}/decline", async (Guid id, AnswerBody body, ReferralService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.DeclineAsync(id, body.Reason, body.Version, ct)));
        referrals.MapPost("/{id:guid}/complete", async (Guid id, AnswerBody body, ReferralService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.CompleteAsync(id, body.Outcome, body.Version, ct)));
        return api;
    }
}
