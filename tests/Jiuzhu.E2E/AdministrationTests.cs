using System.Text.RegularExpressions;
using Jiuzhu.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jiuzhu.E2E;

[Collection("platform")]
public sealed class AdministrationTests(PlatformProcess platform)
{
    private static Task<IPage> SignInAsync(PlatformProcess platform, string user, bool twoFactor) => platform.SignInAsync(user, twoFactor);

    [Fact]
    public async Task Disabling_an_account_ends_its_open_interactive_session()
    {
        var worker = await SignInAsync(platform, "cun.xiezhu2", twoFactor: false);
        await worker.GotoAsync("/households");
        await Expect(worker.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();

        var admin = await SignInAsync(platform, "xitong.admin", twoFactor: true);
        var list = await admin.Context.APIRequest.GetAsync("/api/v1/identity/users?search=cun.xiezhu2");
        var id = System.Text.Json.JsonDocument.Parse(await list.TextAsync()).RootElement.GetProperty("items")[0].GetProperty("id").GetString();
        var disable = await admin.Context.APIRequest.PostAsync($"/api/v1/identity/users/{id}/disable");
        Assert.Equal(200, disable.Status);

        // Without any click, the open page loses its sign-in at the next revalidation and goes to the login page.
        await worker.WaitForURLAsync(new Regex("/account/login"), new() { Timeout = 30_000 });
        await worker.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task The_system_administrator_creates_an_account_in_a_township_through_the_page()
    {
        var page = await SignInAsync(platform, "xitong.admin", twoFactor: true);

        await page.GotoAsync("/admin/users");
        await Expect(page.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await page.GetByTestId("user-create").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.GetByTestId("new-username").FillAsync("xin.shegong");
        await dialog.GetByTestId("new-displayname").FillAsync("韩雨桐");
        await dialog.GetByTestId("region-picker-township").ClickAsync();
        await page.GetByRole(AriaRole.Option).First.ClickAsync();
        await dialog.GetByTestId("new-password").FillAsync("Xin#Shegong2026");
        await dialog.GetByTestId("new-submit").ClickAsync();

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("账号已创建");
        await Expect(page.GetByTestId("user-grid")).ToContainTextAsync("xin.shegong");
        await page.Context.CloseAsync();
    }
}
