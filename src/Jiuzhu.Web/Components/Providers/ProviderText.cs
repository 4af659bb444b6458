using Jiuzhu.Kernel;
using Jiuzhu.Providers.Domain;
using MudBlazor;

namespace Jiuzhu.Web.Components.Providers;

/// <summary>Who reaches the provider pages, and the labels and colours they show.</summary>
public static class ProviderText
{
    /// <summary>Every staff role reads the registry (within its view; provider staff: their own organization).</summary>
    public const string PageRoles =
        Roles.VillageWorker + "," + Roles.TownshipSocialWorker + "," + Roles.CountyOfficer + "," + Roles.CountyApprover + "," + Roles.RegionalAdmin + ","
        + Roles.DepartmentLiaison + "," + Roles.ProviderStaff + "," + Roles.Volunteer + "," + Roles.Auditor + "," + Roles.SystemAdmin + ","
        + Roles.SecurityAdmin + "," + Roles.AuditAdmin;

    public static Color StatusColor(QualificationStatus status) => status switch
    {
        QualificationStatus.Valid => Color.Success,
        QualificationStatus.ExpiringSoon => Color.Warning,
        QualificationStatus.Expired => Color.Error,
        _ => Color.Default,
    };

    /// <summary>Every vocabulary name the provider pages translate.</summary>
    public static IEnumerable<string> VocabularyNames() =>
        Enum.GetValues<ProviderKind>().Select(ProviderTerms.KindName)
            .Concat(Enum.GetValues<ServicePointKind>().Select(ProviderTerms.PointKindName))
            .Concat(Enum.GetValues<StaffRole>().Select(ProviderTerms.StaffRoleName))
            .Concat(Enum.GetValues<CapacityPeriod>().Select(ProviderTerms.PeriodName))
            .Concat(Enum.GetValues<QualificationStatus>().Select(ProviderTerms.StatusName));

    public static DateOnly? Date(DateTime? value) => value is { } d ? DateOnly.FromDateTime(d) : null;
}
