using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Jiuzhu.E2E.PlanTests;
using static Microsoft.Playwright.Assertions;

namespace Jiuzhu.E2E;

[Collection("platform")]
public sealed class OrderTests(PlatformProcess platform)
{
    [Fact]
    public async Task A_meal_is_dispatched_accepted_delivered_verified_and_rated_by_the_beneficiary()
    {
        // An approved plan with meal help (助餐): the township social worker adds it, the county approver approves.
        // A household of the first village, whose village worker verifies the service at the end.
        var village = await platform.SignInAsync("cun.xiezhu");
        var villageHouseholds = (await Json(await village.Context.APIRequest.GetAsync("/api/v1/households?size=100"))).GetProperty("items").EnumerateArray()
            .Select(h => h.GetProperty("id").GetGuid()).ToHashSet();
        var social = await platform.SignInAsync("zhen.shegong");
        var api = social.Context.APIRequest;
        var caseId = await AssessedCaseAsync(social, villageHouseholds);
        var plan = await Json(await api.PostAsync("/api/v1/plans", new() { DataObject = new { caseId } }));
        var planId = plan.GetProperty("id").GetGuid();
        if (plan.GetProperty("items").EnumerateArray().All(i => i.GetProperty("itemCode").GetString() != "LIFE-01"))
        {
            plan = await Json(await api.PostAsync($"/api/v1/plans/{planId}/changes", new()
            {
                DataObject = new { kind = "Add", itemCode = "LIFE-01", reason = "监护人外出务工，孩子午餐无人照料", stamp = plan.GetProperty("stamp").GetGuid() },
            }));
        }

        plan = await Json(await api.PostAsync($"/api/v1/plans/{planId}/submit", new() { DataObject = new { stamp = plan.GetProperty("stamp").GetGuid() } }));
        var approver = await platform.SignInAsync("xian.shenpi");
        await Json(await approver.Context.APIRequest.PostAsync($"/api/v1/plans/{planId}/approve", new() { DataObject = new { stamp = plan.GetProperty("stamp").GetGuid() } }));
        await approver.Context.CloseAsync();

        // Dispatch from the plan page: the best options with their reasons, then 派单.
        await social.GotoAsync($"/plans/{planId}");
        await Expect(social.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await social.GetByTestId("need-options-LIFE-01").ClickAsync();
        await Expect(social.GetByTestId("need-options")).ToContainTextAsync("幸福食堂");
        await Expect(social.GetByTestId("need-options")).ToContainTextAsync("资质有效");
        await social.GetByTestId("need-dispatch").First.ClickAsync();
        await Expect(social.GetByTestId("need-matched-LIFE-01")).ToContainTextAsync("已派给");
        var householdId = plan.GetProperty("householdId").GetGuid();
        var orders = (await Json(await api.GetAsync($"/api/v1/orders?householdId={householdId}&status=Dispatched"))).GetProperty("items").EnumerateArray().ToList();
        var order = orders.First(o => o.GetProperty("itemCode").GetString() == "LIFE-01");
        var orderId = order.GetProperty("id").GetGuid();
        var code = (await Json(await api.GetAsync($"/api/v1/orders/{orderId}"))).GetProperty("ratingCode").GetString()!;
        var provider = await Json(await api.GetAsync($"/api/v1/providers/{order.GetProperty("providerId").GetGuid()}"));
        var point = provider.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == order.GetProperty("servicePointId").GetGuid());

        // The board shows the order.
        await social.GetByTestId("nav-dispatch").ClickAsync();
        await social.WaitForURLAsync(new Regex("/dispatch$"));
        await Expect(social.GetByTestId("dispatch-orders")).ToContainTextAsync(order.GetProperty("number").GetString()!);
        await social.Context.CloseAsync();

        // The canteen's staff, on a phone: accept, check in at the canteen, complete.
        var staff = await platform.SignInAsync("jigou.yuangong");
        await staff.SetViewportSizeAsync(390, 844);
        await staff.Context.GrantPermissionsAsync(["geolocation"]);
        await staff.Context.SetGeolocationAsync(new() { Latitude = (float)point.GetProperty("latitude").GetDouble(), Longitude = (float)point.GetProperty("longitude").GetDouble() });
        await staff.GotoAsync($"/orders/{orderId}");
        await Expect(staff.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await Expect(staff.GetByTestId("order-code")).ToHaveCountAsync(0);
        await staff.GetByTestId("order-do-accept").ClickAsync();
        await Expect(staff.GetByTestId("order-status")).ToHaveTextAsync("已接单");
        await staff.GetByTestId("order-do-start").ClickAsync();
        await Expect(staff.GetByTestId("order-status")).ToHaveTextAsync("服务中");
        await staff.GetByTestId("order-do-complete").ClickAsync();
        await Expect(staff.Locator(".mud-snackbar", new() { HasText = "请填写服务时长" })).ToBeVisibleAsync();
        await staff.GetByTestId("order-minutes").FillAsync("40");
        await staff.GetByTestId("order-minutes").PressAsync("Tab");
        await staff.GetByTestId("order-do-complete").ClickAsync();
        await Expect(staff.GetByTestId("order-status")).ToHaveTextAsync("已完成");
        await Expect(staff.GetByTestId("order-timeline")).ToContainTextAsync("签到位置距服务网点");
        await staff.Context.CloseAsync();

        // The village worker verifies.
        await village.GotoAsync($"/orders/{orderId}");
        await Expect(village.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await village.GetByTestId("order-do-verify").ClickAsync();
        await Expect(village.GetByTestId("order-status")).ToHaveTextAsync("已核验");

        // The beneficiary rates with the order number and the rating code from the service slip, without an account; a wrong code is refused.
        var beneficiary = await platform.NewPageAsync();
        await beneficiary.GotoAsync("/rate");
        await Expect(beneficiary.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await beneficiary.GetByTestId("rate-number").FillAsync(order.GetProperty("number").GetString()!);
        await beneficiary.GetByTestId("rate-code").FillAsync(code == "000000" ? "111111" : "000000");
        await beneficiary.GetByTestId("rate-stars").Locator(".mud-rating-item").Nth(4).ClickAsync();
        await beneficiary.GetByTestId("rate-submit").ClickAsync();
        await Expect(beneficiary.GetByTestId("rate-error")).ToContainTextAsync("评价码不正确");
        await beneficiary.GetByTestId("rate-code").FillAsync(code);
        await beneficiary.GetByTestId("rate-comment").FillAsync("饭菜热乎，谢谢");
        await beneficiary.GetByTestId("rate-comment").PressAsync("Tab");
        await beneficiary.GetByTestId("rate-submit").ClickAsync();
        await Expect(beneficiary.GetByTestId("rate-done")).ToContainTextAsync("谢谢您的评价");
        // The village worker (still signed in) sees the rating.
        var rated = await Json(await village.Context.APIRequest.GetAsync($"/api/v1/orders/{orderId}"));
        Assert.Equal(("Rated", 5), (rated.GetProperty("status").GetString(), rated.GetProperty("rating").GetInt32()));
        await village.Context.CloseAsync();
        await beneficiary.Context.CloseAsync();
    }
}
