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

    public string? PhoneCipher { get; private set; }

    public string? PhoneMasked { get; private set; }

    public void SetPhone(string phone, IFieldProtector protector)
    {
        PhoneCipher = protector.Protect(phone);
        PhoneMasked = MobileNumber.Mask(phone);
    }

    public int AgeIn(int year) => year - BirthYear;
}
