using Jiuzhu.Kernel;

namespace Jiuzhu.Web;

/// <summary>Which roles see which parts of the navigation; the same lists guard the pages and the API.</summary>
public static class Nav
{
    public static readonly string RegistryReaders = string.Join(',',
        Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover, Roles.RegionalAdmin, Roles.Auditor);

    /// <summary>Roles with follow-up task inboxes (warning responses, monitoring visits, reassessments).</summary>
    public static readonly string TaskWorkers = string.Join(',', Roles.VillageWorker, Roles.TownshipSocialWorker, Roles.CountyOfficer, Roles.CountyApprover);

    /// <summary>Roles that see referrals: civil-affairs staff who send them, auditors, and the departments' liaisons who answer them.</summary>
    public static readonly string ReferralReaders = string.Join(',', Jiuzhu.Catalog.Referrals.ReferralService.Readers.Where(r => r != Roles.DepartmentSystem));

    public static readonly string AuditReaders = string.Join(',', Roles.Auditor, Roles.AuditAdmin);

    public static readonly string UserAdmins = string.Join(',', Roles.SystemAdmin, Roles.SecurityAdmin);

    /// <summary>Every staff role: the workbench and the map are for staff, not residents.</summary>
    public static readonly string Staff = string.Join(',', Roles.All);
}
