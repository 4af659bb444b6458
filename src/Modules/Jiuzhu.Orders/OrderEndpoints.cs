using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Http;
using Jiuzhu.Orders.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Jiuzhu.Orders;

/// <summary>Service orders over HTTP: /api/v1/orders/…</summary>
public static class OrderEndpoints
{
    public sealed record GenerateRequest(DateOnly? From, int? Days);

    public sealed record RateByCodeRequest(string? Number, string? Code, int? Rating, string? Comment);

    /// <summary>The path segment of each move, e.g. POST /orders/{id}/no-show.</summary>
    public static readonly IReadOnlyDictionary<string, OrderAction> Moves = new Dictionary<string, OrderAction>(StringComparer.Ordinal)
    {
        ["accept"] = OrderAction.Accept,
        ["decline"] = OrderAction.Decline,
        ["start"] = OrderAction.Start,
        ["complete"] = OrderAction.Complete,
        ["verify"] = OrderAction.Verify,
        ["confirm"] = OrderAction.ConfirmByCode,
        ["rate"] = OrderAction.Rate,
        ["cancel"] = OrderAction.Cancel,
        ["no-show"] = OrderAction.NoShow,
        ["complain"] = OrderAction.Complain,
    };

    public static RouteGroupBuilder MapOrderEndpoints(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("orders").RequireAuthorization(p => p.RequireRole(OrderAccess.Readers));
        orders.MapPost("/dispatch", async (DispatchRequest body, OrderService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.DispatchAsync(body, ct)));
        orders.MapGet("", async Task<Results<Ok<Page<OrderView>>, ProblemHttpResult>> (
            string? status, Guid? providerId, Guid? householdId, string? region, DateOnly? from, DateOnly? to, int? page, int? size, OrderService service, CancellationToken ct) =>
        {
            OrderStatus? s = null;
            if (!string.IsNullOrWhiteSpace(status))
            {
                if (!Enum.TryParse<OrderStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                {
                    return ProblemResults.From(Error.Validation("order.bad_status", $"“{status}”不是订单状态。"));
                }

                s = parsed;
            }

            return ProblemResults.Respond(await service.ListAsync(new OrderFilter(s, providerId, householdId, region, from, to), new PageRequest(page ?? 1, size ?? 50), ct));
        });
        orders.MapPost("/generate", async (GenerateRequest body, OrderService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.GenerateAsync(body.From, body.Days ?? 7, ct)));
        orders.MapPost("/{id:guid}/photos", async Task<Results<Ok<OrderView>, ProblemHttpResult>> (Guid id, IFormFile? photo, OrderService service, CancellationToken ct) =>
        {
            if (photo is null)
            {
                return ProblemResults.From(Error.Validation("order.photo_required", "请选择要上传的照片（表单字段 photo）。"));
            }

            await using var stream = photo.OpenReadStream();
            return ProblemResults.Respond(await service.AddPhotoAsync(id, photo.FileName, stream, photo.Length, ct));
        }).DisableAntiforgery();
        orders.MapGet("/{id:guid}/photos/{photoId:guid}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, Guid photoId, OrderService service, CancellationToken ct) =>
        {
            var photo = await service.PhotoAsync(id, photoId, ct);
            return photo.IsSuccess ? TypedResults.File(photo.Value.Content, photo.Value.ContentType) : ProblemResults.From(photo.Error!);
        });
        orders.MapGet("/{id:guid}", async (Guid id, OrderService service, CancellationToken ct) => ProblemResults.Respond(await service.GetAsync(id, ct)));
        orders.MapPost("/{id:guid}/{move}", async Task<Results<Ok<OrderView>, ProblemHttpResult>> (
            Guid id, string move, OrderActRequest body, OrderService service, CancellationToken ct) =>
            Moves.TryGetValue(move, out var action)
                ? ProblemResults.Respond(await service.ActAsync(id, action, body, ct))
                : ProblemResults.From(Error.NotFound("order.unknown_action", $"未知的订单操作“{move}”：可用 {string.Join("、", Moves.Keys)}。")));

        api.MapPost("/orders/rate-by-code", async (RateByCodeRequest body, OrderService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.RateByCodeAsync(body.Number, body.Code, body.Rating, body.Comment, ct))).WithTags("orders").AllowAnonymous();

        var matching = api.MapGroup("/matching").WithTags("matching").RequireAuthorization(p => p.RequireRole(OrderAccess.Readers));
        matching.MapGet("/preview", async (string? region, Dispatching.MatchingService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.PreviewAsync(region, ct)));
        matching.MapGet("/needs/{needId:guid}/options", async (Guid needId, Dispatching.MatchingService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.OptionsAsync(needId, ct)));
        matching.MapPost("/confirm", async (Dispatching.ConfirmRequest body, Dispatching.MatchingService service, CancellationToken ct) =>
            ProblemResults.Respond(await service.ConfirmAsync(body, ct)));
        return api;
    }
}
