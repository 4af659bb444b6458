using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jiuzhu.E2E;

[Collection("platform")]
public sealed class VillageWorkerTests(PlatformProcess platform)
{
    private const string DemoPassword = "Jiuzhu@2026";

    private static async Task LoginAsync(IPage page, string user)
    {
        await page.GotoAsync("/account/login");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登录" })).ToBeVisibleAsync();
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(DemoPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(new Regex("/$"));
        await Expect(page.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
    }

    [Fact]
    public async Task The_demo_village_worker_logs_in_sees_their_village_households_and_is_refused_another_village()
    {
        // Which village is whose, as the county officer's API shows it.
        var page = await platform.NewPageAsync();
        await LoginAsync(page, "cun.xiezhu");
        var me = JsonDocument.Parse(await (await page.Context.APIRequest.GetAsync("/api/v1/me")).TextAsync());
        var village = me.RootElement.GetProperty("jurisdiction").GetString()!;

        var officer = await platform.NewPageAsync();
        await LoginAsync(officer, "xian.yewu");
        var inVillage = JsonDocument.Parse(await (await officer.Context.APIRequest.GetAsync($"/api/v1/households?region={village}&size=200")).TextAsync());
        var mine = inVillage.RootElement.GetProperty("items").EnumerateArray().ToList();
        var county = JsonDocument.Parse(await (await officer.Context.APIRequest.GetAsync("/api/v1/households?size=50")).TextAsync());
        var other = county.RootElement.GetProperty("items").EnumerateArray().First(i => i.GetProperty("regionCode").GetString() != village);
        Assert.True(mine.Count > 0, $"village {village}: {inVillage.RootElement}");

        await Expect(page.GetByTestId("count-households")).Not.ToHaveTextAsync("0");
        await page.GetByTestId("nav-households").ClickAsync();
        await page.WaitForURLAsync(new Regex("/households$"));
        var rows = page.Locator(".mud-table-body tr");
        await Expect(rows.First).ToBeVisibleAsync();
        var villageName = mine[0].GetProperty("villageName").GetString()!;
        await Expect(rows).ToHaveCountAsync(Math.Min(mine.Count, 20));
        var texts = await rows.AllInnerTextsAsync();
        Assert.All(texts, t => Assert.Contains(villageName, t));

        // Open one of their own households: members are listed with masked identity numbers.
        await page.GetByTestId("household-link").First.ClickAsync();
        await Expect(page.GetByTestId("household-head")).ToBeVisibleAsync();
        var masked = await page.GetByTestId("id-number").First.InnerTextAsync();
        Assert.Matches("^[0-9]{6}\\*{8}[0-9]{3}[0-9X]$", masked);

        // A household of another village, opened by URL, is refused.
        await page.GotoAsync($"/households/{other.GetProperty("id").GetString()}");
        await Expect(page.GetByTestId("household-not-found")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("household-head")).ToHaveCountAsync(0);

        await page.Context.CloseAsync();
        await officer.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_a_Chinese_message()
    {
        var page = await platform.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("zhiyuanzhe");
        await page.GetByLabel("密码").FillAsync("not-the-password-1");
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("用户名或密码错误。");
        await page.Context.CloseAsync();
    }
}
