using System.Text.RegularExpressions;
using Jiuzhu.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jiuzhu.E2E;

[Collection("platform")]
public sealed class AdministrationTests(PlatformProcess platform)
{
    [Fact]
    public async Task The_system_administrator_creates_an_account_in_a_township_through_the_page()
    {
        var page = await platform.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("xitong.admin");
        await page.GetByLabel("密码").FillAsync("Jiuzhu@2026");
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/login-2fa"));
        await page.GetByLabel("动态口令").FillAsync(Totp.Code("JZDEMO2FAKEYONLYFORDEMOACCOUNTSX", DateTimeOffset.UtcNow));
        await page.GetByTestId("totp-submit").ClickAsync();
        await page.WaitForURLAsync(new Regex("/$"));

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
