using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jiuzhu.E2E;

[Collection("platform")]
public sealed class IntakeTests(PlatformProcess platform)
{
    [Fact]
    public async Task A_village_worker_takes_a_walk_in_application_in_Chinese_and_accepts_it()
    {
        var page = await platform.SignInAsync("cun.xiezhu");

        await page.GotoAsync("/cases/new");
        await Expect(page.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        // The form is ready once the region picker has loaded the worker's own village.
        await Expect(page.GetByTestId("region-picker-village")).Not.ToHaveValueAsync(string.Empty);

        // A spreadsheet-mangled number is refused inline, with the reason in Chinese.
        var id = page.GetByTestId("intake-id");
        await id.ClickAsync();
        await id.PressSequentiallyAsync("3.71121E+17", new() { Delay = 20 });
        await id.PressAsync("Tab");
        await Expect(page.GetByText("科学计数法")).ToBeVisibleAsync();

        await id.ClearAsync();
        await id.PressSequentiallyAsync(" 37112119580214401x ", new() { Delay = 20 });
        await id.PressAsync("Tab");
        await Expect(page.GetByText("出生日期 1958-02-14")).ToBeVisibleAsync();
        await page.GetByTestId("intake-name").FillAsync("孙玉梅");
        await page.GetByTestId("intake-address").FillAsync("村东 12 号");
        await page.GetByTestId("intake-need").FillAsync("老伴去世后独居，腿脚不便，希望有人上门帮助做饭和打扫。");
        await page.GetByTestId("intake-submit").ClickAsync();

        await page.WaitForURLAsync(new Regex("/cases/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("case-status")).ToHaveTextAsync("已提交");
        await Expect(page.GetByTestId("case-need")).ToContainTextAsync("独居");

        await page.GetByTestId("action-Accept").ClickAsync();
        await page.GetByTestId("action-confirm").ClickAsync();
        await Expect(page.GetByTestId("case-status")).ToHaveTextAsync("已受理");
        await Expect(page.GetByTestId("case-timeline")).ToContainTextAsync("受理");
        await page.Context.CloseAsync();
    }
}
