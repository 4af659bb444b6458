using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.IntegrationTests.Infrastructure;

namespace Jiuzhu.IntegrationTests.Plans;

/// <summary>A household taken from a case through an assessment to an approved service plan over the API.</summary>
internal static class PlanFixtures
{
    // Deprived in employment, housing, guardianship (a child without effective guardianship: red), and Barthel 60.
    public static object Answers(Guid member) => new
    {
        values = new Dictionary<string, decimal?>
        {
            ["income"] = 1500m, ["rigid_spending"] = 20m, ["serious_illness"] = 0, ["severe_disability"] = 0,
            ["elderly_ability"] = 0, ["school_dropout"] = 0, ["adult_schooling"] = 3,
            ["unsafe_housing"] = 1, ["water_sanitation"] = 1, ["no_stable_work"] = 1, ["no_caregiver"] = 1, ["child_guardianship"] = 1,
            ["no_support_network"] = 0, ["isolation"] = 0,
        },
        scales = new[]
        {
            new
            {
                personId = member, measure = "BarthelTotal", items = new Dictionary<string, int>
                {
                    ["feeding"] = 5, ["bathing"] = 0, ["grooming"] = 5, ["dressing"] = 5, ["bowels"] = 10, ["bladder"] = 10,
                    ["toilet_use"] = 5, ["transfers"] = 10, ["mobility"] = 10, ["stairs"] = 0,
                },
            },
        },
        notes = "入户核实",
    };

    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> MoveAsync(HttpClient client, JsonElement c, string action) =>
        await Json(await client.PostAsJsonAsync($"/api/v1/cases/{c.GetProperty("id").GetGuid()}/transitions",
            new { action, version = c.GetProperty("version").GetGuid() }));

    /// <summary>A case for the scenario's first person in village A, assessed (red) and its proposed plan approved; returns the plan.</summary>
    public static async Task<JsonElement> ApprovedPlanAsync(Scenario s, HttpClient worker, HttpClient social, HttpClient approver)
    {
        var c = (await Json(await worker.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "service", need = "老人需要照料", urgent = false, channel = "Discovery", personId = s.PersonsA[0],
        }))).GetProperty("case");
        var caseId = c.GetProperty("id").GetGuid();
        c = await MoveAsync(worker, c, "Accept");
        await MoveAsync(social, c, "StartAssessment");
        var draft = await Json(await social.PostAsJsonAsync("/api/v1/assessments", new { caseId }));
        await Json(await social.PostAsJsonAsync($"/api/v1/assessments/{draft.GetProperty("id").GetGuid()}/submit",
            new { answers = Answers(s.PersonsA[0]), version = draft.GetProperty("version").GetGuid() }));
        var plan = await Json(await social.PostAsJsonAsync("/api/v1/plans", new { caseId }));
        var id = plan.GetProperty("id").GetGuid();
        plan = await Json(await social.PostAsJsonAsync($"/api/v1/plans/{id}/submit", new { stamp = plan.GetProperty("stamp").GetGuid() }));
        return await Json(await approver.PostAsJsonAsync($"/api/v1/plans/{id}/approve", new { stamp = plan.GetProperty("stamp").GetGuid() }));
    }
}
