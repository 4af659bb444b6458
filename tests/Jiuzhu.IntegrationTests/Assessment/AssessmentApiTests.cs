using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.IntegrationTests.Assessment;

public sealed class AssessmentApiTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> Move(HttpClient client, JsonElement c, string action) =>
        await Json(await client.PostAsJsonAsync($"/api/v1/cases/{c.GetProperty("id").GetGuid()}/transitions",
            new { action, version = c.GetProperty("version").GetGuid() }));

    private static Task<Scenario> StaffAsync(TestPlatform platform) => Scenario.CreateAsync(platform,
        ("worker.a", Roles.VillageWorker, Scenario.VillageA),
        ("social.a", Roles.TownshipSocialWorker, Scenario.TownshipA),
        ("social.b", Roles.TownshipSocialWorker, Scenario.TownshipB),
        ("liaison", Roles.DepartmentLiaison, Scenario.County));

    // Deprived in employment (1/8) and both housing indicators (1/8) and both guardianship indicators (1/8): 3/8 ≥ 1/3.
    private static Dictionary<string, decimal?> PoorAnswers() => new()
    {
        ["income"] = 1500m, ["rigid_spending"] = 20m, ["serious_illness"] = 0, ["severe_disability"] = 0,
        ["elderly_ability"] = 0, ["school_dropout"] = 0, ["adult_schooling"] = 3,
        ["unsafe_housing"] = 1, ["water_sanitation"] = 1, ["no_stable_work"] = 1, ["no_caregiver"] = 1, ["child_guardianship"] = 1,
        ["no_support_network"] = 0, ["isolation"] = 0,
    };

    private static Dictionary<string, int> Barthel(int feeding) => new()
    {
        ["feeding"] = feeding, ["bathing"] = 0, ["grooming"] = 5, ["dressing"] = 5, ["bowels"] = 10, ["bladder"] = 10,
        ["toilet_use"] = 5, ["transfers"] = 10, ["mobility"] = 10, ["stairs"] = 0,
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_social_worker_assesses_a_household_in_its_case_and_the_result_is_exact_encrypted_and_audited(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var worker = (await s.LoginAsync("worker.a")).Client;
        var social = (await s.LoginAsync("social.a")).Client;
        var c = (await Json(await worker.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "service", need = "老人卧床，需要照料", urgent = false, channel = "Discovery", personId = s.PersonsA[0],
        }))).GetProperty("case");
        var caseId = c.GetProperty("id").GetGuid();

        // Not before the case is being assessed, and never by a village worker.
        var early = await Json(await social.PostAsJsonAsync("/api/v1/assessments", new { caseId }), HttpStatusCode.Conflict);
        Assert.Equal("assessment.case_state", early.GetProperty("code").GetString());
        c = await Move(worker, c, "Accept");
        c = await Move(social, c, "StartAssessment");
        var byWorker = await Json(await worker.PostAsJsonAsync("/api/v1/assessments", new { caseId }), HttpStatusCode.Forbidden);
        Assert.Equal("assessment.forbidden", byWorker.GetProperty("code").GetString());

        var draft = await Json(await social.PostAsJsonAsync("/api/v1/assessments", new { caseId }));
        var id = draft.GetProperty("id").GetGuid();
        Assert.Equal("Draft", draft.GetProperty("status").GetString());
        Assert.Equal(id, (await Json(await social.PostAsJsonAsync("/api/v1/assessments", new { caseId }))).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await (await s.LoginAsync("social.b")).Client.GetAsync($"/api/v1/assessments/{id}")).StatusCode);

        // A scale item with a score the scale does not have is refused with the member's name and the reason.
        var member = s.PersonsA[0];
        object Answers(int feeding) => new
        {
            values = PoorAnswers(),
            scales = new[] { new { personId = member, measure = "BarthelTotal", items = Barthel(feeding) } },
            notes = "入户看到老人卧床，无人照料",
        };
        var bad = await Json(await social.PostAsJsonAsync($"/api/v1/assessments/{id}/preview", new { answers = Answers(7), version = Guid.Empty }), HttpStatusCode.BadRequest);
        Assert.StartsWith("barthel.", bad.GetProperty("code").GetString());

        // Barthel 60 is deprived (≤ 60): 3/8 + 1/16 = 7/16 against k = 1/3.
        var preview = await Json(await social.PostAsJsonAsync($"/api/v1/assessments/{id}/preview", new { answers = Answers(5), version = Guid.Empty }));
        Assert.Equal("7/16", preview.GetProperty("score").GetString());
        Assert.True(preview.GetProperty("poor").GetBoolean());

        var stale = await Json(await social.PutAsJsonAsync($"/api/v1/assessments/{id}", new { answers = Answers(5), version = Guid.NewGuid() }), HttpStatusCode.Conflict);
        Assert.Equal("assessment.stale", stale.GetProperty("code").GetString());
        var submitted = await Json(await social.PostAsJsonAsync($"/api/v1/assessments/{id}/submit", new { answers = Answers(5), version = draft.GetProperty("version").GetGuid() }));
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());
        Assert.Equal("7/16", submitted.GetProperty("score").GetString());
        Assert.True(submitted.GetProperty("poor").GetBoolean());
        var again = await Json(await social.PostAsJsonAsync($"/api/v1/assessments/{id}/submit", new { answers = Answers(5), version = submitted.GetProperty("version").GetGuid() }), HttpStatusCode.Conflict);
        Assert.Equal("assessment.submitted", again.GetProperty("code").GetString());

        // The child without effective guardianship makes the household red, whatever else fires; the township gets a
        // first-response task due within 24 hours and a reassessment task; the village inbox does not get the red task.
        var householdId = c.GetProperty("householdId").GetGuid();
        var standing = await Json(await social.GetAsync($"/api/v1/assessment/standings/{householdId}"));
        Assert.Equal("Red", standing.GetProperty("tier").GetString());
        Assert.Equal("儿童缺少有效监护", standing.GetProperty("tierRuleName").GetString());
        Assert.Equal("Assistance", standing.GetProperty("phase").GetString());
        Assert.Equal(["phase", "tier"], standing.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("kind").GetString()!).Order().ToArray());
        var mine = await Json(await social.GetAsync("/api/v1/tasks?inbox=mine"));
        var red = mine.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "TierResponse");
        Assert.Equal("Red", red.GetProperty("tier").GetString());
        Assert.InRange(red.GetProperty("dueAt").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
        Assert.Single(mine.GetProperty("items").EnumerateArray(), t => t.GetProperty("kind").GetString() == "Reassessment");
        var villageInbox = await Json(await worker.GetAsync("/api/v1/tasks?inbox=mine"));
        Assert.Equal(0, villageInbox.GetProperty("total").GetInt32());
        var redId = red.GetProperty("id").GetGuid();
        var noNote = await Json(await social.PostAsJsonAsync($"/api/v1/tasks/{redId}/complete", new { note = " ", version = red.GetProperty("version").GetGuid() }), HttpStatusCode.BadRequest);
        Assert.Equal("task.note_required", noNote.GetProperty("code").GetString());
        var done = await Json(await social.PostAsJsonAsync($"/api/v1/tasks/{redId}/complete", new { note = "已入户，联系妇联落实临时监护", version = red.GetProperty("version").GetGuid() }));
        Assert.Equal("Done", done.GetProperty("status").GetString());

        // One assessment serves every department: a liaison reads it for a stated purpose.
        var liaison = (await s.LoginAsync("liaison")).Client;
        var noPurpose = await Json(await liaison.GetAsync($"/api/v1/assessments/{id}"), HttpStatusCode.BadRequest);
        Assert.Equal("assessment.purpose_required", noPurpose.GetProperty("code").GetString());
        var read = await Json(await liaison.GetAsync($"/api/v1/assessments/{id}?purpose={Uri.EscapeDataString("医疗救助资格复核")}"));
        var outcome = read.GetProperty("outcome");
        Assert.Equal("7/16", outcome.GetProperty("score").GetString());
        var living = outcome.GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "living_ability");
        Assert.Equal("1/16", living.GetProperty("deprived").GetString());
        Assert.Equal(60, read.GetProperty("answers").GetProperty("scales")[0].GetProperty("value").GetDecimal());

        await using var context = db.CreateContext();
        var row = await context.Assessments.IgnoreQueryFilters().SingleAsync(a => a.Id == id);
        Assert.DoesNotContain("卧床", row.ProtectedAnswers, StringComparison.Ordinal);
        Assert.DoesNotContain("income", row.ProtectedAnswers, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"^\d+:\d+$", row.ProtectedProfile);
        Assert.Equal("7/16", row.Score);
        var trail = context.AuditEntries.Where(e => e.EntityId == id.ToString()).OrderBy(e => e.Sequence).Select(e => new { e.Action, e.Summary }).ToList();
        Assert.Equal(["assessment.start", "assessment.submit", "assessment.read"], trail.Select(t => t.Action).ToArray());
        Assert.Equal(2, context.AuditEntries.Count(e => e.EntityId == householdId.ToString() && e.Action.StartsWith("standing.")));
        Assert.Contains("医疗救助资格复核", trail[^1].Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("卧床", string.Concat(trail.Select(t => t.Summary)), StringComparison.Ordinal);
    }
}
