using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.Assessment.Instruments;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.IntegrationTests.Assessment;

/// <summary>Region policies over HTTP: dropping a region's own policy to inherit again, and the reassessment cadence per category.</summary>
public sealed class PolicyApiTests
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

    // Employment (1/8), both housing indicators (1/8) and one guardianship indicator (1/16): 5/16, under k = 1/3.
    private static Dictionary<string, decimal?> Answers() => new()
    {
        ["income"] = 2000m, ["rigid_spending"] = 10m, ["serious_illness"] = 0, ["severe_disability"] = 0,
        ["barthel"] = InstrumentEvaluation.NotApplicable, ["elderly_ability"] = InstrumentEvaluation.NotApplicable,
        ["school_dropout"] = 0, ["adult_schooling"] = 3, ["unsafe_housing"] = 1, ["water_sanitation"] = 1, ["no_stable_work"] = 1,
        ["no_caregiver"] = 1, ["child_guardianship"] = 0, ["no_support_network"] = 0, ["isolation"] = 0,
    };

    /// <summary>Opens a case for the person's household, assesses and submits it; returns the household.</summary>
    private static async Task<Guid> AssessAsync(HttpClient worker, HttpClient social, Guid person)
    {
        var c = (await Json(await worker.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "service", need = "申请服务", urgent = false, channel = "Discovery", personId = person,
        }))).GetProperty("case");
        c = await Move(worker, c, "Accept");
        c = await Move(social, c, "StartAssessment");
        var draft = await Json(await social.PostAsJsonAsync("/api/v1/assessments", new { caseId = c.GetProperty("id").GetGuid() }));
        await Json(await social.PostAsJsonAsync($"/api/v1/assessments/{draft.GetProperty("id").GetGuid()}/submit",
            new { answers = new { values = Answers(), scales = Array.Empty<object>() }, version = draft.GetProperty("version").GetGuid() }));
        return c.GetProperty("householdId").GetGuid();
    }

    /// <summary>The platform default with an extra rule and, optionally, another reassessment cadence.</summary>
    private static async Task<object> PolicyWithAsync(HttpClient client, string region, object? extraRule, object? reassessment, Guid? stamp)
    {
        var policy = (await Json(await client.GetAsync($"/api/v1/assessment/policies/{region}"))).GetProperty("policy");
        var rules = policy.GetProperty("rules").EnumerateArray().Select(r => (object)r).ToList();
        if (extraRule is not null)
        {
            rules.Add(extraRule);
        }

        return new
        {
            policy = new { rules, responses = policy.GetProperty("responses"), phases = policy.GetProperty("phases"), reassessment = reassessment ?? policy.GetProperty("reassessment") },
            stamp,
        };
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_township_drops_its_own_policy_and_inherits_the_county_policy_then_the_platform_default(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform,
            ("worker.a", Roles.VillageWorker, Scenario.VillageA), ("social.a", Roles.TownshipSocialWorker, Scenario.TownshipA),
            ("city", Roles.RegionalAdmin, "371100000000"));
        var city = (await s.LoginAsync("city", totpKey: await s.EnrolTotpAsync("city"))).Client;
        var social = (await s.LoginAsync("social.a")).Client;
        var worker = (await s.LoginAsync("worker.a")).Client;

        // Nothing to drop while the township inherits; only policy administrators, only in their jurisdiction.
        var none = await Json(await city.DeleteAsync($"/api/v1/assessment/policies/{Scenario.TownshipA}"), HttpStatusCode.NotFound);
        Assert.Equal("policy.not_found", none.GetProperty("code").GetString());
        Assert.Equal("policy.outside_jurisdiction",
            (await Json(await city.DeleteAsync("/api/v1/assessment/policies/110101000000"), HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        Assert.Equal("policy.outside_jurisdiction",
            (await Json(await city.DeleteAsync("/api/v1/assessment/policies/000000"), HttpStatusCode.Forbidden)).GetProperty("code").GetString());

        // The county watches a score of 1/4 (yellow); the township sets a rule of its own on top (red).
        var watch = new { code = "watch", name = "县：剥夺得分不低于 1/4", tier = "Yellow", when = new { minScore = "1/4" } };
        var strict = new { code = "strict", name = "镇：剥夺得分不低于 1/4 即红色", tier = "Red", when = new { minScore = "1/4" } };
        await Json(await city.PutAsJsonAsync($"/api/v1/assessment/policies/{Scenario.County}", await PolicyWithAsync(city, Scenario.County, watch, null, null)));
        var own = await Json(await city.PutAsJsonAsync($"/api/v1/assessment/policies/{Scenario.TownshipA}",
            await PolicyWithAsync(city, Scenario.County, strict, null, null)));
        var stamp = own.GetProperty("stamp").GetGuid();

        var forbidden = await Json(await social.DeleteAsync($"/api/v1/assessment/policies/{Scenario.TownshipA}"), HttpStatusCode.Forbidden);
        Assert.Equal("policy.forbidden", forbidden.GetProperty("code").GetString());
        var stale = await Json(await city.DeleteAsync($"/api/v1/assessment/policies/{Scenario.TownshipA}?stamp={Guid.NewGuid()}"), HttpStatusCode.Conflict);
        Assert.Equal("policy.stale", stale.GetProperty("code").GetString());
        var first = await AssessAsync(worker, social, s.PersonsA[0]);
        Assert.Equal("Red", (await Json(await social.GetAsync($"/api/v1/assessment/standings/{first}"))).GetProperty("tier").GetString());

        // Dropped: the township now uses the county's policy, and says so.
        var dropped = await Json(await city.DeleteAsync($"/api/v1/assessment/policies/{Scenario.TownshipA}?stamp={stamp}"));
        Assert.Equal(("371121001", "371121"), (dropped.GetProperty("regionCode").GetString(), dropped.GetProperty("inheritedFrom").GetString()));
        Assert.Equal(JsonValueKind.Null, dropped.GetProperty("stamp").ValueKind);
        var read = await Json(await social.GetAsync($"/api/v1/assessment/policies/{Scenario.TownshipA}"));
        Assert.Equal("371121", read.GetProperty("inheritedFrom").GetString());
        Assert.DoesNotContain(read.GetProperty("policy").GetProperty("rules").EnumerateArray(), r => r.GetProperty("code").GetString() == "strict");
        var second = await AssessAsync(worker, social, s.PersonsA[1]);
        var standing = await Json(await social.GetAsync($"/api/v1/assessment/standings/{second}"));
        Assert.Equal(("Yellow", "县：剥夺得分不低于 1/4"), (standing.GetProperty("tier").GetString(), standing.GetProperty("tierRuleName").GetString()));

        // The county's own policy dropped too: the platform default, which itself cannot be dropped.
        var county = await Json(await city.DeleteAsync($"/api/v1/assessment/policies/{Scenario.County}"));
        Assert.Equal(JsonValueKind.Null, county.GetProperty("inheritedFrom").ValueKind);
        Assert.Equal(JsonValueKind.Null, county.GetProperty("stamp").ValueKind);
        Assert.Equal("policy.not_found",
            (await Json(await city.DeleteAsync($"/api/v1/assessment/policies/{Scenario.County}"), HttpStatusCode.NotFound)).GetProperty("code").GetString());

        await using var context = db.CreateContext();
        Assert.Empty(await context.PolicySettings.ToListAsync());
        var trail = await context.AuditEntries.Where(e => e.Action == "policy.delete").OrderBy(e => e.Sequence).Select(e => new { e.EntityId, e.Summary }).ToListAsync();
        Assert.Equal(["371121001", "371121"], trail.Select(t => t.EntityId ?? string.Empty).ToArray());
        Assert.Contains("继承上级区划 371121 的政策", trail[0].Summary, StringComparison.Ordinal);
        Assert.Contains("继承平台默认政策", trail[1].Summary, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_reassessment_falls_due_at_the_cadence_of_the_households_category(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform,
            ("worker.a", Roles.VillageWorker, Scenario.VillageA), ("social.a", Roles.TownshipSocialWorker, Scenario.TownshipA),
            ("officer", Roles.CountyOfficer, Scenario.County), ("city", Roles.RegionalAdmin, "371100000000"));
        var city = (await s.LoginAsync("city", totpKey: await s.EnrolTotpAsync("city"))).Client;
        var social = (await s.LoginAsync("social.a")).Client;
        var worker = (await s.LoginAsync("worker.a")).Client;
        var officer = (await s.LoginAsync("officer")).Client;

        // The default cadence arrives with every category; a month count out of range is refused in Chinese.
        var inherited = (await Json(await city.GetAsync($"/api/v1/assessment/policies/{Scenario.TownshipA}"))).GetProperty("policy").GetProperty("reassessment");
        Assert.Equal(5, inherited.GetProperty("categories").GetArrayLength());
        var bad = await Json(await city.PutAsJsonAsync($"/api/v1/assessment/policies/{Scenario.TownshipA}", await PolicyWithAsync(city, Scenario.TownshipA, null,
            new { stableMonths = 12, variableIncomeMonths = 6, categories = new[] { new { category = "MinimumLiving", stableMonths = 0, variableIncomeMonths = 6 } } }, null)),
            HttpStatusCode.BadRequest);
        Assert.Equal("policy.invalid", bad.GetProperty("code").GetString());
        Assert.Contains("“低保”的复评周期必须是 1 到 60 个月", bad.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The township: 低保 every 9 months (4 when income varies), 特困 every 15; other categories the general 12/6.
        await Json(await city.PutAsJsonAsync($"/api/v1/assessment/policies/{Scenario.TownshipA}", await PolicyWithAsync(city, Scenario.TownshipA, null, new
        {
            stableMonths = 12,
            variableIncomeMonths = 6,
            categories = new[]
            {
                new { category = "MinimumLiving", stableMonths = 9, variableIncomeMonths = 4 },
                new { category = "ExtremelyPoor", stableMonths = 15, variableIncomeMonths = 15 },
            },
        }, null)));

        // The county recognizes the second household as 特困 (the scenario's households are 低保 with members aged 80+).
        var version = (await Json(await officer.GetAsync($"/api/v1/households/{s.HouseholdsA[1]}"))).GetProperty("version").GetGuid();
        await Json(await officer.PutAsJsonAsync($"/api/v1/households/{s.HouseholdsA[1]}/category",
            new { category = "ExtremelyPoor", date = ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM-dd"), version }));

        async Task<JsonElement> ReassessmentOf(Guid household)
        {
            var tasks = await Json(await social.GetAsync("/api/v1/tasks?inbox=all&size=100"));
            return tasks.GetProperty("items").EnumerateArray()
                .Single(t => t.GetProperty("householdId").GetGuid() == household && t.GetProperty("kind").GetString() == "Reassessment");
        }

        foreach (var (person, months, reason) in new[] { (s.PersonsA[0], 9, "低保，收入稳定：每 9 个月复评"), (s.PersonsA[1], 15, "特困人员，收入稳定：每 15 个月复评") })
        {
            var household = await AssessAsync(worker, social, person);
            var task = await ReassessmentOf(household);
            var created = task.GetProperty("createdAt").GetDateTimeOffset();
            Assert.Equal(ChinaTime.ToChina(created).AddMonths(months), task.GetProperty("dueAt").GetDateTimeOffset());
            Assert.EndsWith(reason, task.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
    }
}
