namespace Jiuzhu.Kernel;

/// <summary>Platform roles: stable codes used in claims, policies and the API, with their Chinese titles.</summary>
public static class Roles
{
    public const string VillageWorker = "village-worker";             // 村(社区)救助协理员
    public const string TownshipSocialWorker = "township-social-worker"; // 乡镇社工
    public const string CountyOfficer = "county-officer";             // 县民政业务员
    public const string CountyApprover = "county-approver";           // 县民政审批人
    public const string RegionalAdmin = "regional-admin";             // 市/省管理员
    public const string DepartmentLiaison = "department-liaison";     // 部门联络员
    public const string ProviderStaff = "provider-staff";             // 服务机构人员
    public const string Volunteer = "volunteer";                      // 志愿者
    public const string Auditor = "auditor";                          // 审计员
    public const string SystemAdmin = "system-admin";                 // 系统管理员
    public const string SecurityAdmin = "security-admin";             // 安全管理员
    public const string AuditAdmin = "audit-admin";                   // 审计管理员

    /// <summary>Role given to department systems that call the API with a key; never held by a person.</summary>
    public const string DepartmentSystem = "department-system";

    /// <summary>
    /// A resident's own account (居民账号), made by signing up: not staff, no jurisdiction, never granted by an
    /// administrator; it acts only on the applications it submitted itself.
    /// </summary>
    public const string Resident = "resident";

    /// <summary>Every staff role a person can hold, in display order; the roles administrators grant.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        VillageWorker, TownshipSocialWorker, CountyOfficer, CountyApprover, RegionalAdmin, DepartmentLiaison,
        ProviderStaff, Volunteer, Auditor, SystemAdmin, SecurityAdmin, AuditAdmin,
    ];

    /// <summary>Every role an account can hold: the staff roles and <see cref="Resident"/>. The role store holds these.</summary>
    public static IReadOnlyList<string> AccountRoles { get; } = [.. All, Resident];

    /// <summary>The three separated administrators (三员分立): one account may hold at most one of them.</summary>
    public static IReadOnlyList<string> SeparatedAdministrators { get; } = [SystemAdmin, SecurityAdmin, AuditAdmin];

    /// <summary>Roles that must sign in with a second factor.</summary>
    public static IReadOnlyList<string> RequireTwoFactor { get; } = [SystemAdmin, SecurityAdmin, AuditAdmin, RegionalAdmin];

    /// <summary>True for a staff role; <see cref="Resident"/> is not one and cannot be granted.</summary>
    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    public static string ChineseTitle(string role) => role switch
    {
        VillageWorker => "村(社区)救助协理员",
        TownshipSocialWorker => "乡镇社工",
        CountyOfficer => "县民政业务员",
        CountyApprover => "县民政审批人",
        RegionalAdmin => "市/省管理员",
        DepartmentLiaison => "部门联络员",
        ProviderStaff => "服务机构人员",
        Volunteer => "志愿者",
        Auditor => "审计员",
        SystemAdmin => "系统管理员",
        SecurityAdmin => "安全管理员",
        AuditAdmin => "审计管理员",
        DepartmentSystem => "部门系统",
        Resident => "居民",
        _ => role,
    };

    public static string EnglishTitle(string role) => role switch
    {
        VillageWorker => "Village worker",
        TownshipSocialWorker => "Township social worker",
        CountyOfficer => "County officer",
        CountyApprover => "County approver",
        RegionalAdmin => "City/province administrator",
        DepartmentLiaison => "Department liaison",
        ProviderStaff => "Provider staff",
        Volunteer => "Volunteer",
        Auditor => "Auditor",
        SystemAdmin => "System administrator",
        SecurityAdmin => "Security administrator",
        AuditAdmin => "Audit administrator",
        DepartmentSystem => "Department system",
        Resident => "Resident",
        _ => role,
    };

    /// <summary>
    /// The jurisdiction levels a role may be given: a village worker works in one village, a township
    /// social worker in one township, county staff in one county, regional administrators in a city or province.
    /// Roles not listed may hold any level.
    /// </summary>
    public static IReadOnlyList<RegionLevel>? AllowedLevels(string role) => role switch
    {
        VillageWorker => [RegionLevel.Village],
        TownshipSocialWorker => [RegionLevel.Township],
        CountyOfficer or CountyApprover => [RegionLevel.County],
        RegionalAdmin => [RegionLevel.City, RegionLevel.Province],
        _ => null,
    };

    /// <summary>Checks that every role fits the jurisdiction's level.</summary>
    public static Error? CheckJurisdiction(IEnumerable<string> roles, RegionCode jurisdiction)
    {
        foreach (var role in roles)
        {
            if (AllowedLevels(role) is { } levels && !levels.Contains(jurisdiction.Level))
            {
                return Error.Validation(
                    "role.jurisdiction_level",
                    $"角色“{ChineseTitle(role)}”的管辖范围必须是{string.Join("或", levels.Select(LevelName))}，而 {jurisdiction.Prefix} 是{LevelName(jurisdiction.Level)}。");
            }
        }

        return null;
    }

    public static string LevelName(RegionLevel level) => level switch
    {
        RegionLevel.Province => "省级",
        RegionLevel.City => "市级",
        RegionLevel.County => "县级",
        RegionLevel.Township => "乡镇级",
        _ => "村(社区)级",
    };

    /// <summary>
    /// Checks a set of roles against the separation rule. Returns an error when more than one
    /// separated administrator role is present, or an unknown role is named.
    /// </summary>
    public static Error? CheckCombination(IEnumerable<string> roles)
    {
        var list = roles.Distinct(StringComparer.Ordinal).ToList();
        var unknown = list.FirstOrDefault(r => !IsKnown(r));
        if (unknown is not null)
        {
            return Error.Validation("role.unknown", $"未知角色：{unknown}");
        }

        var admins = list.Where(r => SeparatedAdministrators.Contains(r)).ToList();
        if (admins.Count > 1)
        {
            return Error.Validation(
                "role.admin_separation",
                $"系统管理员、安全管理员、审计管理员必须由不同账号担任，不能同时授予：{string.Join("、", admins.Select(ChineseTitle))}");
        }

        return null;
    }
}
