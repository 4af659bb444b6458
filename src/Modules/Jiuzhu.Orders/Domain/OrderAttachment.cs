using Jiuzhu.Kernel;

namespace Jiuzhu.Orders.Domain;

/// <summary>A photo of a completed service, encrypted at rest (it may show the home or the person served).</summary>
public sealed class OrderAttachment
{
    /// <summary>At most 2 MB per photo and five per order.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    public const int MaxPerOrder = 5;

    private OrderAttachment()
    {
        RegionCode = ContentType = FileName = By = string.Empty;
        Content = [];
    }

    public OrderAttachment(ServiceOrder order, string contentType, string fileName, int size, byte[] protectedContent, string by, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        OrderId = order.Id;
        RegionCode = order.RegionCode;
        ContentType = contentType;
        FileName = fileName;
        Size = size;
        Content = protectedContent;
        By = by;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public string RegionCode { get; private set; }

    public string ContentType { get; private set; }

    public string FileName { get; private set; }

    public int Size { get; private set; }

    public byte[] Content { get; private set; }

    public string By { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The type of an image from its first bytes (JPEG, PNG or WebP); null for anything else, whatever its name says.</summary>
    public static string? SniffImage(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;
}

/// <summary>
/// The units of a provider's capacity for an item already held by orders in one capacity period (a day, a week from
/// Monday, or a month). Taken with a conditional update — <c>Used &lt; capacity</c> — so two dispatchers at the same
/// moment can never take the last unit twice.
/// </summary>
public sealed class CapacityUse
{
    private CapacityUse()
    {
        ItemCode = string.Empty;
    }

    public CapacityUse(Guid providerId, string itemCode, int period, DateOnly periodStart)
    {
        ProviderId = providerId;
        ItemCode = itemCode;
        Period = period;
        PeriodStart = periodStart;
    }

    public Guid ProviderId { get; private set; }

    public string ItemCode { get; private set; }

    /// <summary>The capacity's period: 1 day, 2 week, 3 month.</summary>
    public int Period { get; private set; }

    public DateOnly PeriodStart { get; private set; }

    public int Used { get; private set; }
}

/// <summary>
/// A need taken on by a provider: recurring orders are generated from it period by period until it ends (the provider
/// declines, the plan ends or is superseded).
/// </summary>
public sealed class NeedAssignment
{
    private NeedAssignment()
    {
        RegionCode = ProviderName = AssignedBy = string.Empty;
    }

    public NeedAssignment(Guid needId, string regionCode, Guid providerId, string providerName, Guid? servicePointId, string by, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        NeedId = needId;
        RegionCode = regionCode;
        ProviderId = providerId;
        ProviderName = providerName;
        ServicePointId = servicePointId;
        AssignedBy = by;
        AssignedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid NeedId { get; private set; }

    public string RegionCode { get; private set; }

    public Guid ProviderId { get; private set; }

    public string ProviderName { get; private set; }

    public Guid? ServicePointId { get; private set; }

    public string AssignedBy { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public string? EndReason { get; private set; }

    public bool Active => EndedAt is null;

    internal void End(DateTimeOffset at, string reason)
    {
        EndedAt = at;
        EndReason = reason;
    }
}
