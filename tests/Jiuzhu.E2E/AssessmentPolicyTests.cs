using System.Text.RegularExpressions;
using Jiuzhu.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jiuzhu.E2E;

[Collection("platform")]
public sealed class AssessmentPolicyTests(PlatformProcess platform)
{
    [Fact]
    public async Task The_city_administrator_sets_a_township_policy_after_fixing_a_bad_score_then_lets_it_inherit_again()
    {
        var page = await platform.SignInAsync("shi.guanli", twoFactor: true);

        // From the menu: the city's policy, the platform default unless set, reads in words.
        await Expect(page.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await page.GetByTestId("nav-assessment-policy").ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin/assessment-policy"));
        await Expect(page.GetByTestId("policy-rule-when-severe_poverty")).ToHaveTextAsync("剥夺得分不低于 1/2");
        await Expect(page.GetByTestId("policy-rule-when-dependent_alone")).ToContainTextAsync("需求标记同时包括：");
        await Expect(page.GetByTestId("policy-rule-when-child_unguarded")).ToContainTextAsync("以下指标均被剥夺：");
        await Expect(page.GetByTestId("policy-response-red")).ToContainTextAsync("24 小时内");
        await Expect(page.GetByTestId("policy-reassessment-extremelypoor")).ToContainTextAsync(new Regex(@"特困人员\s*每 12 个月\s*每 12 个月"));
        await Expect(page.GetByTestId("policy-reassessment-minimumliving")).ToContainTextAsync(new Regex(@"低保\s*每 12 个月\s*每 6 个月"));

        // A township of 五莲县 other than the demo township social worker's (where the other tests assess), so no
        // other test sees the rule; it is removed again at the end.
        await page.GetByTestId("region-picker-county").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "五莲县", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("region=371121000000"));
        await page.GetByTestId("region-picker-township").ClickAsync();
        await page.GetByRole(AriaRole.Option).Last.ClickAsync();
        await page.WaitForURLAsync(new Regex(@"region=371121\d{3}000"));
        var township = Regex.Match(page.Url, @"region=(\d{12})").Groups[1].Value;
        Assert.NotEqual("371121107000", township);
        await Expect(page.GetByTestId("policy-source")).ToContainTextAsync("评估政策");

        // Add a yellow rule with a score above 1: nothing is saved and the policy's own message says why.
        await page.GetByTestId("policy-edit").ClickAsync();
        await page.GetByTestId("rule-add").ClickAsync();
        await Fill(page.GetByTestId("rule-name-rule_1"), "剥夺得分不低于 1/4");
        await page.GetByTestId("rule-tier-rule_1").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "黄色预警", Exact = true }).ClickAsync();
        await Fill(page.GetByTestId("rule-min-rule_1"), "3/2");
        await Expect(page.GetByTestId("rule-summary-rule_1")).ToContainTextAsync("剥夺得分不低于 3/2");
        await page.GetByTestId("policy-save").First.ClickAsync();
        await Expect(page.GetByTestId("policy-problems").First).ToContainTextAsync("最低得分“3/2”必须是 0 到 1 之间的分数或小数");

        // Fix it, reassess its 特困 households every 24 months, and save: the township now has its own policy, and it
        // survives a reload.
        await Fill(page.GetByTestId("rule-min-rule_1"), "1/4");
        await Fill(page.GetByTestId("reassess-stable-extremelypoor"), "24");
        await page.GetByTestId("policy-save").First.ClickAsync();
        await Expect(page.GetByTestId("policy-source")).ToContainTextAsync("使用本区划自己设置的评估政策");
        await page.ReloadAsync();
        await Expect(page.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await Expect(page.GetByTestId("policy-source")).ToContainTextAsync("使用本区划自己设置的评估政策");
        await Expect(page.GetByTestId("policy-rule-name-rule_1")).ToHaveTextAsync("剥夺得分不低于 1/4");
        await Expect(page.GetByTestId("policy-rule-when-rule_1")).ToHaveTextAsync("剥夺得分不低于 1/4");
        await Expect(page.GetByTestId("policy-rules").Locator("tr", new() { Has = page.GetByTestId("policy-rule-name-rule_1") })).ToContainTextAsync("黄色预警");
        await Expect(page.GetByTestId("policy-reassessment-extremelypoor")).ToContainTextAsync(new Regex(@"特困人员\s*每 24 个月\s*每 12 个月"));

        // Inherit again (which also leaves the township as the other tests expect it): cancelling the confirmation
        // changes nothing; confirming drops the township's own policy and the page says what it uses now.
        await page.GetByTestId("policy-inherit").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "取消", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("policy-source")).ToContainTextAsync("使用本区划自己设置的评估政策");
        await page.GetByTestId("policy-inherit").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("单独设置的评估政策，本区划及未单独设置的下级区划改用");
        await page.GetByRole(AriaRole.Button, new() { Name = "恢复继承", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("policy-source")).ToContainTextAsync("没有单独设置");
        await Expect(page.GetByTestId("policy-source")).Not.ToContainTextAsync("使用本区划自己设置的评估政策");
        await Expect(page.GetByTestId("policy-inherit")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("policy-rule-name-severe_poverty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("policy-rule-name-rule_1")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("policy-reassessment-extremelypoor")).ToContainTextAsync(new Regex(@"特困人员\s*每 12 个月\s*每 12 个月"));
        await page.Context.CloseAsync();
    }

    // Text fields take their value on change, so leave the field after typing.
    private static async Task Fill(ILocator field, string text)
    {
        await field.FillAsync(text);
        await field.PressAsync("Tab");
    }
}
