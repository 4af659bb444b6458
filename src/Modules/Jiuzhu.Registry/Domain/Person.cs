using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;

namespace Jiuzhu.Registry.Domain;

/// <summary>Relation to the household head (与户主关系).</summary>
public enum Relation
{
    Head = 1,        // 户主
    Spouse = 2,      // 配偶
    Child = 3,       // 子女
    Grandchild = 4,  // 孙子女
    Parent = 5,      // 父母
    Sibling = 6,     // 兄弟姐妹
    Other = 9,       // 其他
}

/// <summary>
/// A person (one person, one record). The identity number is kept only encrypted, with a blind index
/// for exact lookup and a masked form for display.
/// </summary>
public sealed class Person : IRegionScoped
{
    private Person()
    {
        RegionCode = Name = IdNumberCipher = IdNumberIndex = IdNumberMasked = string.Empty;
    }

    public Person(Household household, string name, string idNumber, Relation relation, NeedFlags needs, IFieldProtector protector)
    {
        if (!ResidentId.IsValid(idNumber))
        {
            throw new ArgumentException("Invalid identity number.", nameof(idNumber));
        }

        Id = Guid.CreateVersion7(household.CreatedAt);
        HouseholdId = household.Id;
        RegionCode = household.RegionCode;
        Name = name;
        Relation = relation;
        Needs = needs;
        Sex = ResidentId.SexOf(idNumber);
        ResidentId.TryBirthDate(idNumber, out var birth);
        BirthYear = birth.Year;
        IdNumberCipher = protector.Protect(idNumber);
        IdNumberIndex = protector.BlindIndex(idNumber);
        IdNumberMasked = ResidentId.Mask(idNumber);
        IdNumberLast4 = idNumber[^4..];
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string RegionCode { get; private set; }

    public string Name { get; private set; }

    public Sex Sex { get; private set; }

    /// <summary>Year of birth only; the full date stays inside the encrypted identity number.</summary>
    public int BirthYear { get; private set; }

    public Relation Relation { get; private set; }

    public NeedFlags Needs { get; private set; }

    public string IdNumberCipher { get; private set; }

    public string IdNumberIndex { get; private set; }

    public string IdNumberMasked { get; private set; }

    /// <summary>The last four characters of the identity number, kept for search by the masked form.</summary>
    public string IdNumberLast4 { get; private set; } = string.Empty;

    /// <summary>Where the person's household registration (户籍) is, 12 digits; may differ from where they live.</summary>
    public string? RegistrationRegion { get; private set; }

    /// <summary>Disability certificate (残疾证): category, level and number, encrypted as one value; null when none is registered.</summary>
    public string? DisabilityCipher { get; private set; }

    /// <summary>For a minor: the person who is their guardian (监护人), if registered.</summary>
    public Guid? GuardianId { get; private set; }

    /// <summary>How the guardian is related to the child (父亲, 母亲, 祖父母, 其他亲属, 村委会…).</summary>
    public string? GuardianRelation { get; private set; }

    public string? PhoneCipher { get; private set; }

    public string? PhoneMasked { get; private set; }

    public void SetPhone(string phone, IFieldProtector protector)
    {
        PhoneCipher = protector.Protect(phone);
        PhoneMasked = MobileNumber.Mask(phone);
    }

    public int AgeIn(int year) => year - BirthYear;

    public bool IsMinorIn(int year) => AgeIn(year) < 18;

    public void SetRegistrationRegion(string? regionCode) => RegistrationRegion = regionCode;

    /// <summary>Records a disability certificate; the details are encrypted because disability data is sensitive (PIPL).</summary>
    public void SetDisability(DisabilityCertificate? certificate, IFieldProtector protector)
    {
        DisabilityCipher = certificate is null ? null : protector.Protect(certificate.Serialize());
        if (certificate is { Level: <= 2 })
        {
            Needs |= NeedFlags.SevereDisability;
        }
    }

    public void SetGuardian(Guid? guardianId, string? relation)
    {
        GuardianId = guardianId;
        GuardianRelation = guardianId is null ? null : relation;
    }

    /// <summary>Moves the person into another household (a merge after a correction).</summary>
    internal void MoveTo(Household household, Relation relation)
    {
        HouseholdId = household.Id;
        RegionCode = household.RegionCode;
        Relation = relation;
    }
}
