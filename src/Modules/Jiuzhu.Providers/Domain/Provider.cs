using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;

namespace Jiuzhu.Providers.Domain;

/// <summary>
/// A service provider (服务机构): a social organization, enterprise or public institution identified by its unified social
/// credit code. Its home region (登记/管理地) decides who administers it; the regions it serves, the catalog items it delivers,
/// its qualifications, service points, staff, capacities and volunteer teams hang off it and change only through it.
/// </summary>
public sealed class Provider
{
    private Provider()
    {
        Name = CreditCode = RegionCode = Address = Contact = UpdatedBy = string.Empty;
    }

    internal Provider(string name, ProviderKind kind, string creditCode, RegionCode home, string address, string contact, string actor, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Name = name;
        Kind = kind;
        CreditCode = creditCode;
        RegionCode = home.Value;
        Address = address;
        Contact = contact;
        CreatedAt = UpdatedAt = now;
        UpdatedBy = actor;
        Stamp = Guid.NewGuid();
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public ProviderKind Kind { get; private set; }

    /// <summary>统一社会信用代码, normalised (18 upper-case characters); unique.</summary>
    public string CreditCode { get; private set; }

    /// <summary>12-digit code of the home region (登记/管理地, county or below): its administrators edit the provider.</summary>
    public string RegionCode { get; private set; }

    public string Address { get; private set; }

    /// <summary>Contact person or office phone line as the organization publishes it (not personal data).</summary>
    public string Contact { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; }

    /// <summary>Changes on every edit: two people editing the same provider at once cannot overwrite each other.</summary>
    public Guid Stamp { get; private set; }

    public List<Qualification> Qualifications { get; } = [];

    public List<ProviderItem> Items { get; } = [];

    public List<ServedRegion> Regions { get; } = [];

    public List<ServicePoint> Points { get; } = [];

    public List<StaffMember> Staff { get; } = [];

    public List<Capacity> Capacities { get; } = [];

    public List<VolunteerTeam> Teams { get; } = [];

    internal void Update(string name, ProviderKind kind, string creditCode, string address, string contact) =>
        (Name, Kind, CreditCode, Address, Contact) = (name, kind, creditCode, address, contact);

    internal void Touch(string actor, DateTimeOffset now)
    {
        UpdatedBy = actor;
        UpdatedAt = now;
        Stamp = Guid.NewGuid();
    }

    /// <summary>
    /// The provider's qualification standing on a date: it needs at least one qualification, and for every type it holds
    /// one in force on that date (a renewed licence replaces the old one of the same type). 即将到期 when it is in force on the
    /// date but not <see cref="ProviderTerms.ExpiryWarningDays"/> days later.
    /// </summary>
    public QualificationStatus StatusOn(DateOnly date) => StatusOf(Qualifications, date);

    public static QualificationStatus StatusOf(IReadOnlyCollection<Qualification> qualifications, DateOnly date)
    {
        if (qualifications.Count == 0)
        {
            return QualificationStatus.None;
        }

        if (!QualifiedOn(qualifications, date))
        {
            var anyStarted = qualifications.GroupBy(q => q.Type).All(g => g.Any(q => q.ValidFrom <= date));
            return anyStarted ? QualificationStatus.Expired : QualificationStatus.NotYetValid;
        }

        return QualifiedOn(qualifications, date.AddDays(ProviderTerms.ExpiryWarningDays)) ? QualificationStatus.Valid : QualificationStatus.ExpiringSoon;
    }

    /// <summary>True when every qualification type the provider holds has one in force on the date (and it holds at least one).</summary>
    public static bool QualifiedOn(IReadOnlyCollection<Qualification> qualifications, DateOnly date) =>
        qualifications.Count > 0 && qualifications.GroupBy(q => q.Type).All(g => g.Any(q => q.IsValidOn(date)));
}

/// <summary>A licence or registration (资质): type, number, issuer and validity; no end date means long-term (长期).</summary>
public sealed class Qualification
{
    private Qualification()
    {
        Type = Number = Issuer = string.Empty;
    }

