using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jiuzhu.E2E;

[Collection("platform")]
public sealed class ResidentApplicationTests(PlatformProcess platform)
{
    private const string Phone = "13987654321";
    private const string Password = "Jz-resident-2026";

    // Born in Jinan, so no demo household of 五莲县 has it; lower-case x as people type it.
    private const string IdNumber = "37010219850719056x";

    [Fact]
    public async Task A_resident_signs_up_applies_online_and_sees_the_village_worker_accept_it_in_Chinese()
    {
        // Where the demo village worker works, with the names a resident would pick from.
        var worker = await platform.NewPageAsync();
        await LoginAsync(worker, "cun.xiezhu", "Jiuzhu@2026");
        await worker.WaitForURLAsync(new Regex("/$"));
        var village = JsonDocument.Parse(await (await worker.Context.APIRequest.GetAsync("/api/v1/me")).TextAsync())
            .RootElement.GetProperty("jurisdiction").GetString()!;
        var region = JsonDocument.Parse(await (await worker.Context.APIRequest.GetAsync($"/api/v1/geo/regions/{village}")).TextAsync()).RootElement;
        var names = region.GetProperty("path").EnumerateArray().Select(r => r.GetProperty("name").GetString()!)
            .Append(region.GetProperty("region").GetProperty("name").GetString()!).ToList();
        Assert.Equal(5, names.Count);

        // Sign up, then sign in with the phone number.
        var resident = await platform.NewPageAsync();
        await resident.GotoAsync("/account/login");
        await resident.GetByTestId("register-link").ClickAsync();
        await Expect(resident.GetByRole(AriaRole.Heading, new() { Name = "居民注册" })).ToBeVisibleAsync();
        await resident.GetByLabel("姓名").FillAsync("刘淑珍");
        await resident.GetByLabel("手机号").FillAsync(Phone);
        await resident.GetByLabel("身份证号").FillAsync(IdNumber);
        await resident.GetByLabel("密码", new() { Exact = true }).FillAsync(Password);
        await resident.GetByLabel("再次输入密码").FillAsync(Password);
        await resident.GetByTestId("register-submit").ClickAsync();
        await Expect(resident.GetByTestId("login-registered")).ToHaveTextAsync("注册成功，请用手机号和密码登录。");
        await LoginAsync(resident, Phone, Password);
        await resident.WaitForURLAsync(new Regex("/me$"));
        await Expect(resident.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await Expect(resident.GetByTestId("no-applications")).ToBeVisibleAsync();

        // Apply: the need, the worker's village chosen level by level, the address.
        await resident.GetByTestId("apply-open").ClickAsync();
        await Expect(resident.GetByTestId("apply-applicant")).ToContainTextAsync("刘淑珍");
        await resident.GetByTestId("apply-need").FillAsync("独自居住，腿脚不便，希望每周有人上门帮助打扫和买菜。");
        string[] levels = ["province", "city", "county", "township", "village"];
        for (var i = 0; i < levels.Length; i++)
        {
            var select = resident.GetByTestId($"region-picker-{levels[i]}");
            await Expect(select).ToBeVisibleAsync();
            if (await select.InputValueAsync() != names[i])
            {
                await select.ClickAsync();
                await resident.GetByRole(AriaRole.Option, new() { Name = names[i], Exact = true }).ClickAsync();
            }

            await Expect(select).ToHaveValueAsync(names[i]);
        }

        await resident.GetByTestId("apply-address").FillAsync("村南 3 排 6 号");
        await resident.GetByTestId("apply-submit").ClickAsync();
        var status = resident.GetByTestId("application-status");
        await Expect(status).ToHaveTextAsync("已提交");
        var number = (await resident.GetByTestId("application-number").InnerTextAsync()).Trim();
        Assert.Matches(@"^371121-\d{4}-\d{6}$", number);

        // The village worker finds it among "待我办理" (newest first) and accepts it.
        await worker.GotoAsync("/cases");
        await Expect(worker.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await worker.Locator(".mud-tab").Filter(new() { HasText = "待我办理" }).ClickAsync();
        var row = worker.Locator(".mud-table-body tr").Filter(new() { HasText = number });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("网上申请");
        await row.ClickAsync();
        await worker.WaitForURLAsync(new Regex("/cases/[0-9a-f-]{36}$"));
        await Expect(worker.GetByTestId("case-status")).ToHaveTextAsync("已提交");
        await Expect(worker.GetByText("申请人本人（网上申请）")).ToBeVisibleAsync();
        await worker.GetByTestId("action-Accept").ClickAsync();
        await worker.GetByTestId("action-confirm").ClickAsync();
        await Expect(worker.GetByTestId("case-status")).ToHaveTextAsync("已受理");

        // The resident reloads their page and sees it accepted, with the step on the timeline.
        await resident.ReloadAsync();
        await Expect(resident.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await Expect(status).ToHaveTextAsync("已受理");
        await Expect(resident.GetByTestId("application-timeline")).ToContainTextAsync("村(社区)救助协理员");

        await worker.Context.CloseAsync();
        await resident.Context.CloseAsync();
    }

    private static async Task LoginAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名或手机号").FillAsync(user);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
    }
}
