using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jiuzhu.E2E;

[Collection("platform")]
public sealed class CatalogTests(PlatformProcess platform)
{
    [Fact]
    public async Task The_county_officer_browses_the_catalog_and_adjusts_a_price_within_the_provinces_range()
    {
        var page = await platform.SignInAsync("xian.yewu");

        // From the menu: the county's effective catalog, with the three tiers the demo seed wrote.
        await page.GetByTestId("nav-catalog").ClickAsync();
        await page.WaitForURLAsync(new Regex("/catalog$"));
        await Expect(page.GetByTestId("catalog-summary")).ToContainTextAsync("371121");
        await Expect(page.GetByTestId("catalog-summary")).ToContainTextAsync("您可以维护社区补充目录（371121）");
        await Expect(page.GetByTestId("tier-badge-LIFE-02")).ToHaveTextAsync("国家基本");
        await Expect(page.GetByTestId("tier-badge-C371121-01")).ToHaveTextAsync("社区补充");
        await Expect(page.GetByTestId("adjusted-badge-LIFE-01-provincial")).ToHaveTextAsync("地方拓展调整");
        await Expect(page.GetByTestId("adjusted-badge-LIFE-01-county")).ToHaveTextAsync("社区补充调整");
        await Expect(page.GetByTestId("catalog-item-LIFE-06")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("adjusted-badge-LIFE-02-provincial")).ToHaveTextAsync("地方拓展调整");
        await Expect(page.GetByTestId("adjusted-badge-LIFE-02-county")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("price-LIFE-02")).ToHaveTextAsync("40 元/小时");

        // Filters: the development layer has no daily-living items.
        await page.GetByTestId("catalog-layer").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "发展支持", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("tier-badge-PSY-01")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("tier-badge-LIFE-02")).ToHaveCountAsync(0);
        await page.GetByTestId("catalog-layer").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "基础服务", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("tier-badge-LIFE-02")).ToBeVisibleAsync();

        // Above the province's range (30–60 元) nothing is saved and the message says why; within it the price changes.
        await page.GetByTestId("adjust-LIFE-02").ClickAsync();
        await Expect(page.GetByTestId("item-dialog-tier")).ToContainTextAsync("单价 30–60 元");
        await Fill(page.GetByTestId("item-price"), "80");
        await page.GetByTestId("item-save").ClickAsync();
        await Expect(page.GetByTestId("item-error")).ToContainTextAsync("单价 80 元超出上级设定的范围");
        await Fill(page.GetByTestId("item-price"), "45");
        await Fill(page.GetByTestId("item-reason"), "县级助洁服务成本");
        await page.GetByTestId("item-save").ClickAsync();
        await Expect(page.GetByTestId("item-save")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("price-LIFE-02")).ToHaveTextAsync("45 元/小时");
        await Expect(page.GetByTestId("adjusted-badge-LIFE-02-county")).ToHaveTextAsync("社区补充调整");
        await Expect(page.GetByTestId("tier-badge-LIFE-02")).ToHaveTextAsync("国家基本");

        // It stays after a reload, and the other county still sees the national price.
        await page.ReloadAsync();
        await Expect(page.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await Expect(page.GetByTestId("price-LIFE-02")).ToHaveTextAsync("45 元/小时");
        var other = await (await page.Context.APIRequest.GetAsync("/api/v1/catalog/items?region=371122&q=LIFE-02")).TextAsync();
        Assert.Contains("\"unitPrice\":40", other, StringComparison.Ordinal);

        // The packages propose plan items against the county's catalog; the function-division list names the owners.
        await page.GetByTestId("nav-packages").ClickAsync();
        await page.WaitForURLAsync(new Regex("/catalog/packages$"));
        await page.GetByTestId("package-try-PKG-ELDER").ClickAsync();
        await page.GetByTestId("package-expand").ClickAsync();
        await Expect(page.GetByTestId("package-expansion")).ToContainTextAsync("LIFE-01 助餐");
        await Expect(page.GetByTestId("package-expansion")).ToContainTextAsync("老年人服务包·基础目录");
        await page.GetByTestId("nav-function-division").ClickAsync();
        await page.WaitForURLAsync(new Regex("/catalog/function-division$"));
        await Expect(page.GetByTestId("division-owner-LTC_NURSING")).ToHaveTextAsync("医保");
        await Fill(page.GetByTestId("division-key"), "HEALTH-01");
        await page.GetByTestId("division-lookup").ClickAsync();
        await Expect(page.GetByTestId("division-owner")).ToContainTextAsync("由卫健负责");

        // The county keeps its own rows: a new kind of service, with its basis; removing the row takes it off the county's list.
        await page.GetByTestId("division-add").ClickAsync();
        await Fill(page.GetByTestId("division-form-code"), "FARM_HELP");
        await Fill(page.GetByTestId("division-form-name"), "农忙帮扶");
        await page.GetByTestId("division-form-save").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("请写明依据");
        await Expect(page.GetByTestId("division-owner-FARM_HELP")).ToHaveCountAsync(0);
        await Fill(page.GetByTestId("division-form-why"), "县乡村振兴工作会议纪要");
        await page.GetByTestId("division-form-save").ClickAsync();
        await Expect(page.GetByTestId("division-owner-FARM_HELP")).ToHaveTextAsync("民政");
        await Expect(page.GetByTestId("division-scope-FARM_HELP")).ToHaveTextAsync("371121");
        await Expect(page.GetByTestId("division-remove-LTC_NURSING")).ToHaveCountAsync(0);
        await page.GetByTestId("division-remove-FARM_HELP").ClickAsync();
        await Expect(page.GetByTestId("division-owner-FARM_HELP")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    // Text fields take their value on change, so leave the field after typing.
    private static async Task Fill(ILocator field, string text)
    {
        await field.FillAsync(text);
        await field.PressAsync("Tab");
    }
}