    internal Qualification(Guid providerId, string type, string number, string issuer, DateOnly validFrom, DateOnly? validTo)
    {
        Id = Guid.CreateVersion7();
        ProviderId = providerId;
        Type = type;
        Number = number;
        Issuer = issuer;
        ValidFrom = validFrom;
        ValidTo = validTo;
    }

    public Guid Id { get; private set; }

    public Guid ProviderId { get; private set; }

    public string Type { get; private set; }

    public string Number { get; private set; }

    public string Issuer { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    /// <summary>Last day in force; null for long-term (长期).</summary>
    public DateOnly? ValidTo { get; private set; }

    public bool IsValidOn(DateOnly date) => ValidFrom <= date && (ValidTo is not { } to || date <= to);

    public QualificationStatus StatusOn(DateOnly date) =>
        date < ValidFrom ? QualificationStatus.NotYetValid
        : ValidTo is { } to && date > to ? QualificationStatus.Expired
        : ValidTo is { } end && date.AddDays(ProviderTerms.ExpiryWarningDays) > end ? QualificationStatus.ExpiringSoon
        : QualificationStatus.Valid;
}

/// <summary>A catalog item (by code) the provider can deliver.</summary>
public sealed class ProviderItem
{
    private ProviderItem()
    {
        ItemCode = string.Empty;
    }

    internal ProviderItem(Guid providerId, string itemCode)
    {
        ProviderId = providerId;
        ItemCode = itemCode;
    }

    public Guid ProviderId { get; private set; }

    public string ItemCode { get; private set; }
}

/// <summary>A region (any level) the provider serves; serving a township serves every village in it.</summary>
public sealed class ServedRegion
{
    private ServedRegion()
    {
        RegionCode = string.Empty;
    }

    internal ServedRegion(Guid providerId, RegionCode region)
    {
        ProviderId = providerId;
        RegionCode = region.Value;
    }

    public Guid ProviderId { get; private set; }

    /// <summary>12-digit region code.</summary>
    public string RegionCode { get; private set; }

    /// <summary>True when the given region lies inside this served region.</summary>
    public bool Covers(RegionCode region) => Kernel.RegionCode.Parse(RegionCode).Contains(region);
}

/// <summary>A place where the provider serves people (服务网点), with WGS-84 coordinates and opening hours.</summary>
public sealed class ServicePoint
{
    private ServicePoint()
    {
        Name = RegionCode = Address = OpeningHours = string.Empty;
    }

    internal ServicePoint(Guid providerId, ServicePointKind kind, string name, RegionCode region, string address, double latitude, double longitude, OpeningHours hours)
    {
        Id = Guid.CreateVersion7();
        ProviderId = providerId;
        Name = RegionCode = Address = OpeningHours = string.Empty;
        Set(kind, name, region, address, latitude, longitude, hours);
    }

    public Guid Id { get; private set; }

    public Guid ProviderId { get; private set; }

    public ServicePointKind Kind { get; private set; }

    public string Name { get; private set; }

    /// <summary>12-digit code of the village or township where the point is.</summary>
    public string RegionCode { get; private set; }

    public string Address { get; private set; }

    /// <summary>WGS-84 latitude in degrees (as the region geometry; not GCJ-02).</summary>
    public double Latitude { get; private set; }

    /// <summary>WGS-84 longitude in degrees.</summary>
    public double Longitude { get; private set; }

    /// <summary>Canonical text of <see cref="Domain.OpeningHours"/>.</summary>
    public string OpeningHours { get; private set; }

    internal void Set(ServicePointKind kind, string name, RegionCode region, string address, double latitude, double longitude, OpeningHours hours)
    {
        Kind = kind;
        Name = name;
        RegionCode = region.Value;
        Address = address;
        Latitude = latitude;
        Longitude = longitude;
        OpeningHours = hours.ToText();
    }

    public OpeningHours Hours => Domain.OpeningHours.Parse(OpeningHours) is { IsSuccess: true } h ? h.Value : Domain.OpeningHours.Closed;
}

/// <summary>A person working for the provider; the phone is personal data, stored encrypted and shown masked.</summary>
public sealed class StaffMember
{
    private StaffMember()
    {
        Name = string.Empty;
    }

