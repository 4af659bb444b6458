namespace Jiuzhu.Providers.Domain;

/// <summary>What kind of organization a provider is.</summary>
public enum ProviderKind
{
    SocialOrganization = 1, // 社会组织
    Enterprise = 2,         // 企业
    PublicInstitution = 3,  // 事业单位
}

/// <summary>The kinds of service point (服务网点) a provider runs.</summary>
public enum ServicePointKind
{
    AssistanceStation = 1, // 救助服务驿站
    SocialWorkStation = 2, // 社工站
    Canteen = 3,           // 幸福食堂
    HelpPoint = 4,         // 暖心帮扶点
}

/// <summary>What a staff member does.</summary>
public enum StaffRole
{
    SocialWorker = 1, // 社工
    Caregiver = 2,    // 护理员
    Nurse = 3,        // 护士
    Cook = 4,         // 厨师
    Manager = 5,      // 负责人
    Other = 9,        // 其他
}

/// <summary>The period a capacity counts over.</summary>
public enum CapacityPeriod
{
    Day = 1,
    Week = 2,
    Month = 3,
}

/// <summary>A qualification's standing on a date (资质状态).</summary>
public enum QualificationStatus
{
    None = 0,          // 无资质
    Valid = 1,         // 有效
    ExpiringSoon = 2,  // 即将到期 (within 30 days)
    Expired = 3,       // 已过期
    NotYetValid = 4,   // 尚未生效
}

/// <summary>Chinese names of the provider vocabulary, shared by the API messages, the audit trail and the pages.</summary>
public static class ProviderTerms
{
    /// <summary>Days before expiry from which a qualification shows as 即将到期.</summary>
    public const int ExpiryWarningDays = 30;

    public static string KindName(ProviderKind kind) => kind switch
    {
        ProviderKind.SocialOrganization => "社会组织",
        ProviderKind.Enterprise => "企业",
        _ => "事业单位",
    };

    public static string PointKindName(ServicePointKind kind) => kind switch
    {
        ServicePointKind.AssistanceStation => "救助服务驿站",
        ServicePointKind.SocialWorkStation => "社工站",
        ServicePointKind.Canteen => "幸福食堂",
        _ => "暖心帮扶点",
    };

    public static string StaffRoleName(StaffRole role) => role switch
    {
        StaffRole.SocialWorker => "社工",
        StaffRole.Caregiver => "护理员",
        StaffRole.Nurse => "护士",
        StaffRole.Cook => "厨师",
        StaffRole.Manager => "负责人",
        _ => "其他",
    };

    public static string PeriodName(CapacityPeriod period) => period switch
    {
        CapacityPeriod.Day => "每日",
        CapacityPeriod.Week => "每周",
        _ => "每月",
    };

    public static string StatusName(QualificationStatus status) => status switch
    {
        QualificationStatus.Valid => "有效",
        QualificationStatus.ExpiringSoon => "即将到期",
        QualificationStatus.Expired => "已过期",
        QualificationStatus.NotYetValid => "尚未生效",
        _ => "无资质",
    };
}
