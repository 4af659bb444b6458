using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jiuzhu.E2E;

[Collection("platform")]
public sealed class ProviderTests(PlatformProcess platform)
{
    [Fact]
    public async Task A_county_officer_registers_a_provider_with_a_service_point_and_capacity_and_provider_staff_see_only_their_own()
    {
        var officer = await platform.SignInAsync("xian.yewu");
        await officer.GetByTestId("nav-providers").ClickAsync();
        await officer.WaitForURLAsync(new Regex("/providers$"));
        await Expect(officer.GetByTestId("status-52371121MJD0006601")).ToHaveTextAsync("已过期");
        await Expect(officer.GetByTestId("status-52371121MJD0001188")).ToHaveTextAsync("有效");

        // Register: a mistyped credit code is refused with the reason, the right one is saved.
        await officer.GetByTestId("providers-add").ClickAsync();
        await officer.GetByTestId("provider-name").FillAsync("五莲县安康助浴服务社");
        await officer.GetByTestId("provider-code").FillAsync("91371121MA3C00054X");
        await officer.GetByTestId("provider-address").FillAsync("五莲县洪凝街道健康路 8 号");
        await officer.GetByTestId("provider-save").ClickAsync();
        await Expect(officer.GetByTestId("provider-error")).ToContainTextAsync("校验码");
        await officer.GetByTestId("provider-code").FillAsync("91371121MA3C00054R");
        await officer.GetByTestId("provider-save").ClickAsync();
        await officer.WaitForURLAsync(new Regex("/providers/[0-9a-f-]{36}$"));
        await Expect(officer.GetByTestId("provider-title")).ToHaveTextAsync("五莲县安康助浴服务社");
        await Expect(officer.GetByTestId("provider-status")).ToHaveTextAsync("无资质");
        var url = officer.Url;

        // An item from the county's catalog and its weekly capacity.
        await officer.GetByRole(AriaRole.Tab, new() { Name = "服务项目与产能" }).ClickAsync();
        await officer.GetByTestId("item-select").ClickAsync();
        await officer.GetByRole(AriaRole.Option, new() { Name = "LIFE-01 助餐", Exact = true }).ClickAsync();
        await officer.GetByTestId("item-add").ClickAsync();
        await Expect(officer.GetByTestId("items")).ToContainTextAsync("助餐");
        await officer.GetByTestId("capacity-item").ClickAsync();
        await officer.GetByRole(AriaRole.Option, new() { Name = "LIFE-01 助餐", Exact = true }).ClickAsync();
        await Fill(officer.GetByTestId("capacity-quantity"), "200");
        await officer.GetByTestId("capacity-save").ClickAsync();
        await Expect(officer.GetByTestId("capacity-LIFE-01-Week")).ToContainTextAsync("200");

        // A service point: wrong opening hours change nothing and say why; right ones are saved and described.
        await officer.GetByRole(AriaRole.Tab, new() { Name = "服务网点" }).ClickAsync();
        await officer.GetByTestId("point-name").FillAsync("安康幸福食堂");
        await officer.GetByTestId("point-region").FillAsync("371121");
        await officer.GetByTestId("point-address").FillAsync("健康路 8 号一楼");
        await Fill(officer.GetByTestId("point-lat"), "35.75");
        await Fill(officer.GetByTestId("point-lon"), "119.21");
        await officer.GetByTestId("point-hours").FillAsync("1 09:00-08:00");
        await officer.GetByTestId("point-save").ClickAsync();
        await Expect(officer.GetByText("营业时间有误").First).ToBeVisibleAsync();
        await Expect(officer.GetByTestId("point-row")).ToHaveCountAsync(0);
        await officer.GetByTestId("point-hours").FillAsync("1-5 10:30-13:00");
        await officer.GetByTestId("point-save").ClickAsync();
        await Expect(officer.GetByTestId("point-row")).ToHaveCountAsync(1);
        await Expect(officer.GetByTestId("point-row")).ToContainTextAsync("周一至周五 10:30-13:00");

        // It is all there after a reload.
        await officer.ReloadAsync();
        await Expect(officer.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await officer.GetByRole(AriaRole.Tab, new() { Name = "服务网点" }).ClickAsync();
        await Expect(officer.GetByTestId("point-row")).ToContainTextAsync("安康幸福食堂");

        // The provider-staff account works for the canteen operator: it sees that one only, and cannot open the new one.
        var staff = await platform.SignInAsync("jigou.yuangong");
        await staff.GetByTestId("nav-providers").ClickAsync();
        await staff.WaitForURLAsync(new Regex("/providers$"));
        await Expect(staff.GetByTestId("provider-link")).ToHaveCountAsync(1);
        await Expect(staff.GetByTestId("provider-link")).ToHaveTextAsync("五莲县幸福食堂服务中心");
        await Expect(staff.GetByTestId("providers-add")).ToHaveCountAsync(0);
        await staff.GetByTestId("provider-link").ClickAsync();
        await Expect(staff.GetByTestId("provider-title")).ToHaveTextAsync("五莲县幸福食堂服务中心");
        await Expect(staff.GetByTestId("provider-edit")).ToHaveCountAsync(0);
        await staff.GetByRole(AriaRole.Tab, new() { Name = "服务网点" }).ClickAsync();
        await Expect(staff.GetByTestId("point-save")).ToBeVisibleAsync();
        await staff.GotoAsync(url);
        await Expect(staff.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await Expect(staff.GetByTestId("provider-not-found")).ToBeVisibleAsync();
    }

    private static async Task Fill(ILocator field, string text)
    {
        await field.FillAsync(text);
        await field.PressAsync("Tab");
    }
}
