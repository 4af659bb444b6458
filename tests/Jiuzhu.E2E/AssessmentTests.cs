using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jiuzhu.E2E;

[Collection("platform")]
public sealed class AssessmentTests(PlatformProcess platform)
{
    private static async Task<JsonElement> Json(IAPIResponse response)
    {
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"{response.Status}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    // A case in 评估中 for the head of a household of the social worker's township that has no open case.
    private static async Task<(Guid Case, Guid Household)> CaseBeingAssessedAsync(IPage page)
    {
        var list = await Json(await page.Context.APIRequest.GetAsync("/api/v1/households?size=100"));
        foreach (var row in list.GetProperty("items").EnumerateArray().Reverse())
        {
            var id = row.GetProperty("id").GetGuid();
            var detail = await Json(await page.Context.APIRequest.GetAsync($"/api/v1/households/{id}"));
            var head = detail.GetProperty("members").EnumerateArray().FirstOrDefault(m => m.GetProperty("relation").GetString() == "Head");
            if (head.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var created = await page.Context.APIRequest.PostAsync("/api/v1/cases", new()
            {
                DataObject = new { caseType = "service", need = "孩子父母外出务工，无人照看", urgent = false, channel = "Discovery", personId = head.GetProperty("id").GetGuid() },
            });
            if (!created.Ok)
            {
                continue;
            }

            var c = (await Json(created)).GetProperty("case");
            foreach (var action in new[] { "Accept", "StartAssessment" })
            {
                c = await Json(await page.Context.APIRequest.PostAsync($"/api/v1/cases/{c.GetProperty("id").GetGuid()}/transitions", new()
                {
                    DataObject = new { action, version = c.GetProperty("version").GetGuid() },
                }));
            }

            return (c.GetProperty("id").GetGuid(), id);
        }

        throw new InvalidOperationException("No household without an open case in the township.");
    }

    [Fact]
    public async Task A_township_social_worker_assesses_a_household_in_chinese_and_the_child_without_a_guardian_makes_it_red_with_a_task()
    {
        var page = await platform.SignInAsync("zhen.shegong");
        var (caseId, household) = await CaseBeingAssessedAsync(page);

        await page.GotoAsync($"/cases/{caseId}");
        // A click on the prerendered page before the circuit is up does nothing; wait for the interactive page.
        await Expect(page.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await page.GetByTestId("assessment-start").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/assessments/[0-9a-f-]+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "需求评估" })).ToBeVisibleAsync();

        // Income and spending, every yes/no question answered "否" but the child's guardianship, the scales not needed.
        await page.GetByTestId("indicator-income").Locator("input").FillAsync("1500");
        await page.GetByTestId("indicator-income").Locator("input").PressAsync("Tab");
        await page.GetByTestId("indicator-rigid_spending").Locator("input").FillAsync("20");
        await page.GetByTestId("indicator-rigid_spending").Locator("input").PressAsync("Tab");
        foreach (var code in new[]
                 {
                     "serious_illness", "severe_disability", "school_dropout", "unsafe_housing", "water_sanitation", "no_stable_work", "no_caregiver",
                     "no_support_network", "isolation",
                 })
        {
            await page.GetByTestId($"indicator-{code}").GetByTestId("no").ClickAsync();
        }

        await page.GetByTestId("indicator-child_guardianship").GetByTestId("yes").ClickAsync();
        await page.GetByTestId("scale-na-barthel").ClickAsync();
        await page.GetByTestId("scale-na-elderly_ability").ClickAsync();

        // The profile and its explanation follow the answers before anything is saved.
        var outcome = page.GetByTestId("assessment-outcome");
        await Expect(outcome.GetByTestId("outcome-verdict")).ToContainTextAsync("非多维贫困");
        await Expect(outcome.GetByTestId("outcome-verdict")).ToContainTextAsync("1/16");
        await Expect(outcome.GetByTestId("outcome-explanation").Locator("tr", new() { HasText = "儿童监护" })).ToContainTextAsync("剥夺");
        await Expect(outcome.GetByTestId("outcome-explanation").Locator("tr", new() { HasText = "成人受教育程度" })).ToContainTextAsync("未回答");

        await page.GetByTestId("assessment-notes").FillAsync("入户核实：父母外出务工，祖父母均已去世，孩子暂住邻居家");
        await page.GetByTestId("assessment-submit").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("assessment-status")).ToContainTextAsync("已提交");

        // The household is red, for that reason, with a first-response task for the township.
        await page.GotoAsync($"/households/{household}");
        var standing = page.GetByTestId("household-standing");
        await Expect(standing.GetByTestId("standing-tier")).ToContainTextAsync("红色预警");
        await Expect(standing).ToContainTextAsync("儿童缺少有效监护");
        await Expect(standing.GetByTestId("standing-task").Filter(new() { HasText = "红色预警响应" })).ToBeVisibleAsync();

        await page.GetByTestId("nav-tasks").ClickAsync();
        await page.WaitForURLAsync(new Regex("/tasks$"));
        await Expect(page.GetByTestId("task-tabs")).ToContainTextAsync("待我办理");
        await page.Context.CloseAsync();
    }
}
