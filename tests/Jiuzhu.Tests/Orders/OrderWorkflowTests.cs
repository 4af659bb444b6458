using Jiuzhu.Catalog.Domain;
using Jiuzhu.Kernel;
using Jiuzhu.Orders.Domain;

namespace Jiuzhu.Tests.Orders;

public sealed class OrderWorkflowTests
{
    [Fact]
    public void The_happy_path_runs_from_dispatch_to_rating_each_step_by_its_own_party()
    {
        var path = new (OrderStatus From, OrderAction Action, string Role)[]
        {
            (OrderStatus.Dispatched, OrderAction.Accept, Roles.ProviderStaff),
            (OrderStatus.Accepted, OrderAction.Start, Roles.ProviderStaff),
            (OrderStatus.Started, OrderAction.Complete, Roles.ProviderStaff),
            (OrderStatus.Completed, OrderAction.Verify, Roles.VillageWorker),
            (OrderStatus.Verified, OrderAction.Rate, OrderWorkflow.Beneficiary),
        };
        foreach (var (from, action, role) in path)
        {
            Assert.Null(OrderWorkflow.Check(from, action, [role], null));
        }

        Assert.Equal(OrderStatus.Rated, OrderWorkflow.Find(OrderAction.Rate)!.To);
    }

    [Fact]
    public void Every_move_from_a_state_not_in_its_table_is_refused()
    {
        foreach (var move in OrderWorkflow.Transitions)
        {
            foreach (var status in Enum.GetValues<OrderStatus>().Where(s => !move.From.Contains(s)))
            {
                Assert.Equal("order.illegal_transition", OrderWorkflow.Check(status, move.Action, move.Roles, "原因")?.Code);
            }
        }
    }

    [Fact]
    public void Final_states_allow_nothing_but_a_complaint_after_rating()
    {
        foreach (var status in OrderWorkflow.Final.Where(s => s != OrderStatus.Rated))
        {
            Assert.DoesNotContain(OrderWorkflow.Transitions, t => t.From.Contains(status));
        }

        Assert.Equal([OrderAction.Complain], OrderWorkflow.Transitions.Where(t => t.From.Contains(OrderStatus.Rated)).Select(t => t.Action));
    }

    [Fact]
    public void Wrong_parties_and_missing_reasons_are_refused()
    {
        Assert.Equal("order.forbidden", OrderWorkflow.Check(OrderStatus.Dispatched, OrderAction.Accept, [Roles.VillageWorker], null)?.Code);
        Assert.Equal("order.forbidden", OrderWorkflow.Check(OrderStatus.Completed, OrderAction.Verify, [Roles.ProviderStaff], null)?.Code);
        Assert.Equal("order.reason_required", OrderWorkflow.Check(OrderStatus.Dispatched, OrderAction.Decline, [Roles.ProviderStaff], " ")?.Code);
        Assert.Equal("order.reason_required", OrderWorkflow.Check(OrderStatus.Accepted, OrderAction.Cancel, [Roles.CountyOfficer], null)?.Code);
        Assert.Equal("order.text_too_long", OrderWorkflow.Check(OrderStatus.Accepted, OrderAction.Cancel, [Roles.CountyOfficer], new string('长', 501))?.Code);
        Assert.Null(OrderWorkflow.Check(OrderStatus.Dispatched, OrderAction.Decline, [Roles.ProviderStaff], "本周人手不足"));
    }

    [Fact]
    public void Capacity_is_released_exactly_by_the_moves_that_end_an_order_before_its_service()
    {
        // Every move into declined, cancelled or no-show releases; no other move does (a complaint keeps the delivered unit).
        var ending = OrderWorkflow.Transitions.Where(t => t.To is OrderStatus.Declined or OrderStatus.Cancelled or OrderStatus.NoShow).Select(t => t.Action);
        Assert.Equal(ending.Order(), OrderWorkflow.ReleasingCapacity.Order());
        Assert.Equal(new DateOnly(2026, 11, 23), RecurringSchedule.WeekStart(new DateOnly(2026, 11, 29)));
        Assert.Equal(new DateOnly(2026, 11, 30), RecurringSchedule.WeekStart(new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void Recurring_windows_follow_the_frequency_and_are_clipped_to_the_plan()
    {
        var start = new DateOnly(2026, 11, 4); // a Wednesday
        var end = new DateOnly(2027, 11, 3);
        var daily = RecurringSchedule.Windows(ServiceFrequency.Daily, start, end, new(2026, 11, 1), new(2026, 11, 7));
        Assert.Equal(4, daily.Count);
        Assert.All(daily, w => Assert.Equal(w.Start, w.End));

        var weekly = RecurringSchedule.Windows(ServiceFrequency.Weekly, start, end, new(2026, 11, 1), new(2026, 11, 20));
        Assert.Equal([new ServiceWindow(new(2026, 11, 4), new(2026, 11, 8)), new(new(2026, 11, 9), new(2026, 11, 15)), new(new(2026, 11, 16), new(2026, 11, 22))], weekly);

        var biweekly = RecurringSchedule.Windows(ServiceFrequency.Biweekly, start, end, new(2026, 11, 20), new(2026, 12, 5));
        Assert.Equal([new ServiceWindow(new(2026, 11, 18), new(2026, 12, 1)), new(new(2026, 12, 2), new(2026, 12, 15))], biweekly);

        var monthly = RecurringSchedule.Windows(ServiceFrequency.Monthly, start, new(2027, 1, 10), new(2026, 11, 1), new(2027, 3, 1));
        Assert.Equal([new ServiceWindow(new(2026, 11, 4), new(2026, 11, 30)), new(new(2026, 12, 1), new(2026, 12, 31)), new(new(2027, 1, 1), new(2027, 1, 10))], monthly);

        Assert.Empty(RecurringSchedule.Windows(ServiceFrequency.OnDemand, start, end, start, end));
        Assert.Empty(RecurringSchedule.Windows(ServiceFrequency.Daily, start, end, new(2025, 1, 1), new(2025, 2, 1)));
    }

    [Theory]
    [InlineData(4, 4, false)]
    [InlineData(5, 1, false)]
    [InlineData(10, 3, false)]
    [InlineData(10, 4, true)]
    [InlineData(5, 2, true)]
    public void Providers_declining_too_often_are_flagged(int answered, int declined, bool flagged) =>
        Assert.Equal(flagged, DeclineFlag.IsFlagged(answered, declined));
}
