using System.Text.RegularExpressions;
using Jiuzhu.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jiuzhu.E2E;

[Collection("platform")]
public sealed class InstrumentAdministrationTests(PlatformProcess platform)
{
    [Fact]
    public async Task The_city_administrator_raises_the_income_line_in_a_new_version_and_publishes_it()
    {
        var page = await platform.SignInAsync("shi.guanli", twoFactor: true);

        // From the menu to the list: the default instrument is in force as version 1.
        await Expect(page.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await page.GetByTestId("nav-instruments").ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin/instruments$"));
        await Expect(page.GetByTestId("instrument-status-default-1")).ToHaveTextAsync("已发布");
        await page.GetByTestId("instrument-open-default-1").ClickAsync();

        // Version 1 reads in full and cannot be changed; a new version is a draft copy.
        await Expect(page.GetByTestId("weight-view-economy")).ToContainTextAsync("1/8（12.5%）");
        await Expect(page.GetByTestId("rule-view-income")).ToContainTextAsync("低于 900 元/月");
        await Expect(page.GetByTestId("effective-view-income")).ToContainTextAsync("1/16（6.25%）");
        await page.GetByTestId("new-version").ClickAsync();
        await Expect(page.GetByTestId("instrument-status")).ToHaveTextAsync("草稿");
        await Expect(page.GetByTestId("instrument-meta")).ToContainTextAsync("第 2 版");

        // Raise the income line, and break the weights on purpose: nothing is saved and every problem is listed.
        await Fill(page.GetByTestId("cutoff-income"), "1000");
        await Expect(page.GetByTestId("rule-income")).ToContainTextAsync("低于 1000 元/月");
        await Fill(page.GetByTestId("weight-economy"), "1/4");
        await Expect(page.GetByTestId("weight-sum")).ToContainTextAsync("9/8（112.5%）");
        await Expect(page.GetByTestId("instrument-publish").First).ToBeDisabledAsync();
        await page.GetByTestId("instrument-save").First.ClickAsync();
        await Expect(page.GetByTestId("instrument-problems").First).ToContainTextAsync("各维度权重之和必须等于 1，现在是 9/8");

        // Fix the weight, save, then publish after reading what publishing does.
        await Fill(page.GetByTestId("weight-economy"), "1/8");
        await Expect(page.GetByTestId("weight-sum")).ToContainTextAsync("1（100%）");
        await page.GetByTestId("instrument-save").First.ClickAsync();
        await Expect(page.GetByTestId("instrument-problems")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("instrument-dirty")).ToHaveCountAsync(0);
        await page.GetByTestId("instrument-publish").First.ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.GetByTestId("publish-explanation")).ToContainTextAsync("第 1 版立即停用");
        await Expect(dialog.GetByTestId("publish-explanation")).ToContainTextAsync("保留原来的版本");
        await dialog.GetByTestId("publish-confirm").ClickAsync();
        await Expect(page.GetByTestId("instrument-status")).ToHaveTextAsync("已发布");
        await Expect(page.GetByTestId("rule-view-income")).ToContainTextAsync("低于 1000 元/月");

        await page.GotoAsync("/admin/instruments");
        await Expect(page.GetByTestId("instrument-status-default-2")).ToHaveTextAsync("已发布");
        await Expect(page.GetByTestId("instrument-status-default-1")).ToHaveTextAsync("已停用");
        await page.Context.CloseAsync();
    }

    // Text fields take their value on change, so leave the field after typing.
    private static async Task Fill(ILocator field, string text)
    {
        await field.FillAsync(text);
        await field.PressAsync("Tab");
    }
}
