using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jiuzhu.E2E;

[Collection("platform")]
public sealed class PopulationTests(PlatformProcess platform)
{
    private static async Task<JsonElement> Json(IAPIResponse response)
    {
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"{response.Status}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> PostAsync(IPage page, string url, object body) =>
        await Json(await page.Context.APIRequest.PostAsync(url, new() { DataObject = body }));

    /// <summary>Takes a case for the head of a demo household without an open case, and submits a poor assessment; returns the household.</summary>
    private static async Task<(Guid Household, string Region)> AssessOneAsync(IPage page, ISet<Guid> skip)
    {
        var list = await Json(await page.Context.APIRequest.GetAsync("/api/v1/households?size=100"));
        foreach (var row in list.GetProperty("items").EnumerateArray())
        {
            var id = row.GetProperty("id").GetGuid();
            if (!skip.Add(id))
            {
                continue;
            }

            var detail = await Json(await page.Context.APIRequest.GetAsync($"/api/v1/households/{id}"));
            var head = detail.GetProperty("members").EnumerateArray().FirstOrDefault(m => m.GetProperty("relation").GetString() == "Head");
            if (head.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var created = await page.Context.APIRequest.PostAsync("/api/v1/cases", new()
            {
                DataObject = new { caseType = "service", need = "独居老人需要上门照料", urgent = false, channel = "Discovery", personId = head.GetProperty("id").GetGuid() },
            });
            if (!created.Ok)
            {
                continue; // an open case already, or a household the demo keeps otherwise
            }

            var c = (await Json(created)).GetProperty("case");
            foreach (var action in new[] { "Accept", "StartAssessment" })
            {
                c = await PostAsync(page, $"/api/v1/cases/{c.GetProperty("id").GetGuid()}/transitions", new { action, version = c.GetProperty("version").GetGuid() });
            }

            var draft = await PostAsync(page, "/api/v1/assessments", new { caseId = c.GetProperty("id").GetGuid() });
            var values = new Dictionary<string, decimal?>
            {
                ["income"] = 600m, ["rigid_spending"] = 70m, ["serious_illness"] = 1, ["severe_disability"] = 0,
                ["barthel"] = 0, ["elderly_ability"] = 0, ["school_dropout"] = 0, ["adult_schooling"] = 2,
                ["unsafe_housing"] = 1, ["water_sanitation"] = 0, ["no_stable_work"] = 0, ["no_caregiver"] = 1, ["child_guardianship"] = 0,
                ["no_support_network"] = 1, ["isolation"] = 1,
            };
            await PostAsync(page, $"/api/v1/assessments/{draft.GetProperty("id").GetGuid()}/submit",
                new { answers = new { values, scales = Array.Empty<object>() }, version = draft.GetProperty("version").GetGuid() });
            return (id, detail.GetProperty("regionCode").GetString()!);
        }

        throw new InvalidOperationException("No demo household without an open case.");
    }

    [Fact]
    public async Task A_county_officer_reads_the_population_view_and_drills_down_to_a_household()
    {
        var page = await platform.SignInAsync("xian.yewu");

        var (household, region) = await AssessOneAsync(page, new HashSet<Guid>());

        await page.GetByTestId("nav-population").ClickAsync();
        await page.WaitForURLAsync(new Regex("/assessment/population"));
        await Expect(page.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await Expect(page.GetByTestId("population-m0")).ToContainTextAsync("M0 = H × A");
        await Expect(page.GetByTestId("population-indicators")).ToContainTextAsync("人均收入");
        await Expect(page.GetByTestId("population-by-area")).ToContainTextAsync("农村");

        // County → the household's township → its village → the household.
        var township = region[..9] + "000";
        await page.GetByTestId($"group-{township}").GetByTestId("group-drill").ClickAsync();
        await page.WaitForURLAsync(new Regex($"region={township}"));
        await page.GetByTestId($"group-{region}").GetByTestId("group-drill").ClickAsync();
        await page.WaitForURLAsync(new Regex($"region={region}"));
        var link = page.GetByTestId("population-households").Locator($"a[href='/households/{household}']");
        await Expect(link).ToBeVisibleAsync();

        // Weighting by household size keeps the region.
        await page.GetByText("按人口加权（家庭人数）").ClickAsync();
        await page.WaitForURLAsync(new Regex($"region={region}&weighted=true"));
        await Expect(page.GetByTestId("population-h")).ToContainTextAsync(" 人 · H");

        await link.ClickAsync();
        await page.WaitForURLAsync(new Regex($"/households/{household}$"));
        await page.Context.CloseAsync();
    }
}
