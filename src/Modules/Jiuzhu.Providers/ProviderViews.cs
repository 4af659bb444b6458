using Jiuzhu.Providers.Domain;

namespace Jiuzhu.Providers;

/// <summary>A provider's new or changed basic information; <see cref="Version"/> is required when changing.</summary>
public sealed record ProviderRequest(string? Name, ProviderKind Kind, string? CreditCode, string? Region, string? Address = null, string? Contact = null, Guid? Version = null);

/// <summary>A qualification to add; no end date means long-term (长期).</summary>
public sealed record QualificationRequest(string? Type, string? Number, string? Issuer, DateOnly ValidFrom, DateOnly? ValidTo = null);

/// <summary>A service point to add or change; coordinates are WGS-84 degrees.</summary>
public sealed record PointRequest(ServicePointKind Kind, string? Name, string? Region, string? Address, double Latitude, double Longitude, string? OpeningHours = null);

/// <summary>
/// A staff member to add or change. When changing, a null phone or account keeps the current one and an empty text clears it.
/// Only administrators may link an account.
/// </summary>
public sealed record StaffRequest(string? Name, StaffRole Role, string? Qualification = null, string? Phone = null, string? Account = null);

/// <summary>The capacity of one item for one period; setting it again replaces the quantity.</summary>
public sealed record CapacityRequest(string? Item, CapacityPeriod Period, int Quantity);

/// <summary>A volunteer team to add.</summary>
public sealed record TeamRequest(string? Name, string? Leader, int Members, IReadOnlyList<string>? Items = null);

/// <summary>Filters of the provider registry.</summary>
public sealed record ProviderFilter(string? Region = null, string? Item = null, ProviderKind? Kind = null, string? Text = null, DateOnly? ValidOn = null);

/// <summary>One row of the provider registry.</summary>
public sealed record ProviderRow(
    Guid Id, string Name, ProviderKind Kind, string CreditCode, string RegionCode, QualificationStatus Status, DateOnly? NextExpiry,
    IReadOnlyList<string> Items, IReadOnlyList<string> Regions, int Points, bool CanEdit);

public sealed record QualificationView(Guid Id, string Type, string Number, string Issuer, DateOnly ValidFrom, DateOnly? ValidTo, QualificationStatus Status);

public sealed record ItemView(string Code, string Name);

public sealed record RegionView(string Code, string Name);

public sealed record PointView(
    Guid Id, ServicePointKind Kind, string Name, string RegionCode, string Address, double Latitude, double Longitude, string OpeningHours, string OpeningHoursText);

public sealed record StaffView(Guid Id, string Name, StaffRole Role, string? Qualification, string? PhoneMasked, string? Account);

public sealed record CapacityView(Guid Id, string ItemCode, CapacityPeriod Period, int Quantity);

public sealed record TeamView(Guid Id, string Name, string Leader, int Members, IReadOnlyList<string> Items);

/// <summary>A provider with everything hanging off it, the date its standing is judged on, and what the actor may change.</summary>
public sealed record ProviderDetail(
    Guid Id, string Name, ProviderKind Kind, string CreditCode, string RegionCode, string RegionName, string Address, string Contact,
    Guid Version, string UpdatedBy, DateTimeOffset UpdatedAt, DateOnly Today, QualificationStatus Status,
    IReadOnlyList<QualificationView> Qualifications, IReadOnlyList<ItemView> Items, IReadOnlyList<RegionView> Regions, IReadOnlyList<PointView> Points,
    IReadOnlyList<StaffView> Staff, IReadOnlyList<CapacityView> Capacities, IReadOnlyList<TeamView> Teams, bool CanEdit, bool CanOperate);

/// <summary>A full staff phone number, shown after an audited reveal.</summary>
public sealed record RevealedPhone(string Phone);
