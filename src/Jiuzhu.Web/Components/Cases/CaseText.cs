using Jiuzhu.Cases;
using Jiuzhu.Cases.Domain;
using MudBlazor;

namespace Jiuzhu.Web.Components.Cases;

/// <summary>Chinese labels and colours of case values, used as localization keys.</summary>
public static class CaseText
{
    public static string Status(CaseStatus s) => CaseWorkflow.StatusName(s);

    public static string Action(CaseAction a) => CaseWorkflow.ActionName(a);

    public static string Type(string t) => CaseTypes.ChineseName(t);

    public static string Channel(CaseChannel c) => CaseService.ChannelName(c);

    public static Color StatusColor(CaseStatus s) => s switch
    {
        CaseStatus.Submitted or CaseStatus.ReturnedForCorrection or CaseStatus.Reopened => Color.Warning,
        CaseStatus.Approved or CaseStatus.InService or CaseStatus.UnderReview => Color.Success,
        CaseStatus.Rejected => Color.Error,
        CaseStatus.Closed or CaseStatus.Withdrawn => Color.Default,
        _ => Color.Info,
    };
}
