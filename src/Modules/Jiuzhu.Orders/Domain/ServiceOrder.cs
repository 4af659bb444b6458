using Jiuzhu.Kernel;

namespace Jiuzhu.Orders.Domain;

/// <summary>
/// One service to deliver to a household: an approved plan's need, the provider dispatched to it, the window in which it
/// is due, and everything that happened to it (accept or decline, check-in, completion, verification, rating).
/// </summary>
public sealed class ServiceOrder
{
    public const int MaxText = 500;

    private ServiceOrder()
    {
        Number = RegionCode = ItemCode = ItemName = VersionIds = ProviderName = DispatchedBy = ConfirmationCode = RatingCode = HeldCapacity = string.Empty;
    }

    public ServiceOrder(
        OrderSource source, Guid providerId, string providerName, Guid? servicePointId, ServiceWindow window, string protectedCode, string protectedRatingCode,
        string by, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Number = $"{ChinaTime.DateOf(now):yyMMdd}-{Id.ToString("N")[^10..].ToUpperInvariant()}";
        (NeedId, PlanId, CaseId, HouseholdId, RegionCode) = (source.NeedId, source.PlanId, source.CaseId, source.HouseholdId, source.RegionCode);
        (ItemCode, ItemName, VersionIds, Priority, DeliveredAtHome) = (source.ItemCode, source.ItemName, source.VersionIds, source.Priority, source.DeliveredAtHome);
        (ProviderId, ProviderName, ServicePointId) = (providerId, providerName, servicePointId);
        (WindowStart, WindowEnd) = (window.Start, window.End);
        ConfirmationCode = protectedCode;
        RatingCode = protectedRatingCode;
        HeldCapacity = string.Empty;
        Status = OrderStatus.Dispatched;
        (DispatchedBy, DispatchedAt, UpdatedAt) = (by, now, now);
        Version = Guid.NewGuid();
    }

    public Guid Id { get; private set; }

    /// <summary>A readable number: the dispatch day and ten hex digits of the id.</summary>
    public string Number { get; private set; }

    public Guid? NeedId { get; private set; }

    public Guid? PlanId { get; private set; }

    public Guid? CaseId { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string RegionCode { get; private set; }

    public string ItemCode { get; private set; }

    public string ItemName { get; private set; }

    /// <summary>The catalog entry versions the plan took the item under (comma-separated).</summary>
    public string VersionIds { get; private set; }

    /// <summary>1 red, 2 yellow, 3 green.</summary>
    public int Priority { get; private set; }

    /// <summary>Delivered at the household's home (check-in near the home) rather than at a service point.</summary>
    public bool DeliveredAtHome { get; private set; }

    public Guid ProviderId { get; private set; }

    public string ProviderName { get; private set; }

    public Guid? ServicePointId { get; private set; }

    public DateOnly WindowStart { get; private set; }

    public DateOnly WindowEnd { get; private set; }

    public OrderStatus Status { get; private set; }

    /// <summary>The beneficiary's six-digit confirmation code, encrypted.</summary>
    public string ConfirmationCode { get; private set; }

    /// <summary>
    /// The beneficiary's six-digit rating code, encrypted: a second code on the service slip, never shown to the provider,
    /// so a provider who learnt the confirmation code cannot rate its own service.
    /// </summary>
    public string RatingCode { get; private set; }

    public string DispatchedBy { get; private set; }

    public DateTimeOffset DispatchedAt { get; private set; }

    public string? AnsweredBy { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>How far from the household or service point the check-in was, in metres.</summary>
    public int? CheckInDistanceMetres { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public int? DurationMinutes { get; private set; }

    public string? Notes { get; private set; }

    public string? VerifiedBy { get; private set; }

    public DateTimeOffset? VerifiedAt { get; private set; }

    public bool VerifiedByCode { get; private set; }

    public int? Rating { get; private set; }

    public string? RatingComment { get; private set; }

    /// <summary>The reason of the last decline, cancellation, no-show or complaint.</summary>
    public string? Reason { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Wrong confirmation codes tried; after <see cref="MaxCodeFailures"/> the code no longer works and the village worker verifies.</summary>
    public int CodeFailures { get; private set; }

    /// <summary>The capacity units the order holds, as "period:yyyy-MM-dd" entries separated by ';' — released as they were taken.</summary>
    public string HeldCapacity { get; private set; }

    public const int MaxCodeFailures = 5;

    /// <summary>Changes with every move; two people acting at once — only the first succeeds.</summary>
    public Guid Version { get; private set; }

    internal void Move(OrderStatus to, string by, DateTimeOffset now, string? reason = null)
    {
        Status = to;
        UpdatedAt = now;
        Version = Guid.NewGuid();
        if (to is OrderStatus.Accepted or OrderStatus.Declined)
        {
            (AnsweredBy, AnsweredAt) = (by, now);
        }

        if (reason is not null)
        {
            Reason = reason;
        }
    }


    internal void Hold(string held) => HeldCapacity = held;

    internal void CheckIn(DateTimeOffset at, int distanceMetres)
    {
        StartedAt = at;
        CheckInDistanceMetres = distanceMetres;
    }

    internal void Finish(DateTimeOffset at, int minutes, string? notes)
    {
        CompletedAt = at;
        DurationMinutes = minutes;
        Notes = notes;
    }

    internal void Verify(string by, DateTimeOffset at, bool byCode)
    {
        (VerifiedBy, VerifiedAt, VerifiedByCode) = (by, at, byCode);
    }

    internal void Rate(int stars, string? comment)
    {
        Rating = stars;
        RatingComment = comment;
    }
}

/// <summary>What an order is made for: a plan need (or a one-off dispatch) of a household.</summary>
public sealed record OrderSource(
    Guid? NeedId, Guid? PlanId, Guid? CaseId, Guid HouseholdId, string RegionCode, string ItemCode, string ItemName, string VersionIds, int Priority,
    bool DeliveredAtHome);

/// <summary>One step of an order's timeline.</summary>
public sealed class OrderEvent
{
    private OrderEvent()
    {
        RegionCode = By = string.Empty;
    }

    public OrderEvent(ServiceOrder order, OrderAction? action, OrderStatus? from, string by, DateTimeOffset at, string? note)
    {
        Id = Guid.CreateVersion7(at);
        OrderId = order.Id;
        HouseholdId = order.HouseholdId;
        RegionCode = order.RegionCode;
        Action = action;
        From = from;
        To = order.Status;
        By = by;
        At = at;
        Note = note;
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string RegionCode { get; private set; }

    /// <summary>Null for the dispatch itself.</summary>
    public OrderAction? Action { get; private set; }

    public OrderStatus? From { get; private set; }

    public OrderStatus To { get; private set; }

    public string By { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string? Note { get; private set; }
}
