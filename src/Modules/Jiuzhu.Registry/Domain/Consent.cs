using Jiuzhu.Kernel;

namespace Jiuzhu.Registry.Domain;

/// <summary>What personal information may be used for (授权用途).</summary>
public static class ConsentPurposes
{
    public const string Assessment = "assessment";            // 需求评估
    public const string DataSharing = "data-sharing";         // 部门间信息共享
    public const string ServiceMatching = "service-matching"; // 服务对接
    public const string Monitoring = "monitoring";            // 动态监测
    public const string Publicity = "publicity";              // 公示

    public static IReadOnlyList<string> All { get; } = [Assessment, DataSharing, ServiceMatching, Monitoring, Publicity];

    public static string ChineseName(string purpose) => purpose switch
    {
        Assessment => "需求评估",
        DataSharing => "部门间信息共享",
        ServiceMatching => "服务对接",
        Monitoring => "动态监测",
        Publicity => "公示",
        _ => purpose,
    };
}

/// <summary>
/// A consent record (知情同意): what a person (or their guardian) agreed to, when, for which purposes and which
/// departments, who recorded it and on what evidence. Withdrawal keeps the record and stamps it.
/// </summary>
public sealed class Consent : IRegionScoped
{
    private Consent()
    {
        RegionCode = Purposes = Departments = GivenBy = RecordedBy = string.Empty;
    }

    private Consent(Person person, IReadOnlyList<string> purposes, IReadOnlyList<string> departments, DateOnly givenOn, string givenBy, string? evidence, string recordedBy, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        PersonId = person.Id;
        HouseholdId = person.HouseholdId;
        RegionCode = person.RegionCode;
        Purposes = string.Join(',', purposes);
        Departments = string.Join(',', departments);
        GivenOn = givenOn;
        GivenBy = givenBy;
        Evidence = evidence;
        RecordedBy = recordedBy;
        RecordedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid PersonId { get; private set; }

    public Guid HouseholdId { get; private set; }

    public string RegionCode { get; private set; }

    /// <summary>Comma-separated <see cref="ConsentPurposes"/> codes.</summary>
    public string Purposes { get; private set; }

    /// <summary>Comma-separated department codes (Kernel <see cref="Kernel.Departments"/>).</summary>
    public string Departments { get; private set; }

    public DateOnly GivenOn { get; private set; }

    /// <summary>Who consented: 本人, or the guardian's name and relation.</summary>
    public string GivenBy { get; private set; }

    /// <summary>Reference to the signed form or recording, if any.</summary>
    public string? Evidence { get; private set; }

    public string RecordedBy { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public string? WithdrawnBy { get; private set; }

    public bool IsActive => WithdrawnAt is null;

    public IReadOnlyList<string> PurposeList => Purposes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> DepartmentList => Departments.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static Result<Consent> Record(Person person, IReadOnlyList<string> purposes, IReadOnlyList<string> departments, DateOnly givenOn,
        string? givenBy, string? evidence, string recordedBy, DateTimeOffset now)
    {
        if (purposes.Count == 0 || purposes.Any(p => !ConsentPurposes.All.Contains(p)))
        {
            return Error.Validation("consent.purposes", "请选择至少一项授权用途。");
        }

        if (departments.Any(d => !Kernel.Departments.IsKnown(d)))
        {
            return Error.Validation("consent.departments", "授权部门中有未知部门。");
        }

        if (givenOn > ChinaTime.DateOf(now))
        {
            return Error.Validation("consent.future", "授权日期不能晚于今天。");
        }

        var by = string.IsNullOrWhiteSpace(givenBy) ? "本人" : givenBy.Trim();
        if (by.Length > 64 || evidence is { Length: > 200 })
        {
            return Error.Validation("consent.too_long", "授权人不超过 64 字，凭证说明不超过 200 字。");
        }

        return new Consent(person, purposes.Distinct().ToList(), departments.Distinct().ToList(), givenOn, by, evidence?.Trim(), recordedBy, now);
    }

    public void Withdraw(string by, DateTimeOffset now)
    {
        WithdrawnAt ??= now;
        WithdrawnBy ??= by;
    }

    internal void MoveTo(Household household)
    {
        HouseholdId = household.Id;
        RegionCode = household.RegionCode;
    }
}
