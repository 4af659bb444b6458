using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jiuzhu.E2E;

[Collection("platform")]
public sealed class ReferralTests(PlatformProcess platform)
{
    [Fact]
    public async Task A_township_social_worker_refers_rehabilitation_to_health_whose_liaison_accepts_and_closes_it()
    {
        // The township social worker opens a household of the township and refers clinical rehabilitation (卫健's by the list).
        var worker = await platform.SignInAsync("zhen.shegong");
        var list = await worker.Context.APIRequest.GetAsync("/api/v1/households?size=20");
        var households = JsonDocument.Parse(await list.TextAsync()).RootElement.GetProperty("items").EnumerateArray().ToList();
        var household = households[^1].GetProperty("id").GetGuid();
        await worker.GotoAsync($"/households/{household}");
        await Expect(worker.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        var card = worker.GetByTestId("household-referrals");
        await Expect(card).ToBeVisibleAsync();
        await card.GetByTestId("referral-new").ClickAsync();

        // Sending without a reason is refused with a Chinese message, and nothing is sent.
        await card.GetByTestId("referral-key").ClickAsync();
        await worker.GetByRole(AriaRole.Option, new() { Name = "康复治疗（卫健）", Exact = true }).ClickAsync();
        await card.GetByTestId("referral-send").ClickAsync();
        await Expect(worker.GetByText("请说明转介的理由（家庭的需要）。")).ToBeVisibleAsync();
        await Expect(card.GetByTestId("household-referral")).ToHaveCountAsync(0);

        await card.GetByTestId("referral-reason").FillAsync("脑梗后右侧肢体无力，需要康复治疗");
        await card.GetByTestId("referral-send").ClickAsync();
        await Expect(card.GetByTestId("household-referral")).ToContainTextAsync("康复治疗 → 卫健 · 待答复");

        // The health liaison finds it in the inbox, accepts it, and closes it with the outcome.
        var liaison = await platform.SignInAsync("bumen.weijian");
        await liaison.GetByTestId("nav-referrals").ClickAsync();
        await liaison.WaitForURLAsync(new Regex("/referrals$"));
        var row = liaison.GetByTestId("referral-row").Filter(new() { HasText = "脑梗后右侧肢体无力" });
        await Expect(row).ToHaveCountAsync(1);
        await row.GetByTestId("referral-accept").ClickAsync();
        await Expect(liaison.GetByText("已接收").First).ToBeVisibleAsync();

        await liaison.GetByRole(AriaRole.Tab, new() { Name = "已接收" }).ClickAsync();
        row = liaison.GetByTestId("referral-row").Filter(new() { HasText = "脑梗后右侧肢体无力" });
        await row.GetByTestId("referral-complete").ClickAsync();
        await liaison.GetByTestId("referral-text-confirm").ClickAsync();
        await Expect(liaison.GetByText("此项必填。")).ToBeVisibleAsync();
        await liaison.GetByTestId("referral-text").FillAsync("已安排县医院康复科每周两次门诊康复");
        await liaison.GetByTestId("referral-text-confirm").ClickAsync();

        await liaison.GetByRole(AriaRole.Tab, new() { Name = "已办结" }).ClickAsync();
        await Expect(liaison.GetByTestId("referral-row").Filter(new() { HasText = "脑梗后右侧肢体无力" }).GetByTestId("referral-status"))
            .ToContainTextAsync("已安排县医院康复科每周两次门诊康复");

        // Back on the household, the worker sees the outcome.
        await worker.ReloadAsync();
        await Expect(worker.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await Expect(worker.GetByTestId("household-referral")).ToContainTextAsync("已办结");
        await Expect(worker.GetByTestId("household-referrals")).ToContainTextAsync("已安排县医院康复科每周两次门诊康复");
    }
}