    internal StaffMember(Guid providerId, string name, StaffRole role, string? qualification)
    {
        Id = Guid.CreateVersion7();
        ProviderId = providerId;
        Name = name;
        Role = role;
        QualificationText = qualification;
    }

    public Guid Id { get; private set; }

    public Guid ProviderId { get; private set; }

    public string Name { get; private set; }

    public StaffRole Role { get; private set; }

    /// <summary>The person's own qualification (e.g. 助理社会工作师, 养老护理员四级), free text.</summary>
    public string? QualificationText { get; private set; }

    public string? PhoneCipher { get; private set; }

    public string? PhoneMasked { get; private set; }

    /// <summary>The platform account (role provider-staff) this person signs in with, if any.</summary>
    public Guid? UserId { get; private set; }

    internal void Update(string name, StaffRole role, string? qualification) => (Name, Role, QualificationText) = (name, role, qualification);

    internal void SetPhone(string? phone, IFieldProtector protector)
    {
        PhoneCipher = phone is null ? null : protector.Protect(phone);
        PhoneMasked = phone is null ? null : MobileNumber.Mask(phone);
    }

    internal void LinkAccount(Guid? userId) => UserId = userId;
}

/// <summary>How much of one item the provider can deliver per period, e.g. LIFE-01 助餐 300 per week.</summary>
public sealed class Capacity
{
    private Capacity()
    {
        ItemCode = string.Empty;
    }

    internal Capacity(Guid providerId, string itemCode, CapacityPeriod period, int quantity)
    {
        Id = Guid.CreateVersion7();
        ProviderId = providerId;
        ItemCode = itemCode;
        Period = period;
        Quantity = quantity;
    }

    /// <summary>The largest capacity one provider may declare per item and period.</summary>
    public const int MaxQuantity = 1_000_000;

    public Guid Id { get; private set; }

    public Guid ProviderId { get; private set; }

    public string ItemCode { get; private set; }

    public CapacityPeriod Period { get; private set; }

    public int Quantity { get; private set; }

    internal void Set(int quantity) => Quantity = quantity;

    /// <summary>Checks a declared capacity: a whole number from 1 to <see cref="MaxQuantity"/>, for an item the provider delivers.</summary>
    public static Error? Check(string itemCode, CapacityPeriod period, int quantity, IEnumerable<string> providerItems)
    {
        if (!Enum.IsDefined(period))
        {
            return Error.Validation("provider.bad_capacity_period", "产能周期须为每日、每周或每月（Day、Week、Month）。");
        }

        if (quantity is < 1 or > MaxQuantity)
        {
            return Error.Validation("provider.bad_capacity", $"产能须为 1 到 {MaxQuantity} 之间的整数；不再提供该产能请删除。");
        }

        return providerItems.Contains(itemCode, StringComparer.Ordinal)
            ? null
            : Error.Validation("provider.capacity_item_not_offered", $"该机构没有登记提供项目 {itemCode}，请先在“服务项目”中添加。");
    }
}

/// <summary>A volunteer team (志愿队伍) organised by the provider, and the catalog items it helps with.</summary>
public sealed class VolunteerTeam
{
    private VolunteerTeam()
    {
        Name = Leader = ItemCodes = string.Empty;
    }

    internal VolunteerTeam(Guid providerId, string name, string leader, int members, IReadOnlyList<string> items)
    {
        Id = Guid.CreateVersion7();
        ProviderId = providerId;
        Name = Leader = ItemCodes = string.Empty;
        Set(name, leader, members, items);
    }

    public Guid Id { get; private set; }

    public Guid ProviderId { get; private set; }

    public string Name { get; private set; }

    public string Leader { get; private set; }

    public int Members { get; private set; }

    /// <summary>Comma-separated catalog item codes.</summary>
    public string ItemCodes { get; private set; }

    public IReadOnlyList<string> Items => ItemCodes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    internal void Set(string name, string leader, int members, IReadOnlyList<string> items) =>
        (Name, Leader, Members, ItemCodes) = (name, leader, members, string.Join(',', items));
}
