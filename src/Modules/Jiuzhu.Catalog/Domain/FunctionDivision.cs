using Jiuzhu.Kernel;

namespace Jiuzhu.Catalog.Domain;

/// <summary>
/// One row of a region's function-division list (职能划分清单): a kind of service and the department that owns it. A
/// region uses, per kind, the row of the longest prefix of its code; the national rows come from the catalog file.
/// </summary>
public sealed class FunctionDivisionEntry
{
    private FunctionDivisionEntry()
    {
        Scope = Code = Name = OwnerDepartment = Why = UpdatedBy = string.Empty;
    }

    public FunctionDivisionEntry(string scope, string code, string name, string ownerDepartment, string why, string by, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Scope = scope;
        Code = code;
        Name = name;
        OwnerDepartment = ownerDepartment;
        Why = why;
        UpdatedBy = by;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    /// <summary>A region prefix; "" for the national list.</summary>
    public string Scope { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    /// <summary>A <see cref="Departments"/> code.</summary>
    public string OwnerDepartment { get; private set; }

    public string Why { get; private set; }

    public string UpdatedBy { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public void Update(string name, string ownerDepartment, string why, string by, DateTimeOffset now)
    {
        Name = name;
        OwnerDepartment = ownerDepartment;
        Why = why;
        UpdatedBy = by;
        UpdatedAt = now;
    }
}

/// <summary>A row of the list as a region sees it.</summary>
public sealed record DivisionRow(string Code, string Name, string OwnerDepartment, string DepartmentName, string Why, string Scope);

/// <summary>Who owns a need or an item in a region, and by which rule.</summary>
public sealed record OwnerLookup(string Key, string Name, string OwnerDepartment, string DepartmentName, string Source, string Why);

/// <summary>The function-division list of a region and the owner lookup used for referrals.</summary>
public static class FunctionDivision
{
    public const string FromDivision = "function_division";

    public const string FromCatalog = "catalog_item";

    /// <summary>The list of a region (its 12-digit code, or "" for the national list alone).</summary>
    public static IReadOnlyList<DivisionRow> Resolve(string regionCode, IEnumerable<FunctionDivisionEntry> entries) =>
        [.. entries
            .Where(e => regionCode.StartsWith(e.Scope, StringComparison.Ordinal))
            .GroupBy(e => e.Code)
            .Select(g => g.MaxBy(e => e.Scope.Length)!)
            .OrderBy(e => e.Code, StringComparer.Ordinal)
            .Select(e => new DivisionRow(e.Code, e.Name, e.OwnerDepartment, Departments.Name(e.OwnerDepartment), e.Why, e.Scope))];

    /// <summary>
    /// The owner of <paramref name="key"/>: a kind of service of the list, else an item of the region's catalog (owned by
    /// its owner department); null when neither knows it.
    /// </summary>
    public static OwnerLookup? OwnerOf(string key, IReadOnlyList<DivisionRow> division, IReadOnlyList<EffectiveItem> catalog)
    {
        if (division.FirstOrDefault(d => d.Code == key) is { } row)
        {
            return new OwnerLookup(key, row.Name, row.OwnerDepartment, row.DepartmentName, FromDivision, row.Why);
        }

        if (catalog.FirstOrDefault(i => i.Code == key && !i.SwitchedOff) is { } item)
        {
            return new OwnerLookup(key, item.Name, item.OwnerDepartment, Departments.Name(item.OwnerDepartment), FromCatalog,
                $"服务目录中 {item.Code} {item.Name} 的主管部门");
        }

        return null;
    }
}
