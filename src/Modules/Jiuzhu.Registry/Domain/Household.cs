using Jiuzhu.Kernel;

namespace Jiuzhu.Registry.Domain;

/// <summary>Assistance categories (救助类别).</summary>
public enum AssistanceCategory
{
    ExtremelyPoor = 1,       // 特困人员
    MinimumLiving = 2,       // 低保
    MinimumLivingEdge = 3,   // 低保边缘
    RigidExpense = 4,        // 刚性支出困难
    TemporaryHardship = 5,   // 临时遇困
}

/// <summary>Need flags (DOMAIN.md §2); a household carries the union of its members' flags.</summary>
[Flags]
public enum NeedFlags
{
    None = 0,
    ElderlyLivingAlone = 1 << 0,     // 独居老人
    Aged80Plus = 1 << 1,             // 80岁以上
    Dependent = 1 << 2,              // 失能/半失能
    SevereDisability = 1 << 3,       // 重度残疾
    SeriouslyIll = 1 << 4,           // 重病
    ChildInDifficulty = 1 << 5,      // 困境儿童
    LeftBehindChild = 1 << 6,        // 留守儿童
    SingleParent = 1 << 7,           // 单亲家庭
    GrandparentRaised = 1 << 8,      // 隔代抚养
    FamilyCaregiver = 1 << 9,        // 家庭照护者
    WorkingAgeAble = 1 << 10,        // 有劳动能力
    LongTermUnemployed = 1 << 11,    // 长期失业
    YoungDisabled = 1 << 12,         // 青年残疾人
}

/// <summary>A household (户) registered in one village or community.</summary>
public sealed class Household : IRegionScoped
{
    private readonly List<Person> _members = [];
    private readonly List<CategoryPeriod> _categories = [];

    private Household()
    {
        RegionCode = Address = HeadName = string.Empty;
    }

    public Household(RegionCode village, string address, AssistanceCategory? category, DateTimeOffset now)
    {
        if (village.Level != RegionLevel.Village)
        {
            throw new ArgumentException("A household belongs to a village or community (12-digit code).", nameof(village));
        }

        Id = Guid.CreateVersion7(now);
        RegionCode = village.Value;
        Address = address;
        HeadName = string.Empty;
        CreatedAt = UpdatedAt = now;
        ConcurrencyStamp = Guid.NewGuid();
        if (category is { } c)
        {
            Enroll(c, ChinaTime.DateOf(now), now);
        }
    }

    public Guid Id { get; private set; }

    /// <summary>Residence village or community (12 digits).</summary>
    public string RegionCode { get; private set; }

    public string Address { get; private set; }

    /// <summary>Name of the household head, kept for lists.</summary>
    public string HeadName { get; private set; }

    /// <summary>The current assistance category; null while the household applies and has none yet.</summary>
    public AssistanceCategory? Category { get; private set; }

    public NeedFlags Needs { get; private set; }

    public int MemberCount { get; private set; }

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public Guid ConcurrencyStamp { get; private set; }

    /// <summary>Set when this household was merged into another after a correction; it then has no members and stays for history.</summary>
    public Guid? MergedIntoId { get; private set; }

    public IReadOnlyList<Person> Members => _members;

    public IReadOnlyList<CategoryPeriod> Categories => _categories;

    /// <summary>Changes the address; the version check is the caller's (optimistic concurrency).</summary>
    public void Relocate(string address, DateTimeOffset now)
    {
        Address = address;
        Touch(now);
    }

    /// <summary>Starts an assistance category; an open period of another category ends the day before.</summary>
    public CategoryPeriod Enroll(AssistanceCategory category, DateOnly start, DateTimeOffset now)
    {
        foreach (var open in _categories.Where(c => c.End is null && c.Category != category))
        {
            open.Close(start.AddDays(-1));
        }

        var period = _categories.FirstOrDefault(c => c.End is null && c.Category == category)
            ?? new CategoryPeriod(this, category, start);
        if (!_categories.Contains(period))
        {
            _categories.Add(period);
        }

        Category = category;
        Touch(now);
        return period;
    }

    /// <summary>Ends the current category (e.g. after a review finds the household no longer eligible).</summary>
    public void EndCategory(DateOnly end, DateTimeOffset now)
    {
        foreach (var open in _categories.Where(c => c.End is null))
        {
            open.Close(end);
        }

        Category = null;
        Touch(now);
    }

    /// <summary>Takes over every member of <paramref name="other"/>; the other household is marked merged and keeps its history.</summary>
    public void Absorb(Household other, DateTimeOffset now)
    {
        if (other.Id == Id || other.MergedIntoId is not null || MergedIntoId is not null)
        {
            throw new InvalidOperationException("Cannot merge these households.");
        }

        foreach (var member in other._members.ToList())
        {
            member.MoveTo(this, member.Relation == Relation.Head ? Relation.Other : member.Relation);
            _members.Add(member);
            Needs |= member.Needs;
        }

        other._members.Clear();
        other.MemberCount = 0;
        other.MergedIntoId = Id;
        other.Touch(now);
        MemberCount = _members.Count;
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        ConcurrencyStamp = Guid.NewGuid();
    }

    public void PlaceAt(double latitude, double longitude)
    {
        Latitude = latitude;
        Longitude = longitude;
    }

    public void AddMember(Person person)
    {
        if (person.HouseholdId != Id)
        {
            throw new InvalidOperationException("Person belongs to another household.");
        }

        _members.Add(person);
        MemberCount = _members.Count;
        Needs |= person.Needs;
        if (person.Relation == Relation.Head)
        {
            HeadName = person.Name;
        }
    }
}

/// <summary>A period in an assistance category (救助类别及起止日期).</summary>
public sealed class CategoryPeriod : IRegionScoped
{
    private CategoryPeriod()
    {
        RegionCode = string.Empty;
    }

    internal CategoryPeriod(Household household, AssistanceCategory category, DateOnly start)
    {
        Id = Guid.CreateVersion7();
        HouseholdId = household.Id;
        RegionCode = household.RegionCode;
        Category = category;
        Start = start;
    }

    public Guid Id { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string RegionCode { get; private set; }

    public AssistanceCategory Category { get; private set; }

    public DateOnly Start { get; private set; }

    /// <summary>Last day in the category; null while it lasts.</summary>
    public DateOnly? End { get; private set; }

    internal void Close(DateOnly end) => End = end < Start ? Start : end;
}
