using Jiuzhu.Cases.Domain;
using Jiuzhu.Kernel;

namespace Jiuzhu.Tests.Cases;

public sealed class CaseWorkflowTests
{
    [Fact]
    public void The_main_path_runs_from_submission_to_closure()
    {
        var path = new (CaseAction Action, CaseStatus To)[]
        {
            (CaseAction.Accept, CaseStatus.Accepted), (CaseAction.StartAssessment, CaseStatus.Assessing), (CaseAction.DraftPlan, CaseStatus.PlanDrafted),
            (CaseAction.SubmitForApproval, CaseStatus.PendingApproval), (CaseAction.Approve, CaseStatus.Approved), (CaseAction.StartService, CaseStatus.InService),
            (CaseAction.StartReview, CaseStatus.UnderReview), (CaseAction.Close, CaseStatus.Closed),
        };
        var status = CaseStatus.Submitted;
        foreach (var (action, to) in path)
        {
            var t = CaseWorkflow.Find(action, status);
            Assert.NotNull(t);
            Assert.Equal(to, t.To);
            status = t.To;
        }
    }

    [Fact]
    public void Every_pair_of_action_and_state_outside_the_table_is_illegal()
    {
        var legal = CaseWorkflow.Transitions.SelectMany(t => t.From.Select(f => (t.Action, f))).ToHashSet();
        var illegal = 0;
        foreach (var action in Enum.GetValues<CaseAction>())
        {
            foreach (var status in Enum.GetValues<CaseStatus>())
            {
                var found = CaseWorkflow.Find(action, status);
                Assert.Equal(legal.Contains((action, status)), found is not null);
                illegal += found is null ? 1 : 0;
            }
        }

        Assert.True(illegal > 150);
    }

    [Fact]
    public void Finished_cases_allow_nothing_but_reopening_and_withdrawn_ones_nothing_at_all()
    {
        var everyone = Roles.All.Append(CaseWorkflow.Applicant).ToList();
        Assert.Equal([CaseAction.Reopen], CaseWorkflow.Allowed(CaseStatus.Closed, everyone).Select(t => t.Action));
        Assert.Empty(CaseWorkflow.Allowed(CaseStatus.Withdrawn, everyone));
    }

    [Fact]
    public void Only_the_county_approver_approves_and_a_village_worker_never_does()
    {
        Assert.Equal([Roles.CountyApprover], CaseWorkflow.Find(CaseAction.Approve, CaseStatus.PendingApproval)!.Roles);
        Assert.DoesNotContain(CaseWorkflow.Allowed(CaseStatus.PendingApproval, [Roles.VillageWorker]), t => t.Action == CaseAction.Approve);
    }

    [Fact]
    public void Rejecting_returning_withdrawing_closing_and_reopening_need_a_reason()
    {
        foreach (var action in new[] { CaseAction.Reject, CaseAction.ReturnForCorrection, CaseAction.Withdraw, CaseAction.Close, CaseAction.Reopen, CaseAction.ReturnPlan })
        {
            Assert.All(CaseWorkflow.Transitions.Where(t => t.Action == action), t => Assert.True(t.ReasonRequired, action.ToString()));
        }
    }

    [Fact]
    public void Every_state_and_action_has_a_Chinese_name()
    {
        Assert.All(Enum.GetValues<CaseStatus>(), s => Assert.NotEqual(s.ToString(), CaseWorkflow.StatusName(s)));
        Assert.All(Enum.GetValues<CaseAction>(), a => Assert.NotEqual(a.ToString(), CaseWorkflow.ActionName(a)));
    }

    [Fact]
    public void Every_open_state_has_a_forward_step_and_a_responsible_level()
    {
        foreach (var status in Enum.GetValues<CaseStatus>().Where(CaseWorkflow.IsOpen))
        {
            Assert.True(Jiuzhu.Cases.CaseQueries.ForwardAction.ContainsKey(status), status.ToString());
            Assert.True(Jiuzhu.Cases.CaseQueries.ResponsibleLevel.ContainsKey(status), status.ToString());
            Assert.NotNull(CaseWorkflow.Find(Jiuzhu.Cases.CaseQueries.ForwardAction[status], status));
        }
    }
}
