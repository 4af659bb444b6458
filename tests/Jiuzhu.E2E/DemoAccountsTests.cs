using System.Text.RegularExpressions;
using Jiuzhu.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jiuzhu.E2E;

[Collection("platform")]
public sealed class DemoAccountsTests(PlatformProcess platform)
{
    private const string DemoTotpKey = "JZDEMO2FAKEYONLYFORDEMOACCOUNTSX";

    public static TheoryData<string, string, bool> Accounts => new()
    {
        { "cun.xiezhu", "村(社区)救助协理员", false },
        { "zhen.shegong", "乡镇社工", false },
        { "xian.yewu", "县民政业务员", false },
        { "xian.shenpi", "县民政审批人", false },
        { "shi.guanli", "市/省管理员", true },
        { "bumen.weijian", "部门联络员", false },
        { "jigou.yuangong", "服务机构人员", false },
        { "zhiyuanzhe", "志愿者", false },
        { "shenji", "审计员", false },
        { "xitong.admin", "系统管理员", true },
        { "anquan.admin", "安全管理员", true },
        { "shenji.admin", "审计管理员", true },
    };

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Every_demo_account_signs_in_and_sees_its_role_and_jurisdiction_on_its_home_page(string user, string role, bool twoFactor)
    {
        var page = await platform.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync("Jiuzhu@2026");
        await page.GetByTestId("login-submit").ClickAsync();
        if (twoFactor)
        {
            await page.WaitForURLAsync(new Regex("/account/login-2fa"));
            await page.GetByLabel("动态口令").FillAsync(Totp.Code(DemoTotpKey, DateTimeOffset.UtcNow));
            await page.GetByTestId("totp-submit").ClickAsync();
        }

        await page.WaitForURLAsync(new Regex("/$"));
        await Expect(page.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await Expect(page.GetByTestId("home-scope")).ToContainTextAsync(role);
        await Expect(page.GetByTestId("home-scope")).ToContainTextAsync(user == "shi.guanli" ? "日照市" : "五莲县");
        await page.Context.CloseAsync();
    }
}
