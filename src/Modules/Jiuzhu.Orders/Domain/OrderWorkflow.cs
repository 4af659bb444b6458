using Jiuzhu.Kernel;

namespace Jiuzhu.Orders.Domain;

/// <summary>Where a service order stands.</summary>
public enum OrderStatus
{
    Dispatched = 1, // 已派单
    Accepted = 2,   // 已接单
    Declined = 3,   // 已拒单
    Started = 4,    // 服务中（已签到）
    Completed = 5,  // 已完成
    Verified = 6,   // 已核验
    Rated = 7,      // 已评价
    Cancelled = 8,  // 已取消
    NoShow = 9,     // 未履约
    Complaint = 10, // 投诉处理
}

/// <summary>What someone does to an order.</summary>
public enum OrderAction
{
    Accept = 1,        // 接单
    Decline = 2,       // 拒单
    Start = 3,         // 签到开始服务
    Complete = 4,      // 完成服务
    Verify = 5,        // 村协理员核验
    ConfirmByCode = 6, // 服务对象凭确认码确认
    Rate = 7,          // 评价
    Cancel = 8,        // 取消
    NoShow = 9,        // 登记未履约
    Complain = 10,     // 投诉
}

/// <summary>One legal move: from which states, to which state, by whom, and whether a reason is required.</summary>
public sealed record OrderTransition(OrderAction Action, IReadOnlyList<OrderStatus> From, OrderStatus To, IReadOnlyList<string> Roles, bool ReasonRequired);

/// <summary>
/// The service-order lifecycle as one table: dispatched → accepted or declined → started (check-in) → completed →
/// verified (village worker, or the beneficiary's confirmation code) → rated; cancelled, no-show and complaint each
/// with a reason. Nothing else decides which moves are legal.
/// </summary>
public static class OrderWorkflow
{
    /// <summary>The pseudo-role of the beneficiary confirming with the code given to the household at dispatch.</summary>
    public const string Beneficiary = "beneficiary";

    /// <summary>Who dispatches orders and may cancel them: township social workers and county civil-affairs officers.</summary>
    public static readonly string[] Dispatchers = [Roles.TownshipSocialWorker, Roles.CountyOfficer];

    private static readonly string[] Provider = [Roles.ProviderStaff];
    private static readonly string[] Verifiers = [Roles.VillageWorker, Roles.TownshipSocialWorker];

    public static IReadOnlyList<OrderTransition> Transitions { get; } =
    [
        new(OrderAction.Accept, [OrderStatus.Dispatched], OrderStatus.Accepted, Provider, false),
        new(OrderAction.Decline, [OrderStatus.Dispatched], OrderStatus.Declined, Provider, true),
        new(OrderAction.Start, [OrderStatus.Accepted], OrderStatus.Started, Provider, false),
        new(OrderAction.Complete, [OrderStatus.Started], OrderStatus.Completed, Provider, false),
        new(OrderAction.Verify, [OrderStatus.Completed], OrderStatus.Verified, Verifiers, false),
        new(OrderAction.ConfirmByCode, [OrderStatus.Completed], OrderStatus.Verified, Provider, false),
        new(OrderAction.Rate, [OrderStatus.Verified], OrderStatus.Rated, [Beneficiary, Roles.VillageWorker], false),
        new(OrderAction.Cancel, [OrderStatus.Dispatched, OrderStatus.Accepted], OrderStatus.Cancelled, Dispatchers, true),
        new(OrderAction.NoShow, [OrderStatus.Accepted, OrderStatus.Started], OrderStatus.NoShow, [.. Provider, .. Verifiers], true),
        new(OrderAction.Complain, [OrderStatus.Started, OrderStatus.Completed, OrderStatus.Verified, OrderStatus.Rated], OrderStatus.Complaint,
            [.. Verifiers, Roles.CountyOfficer], true),
    ];

    /// <summary>States an order ends in: nothing more happens to it.</summary>
    public static readonly OrderStatus[] Final = [OrderStatus.Declined, OrderStatus.Rated, OrderStatus.Cancelled, OrderStatus.NoShow, OrderStatus.Complaint];

    /// <summary>Moves after which the order no longer holds its capacity: the units go back to the provider's period.</summary>
    public static readonly OrderAction[] ReleasingCapacity = [OrderAction.Decline, OrderAction.Cancel, OrderAction.NoShow];

    /// <summary>States after which the service counts as delivered (supply in 动态调整).</summary>
    public static readonly OrderStatus[] Delivered = [OrderStatus.Completed, OrderStatus.Verified, OrderStatus.Rated];

    public static OrderTransition? Find(OrderAction action) => Transitions.FirstOrDefault(t => t.Action == action);

    /// <summary>Checks a move: legal from the current state, by one of the actor's roles, with a reason where one is required.</summary>
    public static Error? Check(OrderStatus current, OrderAction action, IEnumerable<string> roles, string? reason)
    {
        var move = Find(action);
        if (move is null)
        {
            return Error.Validation("order.unknown_action", "未知的订单操作。");
        }

        if (!move.From.Contains(current))
        {
            return Error.Conflict("order.illegal_transition", $"订单当前为“{StatusName(current)}”，不能{ActionName(action)}。");
        }

        if (!roles.Any(move.Roles.Contains))
        {
            return Error.Forbidden("order.forbidden", $"您不能对订单执行“{ActionName(action)}”。");
        }

        if (move.ReasonRequired && string.IsNullOrWhiteSpace(reason))
        {
            return Error.Validation("order.reason_required", $"{ActionName(action)}须说明原因。");
        }

        return reason?.Trim().Length > 500 ? Error.Validation("order.text_too_long", "原因不能超过 500 字。") : null;
    }

    public static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.Dispatched => "已派单",
        OrderStatus.Accepted => "已接单",
        OrderStatus.Declined => "已拒单",
        OrderStatus.Started => "服务中",
        OrderStatus.Completed => "已完成",
        OrderStatus.Verified => "已核验",
        OrderStatus.Rated => "已评价",
        OrderStatus.Cancelled => "已取消",
        OrderStatus.NoShow => "未履约",
        _ => "投诉处理",
    };

    public static string ActionName(OrderAction action) => action switch
    {
        OrderAction.Accept => "接单",
        OrderAction.Decline => "拒单",
        OrderAction.Start => "签到开始服务",
        OrderAction.Complete => "完成服务",
        OrderAction.Verify => "核验",
        OrderAction.ConfirmByCode => "凭确认码确认",
        OrderAction.Rate => "评价",
        OrderAction.Cancel => "取消",
        OrderAction.NoShow => "登记未履约",
        _ => "投诉",
    };
}
