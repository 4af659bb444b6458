using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.IntegrationTests.Plans;

/// <summary>Household service plans over HTTP on both engines: proposal, edits with reasons, submission, return, approval and the needs it creates.</summary>
public sealed class PlanApiTests
{
    private const string Api = "/api/v1/plans";

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task Problem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var problem = await Json(response, status);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    private static async Task<JsonElement> Move(HttpClient client, JsonElement c, string action) =>
        await Json(await client.PostAsJsonAsync($"/api/v1/cases/{c.GetProperty("id").GetGuid()}/transitions",
            new { action, version = c.GetProperty("version").GetGuid() }));

    private static Guid Stamp(JsonElement plan) => plan.GetProperty("stamp").GetGuid();

    private static JsonElement Item(JsonElement plan, string code) =>
        plan.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("itemCode").GetString() == code);

    private static string[] Codes(JsonElement plan) => [.. plan.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemCode").GetString()!)];

    private static object Answers(Guid member) => PlanFixtures.Answers(member);

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_plan_is_proposed_edited_with_reasons_submitted_returned_and_approved_into_needs_awaiting_matching(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        await Calendar.CalendarFixtures.LoadOfficialAsync(platform);
        var s = await Scenario.CreateAsync(platform,
            ("worker.a", Roles.VillageWorker, Scenario.VillageA),
            ("social.a", Roles.TownshipSocialWorker, Scenario.TownshipA),
            ("social.b", Roles.TownshipSocialWorker, Scenario.TownshipB),
            ("officer", Roles.CountyOfficer, Scenario.County),
            ("approver", Roles.CountyApprover, Scenario.County));
        var worker = (await s.LoginAsync("worker.a")).Client;
        var social = (await s.LoginAsync("social.a")).Client;
        var other = (await s.LoginAsync("social.b")).Client;
        var officer = (await s.LoginAsync("officer")).Client;
        var approver = (await s.LoginAsync("approver")).Client;

        // The county has switched home cleaning off: it is never proposed (though the household's needs call for it), and cannot be added.
        await Json(await officer.PutAsJsonAsync("/api/v1/catalog/tiers/371121/items/LIFE-02/switch-off", new { reason = "由村级互助组承担" }));

        var c = (await Json(await worker.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "service", need = "老人需要照料", urgent = false, channel = "Discovery", personId = s.PersonsA[0],
        }))).GetProperty("case");
        var caseId = c.GetProperty("id").GetGuid();
        c = await Move(worker, c, "Accept");
        c = await Move(social, c, "StartAssessment");
        await Problem(await social.PostAsJsonAsync(Api, new { caseId }), HttpStatusCode.Conflict, "plan.no_assessment");
        var draft = await Json(await social.PostAsJsonAsync("/api/v1/assessments", new { caseId }));
        await Json(await social.PostAsJsonAsync($"/api/v1/assessments/{draft.GetProperty("id").GetGuid()}/submit",
            new { answers = Answers(s.PersonsA[0]), version = draft.GetProperty("version").GetGuid() }));

        // Proposal: only planners, inside their jurisdiction; reasons a worker can check against the assessment.
        await Problem(await worker.PostAsJsonAsync(Api, new { caseId }), HttpStatusCode.Forbidden, "plan.forbidden");
        await Problem(await other.PostAsJsonAsync(Api, new { caseId }), HttpStatusCode.NotFound, "case.not_found");
        var plan = await Json(await social.PostAsJsonAsync(Api, new { caseId }));
        var planId = plan.GetProperty("id").GetGuid();
        Assert.Equal(("Draft", 1, "Red", "Assistance"), (plan.GetProperty("status").GetString(), plan.GetProperty("revision").GetInt32(),
            plan.GetProperty("tier").GetString(), plan.GetProperty("phase").GetString()));
        Assert.Equal("LIFE-01 助餐：成员 76 岁；Barthel 指数 60 分（老年人服务包·基础目录）", Item(plan, "LIFE-01").GetProperty("reason").GetString());
        Assert.Equal("Daily", Item(plan, "LIFE-01").GetProperty("frequency").GetString());
        Assert.NotEmpty(Item(plan, "LIFE-01").GetProperty("versionIds").EnumerateArray());
        Assert.Contains("FAMILY-04", Codes(plan));
        Assert.DoesNotContain("LIFE-02", Codes(plan));
        Assert.Contains(plan.GetProperty("skipped").EnumerateArray(),
            k => k.GetProperty("itemCode").GetString() == "LIFE-02" && k.GetProperty("reason").GetString() == "助洁已由社区补充层级在本地停用");
        Assert.Equal(["PKG-CHILD", "PKG-DEPENDENT", "PKG-ELDER", "PKG-WORK"], plan.GetProperty("packages").EnumerateArray().Select(p => p.GetString()!).Order().ToArray());
        c = (await Json(await social.GetAsync($"/api/v1/cases/{caseId}"))).GetProperty("case");
        Assert.Equal("PlanDrafted", c.GetProperty("status").GetString());
        await Problem(await social.PostAsJsonAsync(Api, new { caseId }), HttpStatusCode.Conflict, "plan.exists");
        var itemCount = Codes(plan).Length;

        // Bad edits are refused with a stable code and change nothing.
        var change = $"{Api}/{planId}/changes";
        await Problem(await social.PostAsJsonAsync(change, new { kind = "Add", itemCode = "LIFE-04", stamp = Stamp(plan) }), HttpStatusCode.BadRequest, "plan.reason_required");
        await Problem(await social.PostAsJsonAsync(change, new { kind = "Add", itemCode = "LIFE-02", reason = "需要打扫", stamp = Stamp(plan) }), HttpStatusCode.BadRequest, "plan.item_switched_off");
        await Problem(await social.PostAsJsonAsync(change, new { kind = "Add", itemCode = "NOPE-01", reason = "测试", stamp = Stamp(plan) }), HttpStatusCode.BadRequest, "plan.unknown_item");
        await Problem(await social.PostAsJsonAsync(change, new { kind = "Add", itemCode = "LIFE-01", reason = "重复", stamp = Stamp(plan) }), HttpStatusCode.Conflict, "plan.item_exists");
        await Problem(await social.PostAsJsonAsync(change, new { kind = "Dates", startDate = "2026-05-01", endDate = "2026-04-01", reason = "调整", stamp = Stamp(plan) }), HttpStatusCode.BadRequest, "plan.bad_dates");
        await Problem(await social.PostAsJsonAsync(change, new { kind = "Add", itemCode = "LIFE-04", reason = "行走不便", stamp = Guid.NewGuid() }), HttpStatusCode.Conflict, "plan.stale");
        await Problem(await worker.PostAsJsonAsync(change, new { kind = "Add", itemCode = "LIFE-04", reason = "行走不便", stamp = Stamp(plan) }), HttpStatusCode.Forbidden, "plan.forbidden");
        await Problem(await approver.PostAsJsonAsync($"{Api}/{planId}/approve", new { stamp = Stamp(plan) }), HttpStatusCode.Conflict, "plan.not_submitted");
        var unchanged = await Json(await social.GetAsync($"{Api}/{planId}"));
        Assert.Equal((1, itemCount, Stamp(plan)), (unchanged.GetProperty("revision").GetInt32(), Codes(unchanged).Length, Stamp(unchanged)));

        // Edits: each a new version with its reason.
        plan = await Json(await social.PostAsJsonAsync(change, new { kind = "Add", itemCode = "LIFE-04", frequency = "Weekly", reason = "老人行走不便，需要助行", stamp = Stamp(plan) }));
        Assert.Equal("LIFE-04 助行：社工添加：老人行走不便，需要助行", Item(plan, "LIFE-04").GetProperty("reason").GetString());
        plan = await Json(await social.PostAsJsonAsync(change, new
        {
            kind = "Frequency", itemId = Item(plan, "LIFE-01").GetProperty("id").GetGuid(), frequency = "Weekly", note = "子女工作日送餐", reason = "子女可承担部分用餐",
            stamp = Stamp(plan),
        }));
        Assert.Equal(("Weekly", "子女工作日送餐"), (Item(plan, "LIFE-01").GetProperty("frequency").GetString(), Item(plan, "LIFE-01").GetProperty("note").GetString()));
        plan = await Json(await social.PostAsJsonAsync(change, new { kind = "Remove", itemId = Item(plan, "LIFE-05").GetProperty("id").GetGuid(), reason = "邻居已代办", stamp = Stamp(plan) }));
        Assert.DoesNotContain("LIFE-05", Codes(plan));
        Assert.Equal(4, plan.GetProperty("revision").GetInt32());
        Assert.Equal("邻居已代办", plan.GetProperty("revisions")[0].GetProperty("reason").GetString());

        // Submit; the approver returns it with a reason; the worker submits again; approval.
        plan = await Json(await social.PostAsJsonAsync($"{Api}/{planId}/submit", new { stamp = Stamp(plan) }));
        Assert.Equal("Submitted", plan.GetProperty("status").GetString());
        await Problem(await social.PostAsJsonAsync(change, new { kind = "Add", itemCode = "LIFE-05", reason = "代购", stamp = Stamp(plan) }), HttpStatusCode.Conflict, "plan.not_editable");
        await Problem(await social.PostAsJsonAsync($"{Api}/{planId}/approve", new { stamp = Stamp(plan) }), HttpStatusCode.Forbidden, "plan.forbidden");
        await Problem(await approver.PostAsJsonAsync($"{Api}/{planId}/return", new { stamp = Stamp(plan), reason = " " }), HttpStatusCode.BadRequest, "plan.reason_required");
        Assert.Equal("PendingApproval", (await Json(await social.GetAsync($"/api/v1/cases/{caseId}"))).GetProperty("case").GetProperty("status").GetString());
        plan = await Json(await approver.PostAsJsonAsync($"{Api}/{planId}/return", new { stamp = Stamp(plan), reason = "请补充心理支持的频次说明" }));
        Assert.Equal(("Returned", "请补充心理支持的频次说明"), (plan.GetProperty("status").GetString(), plan.GetProperty("returnReason").GetString()));
        Assert.Equal("PlanDrafted", (await Json(await social.GetAsync($"/api/v1/cases/{caseId}"))).GetProperty("case").GetProperty("status").GetString());
        plan = await Json(await social.PostAsJsonAsync($"{Api}/{planId}/submit", new { stamp = Stamp(plan) }));
        Assert.Empty((await Json(await approver.GetAsync($"{Api}/needs"))).GetProperty("items").EnumerateArray());
        plan = await Json(await approver.PostAsJsonAsync($"{Api}/{planId}/approve", new { stamp = Stamp(plan) }));
        Assert.Equal(("Approved", 8), (plan.GetProperty("status").GetString(), plan.GetProperty("revision").GetInt32()));
        Assert.Equal("Approved", (await Json(await social.GetAsync($"/api/v1/cases/{caseId}"))).GetProperty("case").GetProperty("status").GetString());

        // Every civil-affairs item is now a need awaiting matching, priority 1 for a red household, seen only inside the
        // jurisdiction; the items other departments own went to them as referrals (职能划分), with the item's reason.
        var items = plan.GetProperty("items").EnumerateArray().ToList();
        string[] CodesWhere(Func<string, bool> owner) =>
            [.. items.Where(i => owner(i.GetProperty("ownerDepartment").GetString()!)).Select(i => i.GetProperty("itemCode").GetString()!).Order()];
        var needs = await Json(await approver.GetAsync($"{Api}/needs?region={Scenario.TownshipA}"));
        Assert.Equal(CodesWhere(d => d == "civil-affairs"), needs.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("itemCode").GetString()!).Order().ToArray());
        var referredCodes = CodesWhere(d => d != "civil-affairs");
        Assert.NotEmpty(referredCodes);
        var referrals = await Json(await approver.GetAsync($"/api/v1/referrals/households/{plan.GetProperty("householdId").GetGuid()}"));
        Assert.Equal(referredCodes, referrals.EnumerateArray().Select(r => r.GetProperty("key").GetString()!).Order().ToArray());
        Assert.All(referrals.EnumerateArray(), r => Assert.Equal(("Sent", caseId), (r.GetProperty("status").GetString(), r.GetProperty("caseId").GetGuid())));
        Assert.All(needs.GetProperty("items").EnumerateArray(), n =>
        {
            Assert.Equal(1, n.GetProperty("priority").GetInt32());
            Assert.Equal("AwaitingMatch", n.GetProperty("status").GetString());
            Assert.Equal(Scenario.VillageA, n.GetProperty("regionCode").GetString());
        });
        Assert.Equal("Weekly", needs.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("itemCode").GetString() == "LIFE-01").GetProperty("frequency").GetString());
        Assert.Equal(0, (await Json(await other.GetAsync($"{Api}/needs"))).GetProperty("total").GetInt32());
        await Problem(await other.GetAsync($"{Api}/needs?region={Scenario.TownshipA}"), HttpStatusCode.Forbidden, "plan.outside_jurisdiction");
        await Problem(await other.GetAsync($"{Api}/{planId}"), HttpStatusCode.NotFound, "plan.not_found");
        await Problem(await worker.GetAsync($"{Api}/needs"), HttpStatusCode.Forbidden, "plan.forbidden");
        Assert.Single((await Json(await worker.GetAsync($"{Api}?caseId={caseId}"))).EnumerateArray());

        // Every version is kept; the audit trail records each step without the reasons, ages or levels.
        await using var context = db.CreateContext();
        Assert.Equal(8, await context.PlanRevisions.IgnoreQueryFilters().CountAsync(r => r.PlanId == planId));
        var trail = await context.AuditEntries.Where(e => e.EntityId == planId.ToString()).OrderBy(e => e.Sequence).Select(e => new { e.Action, e.Summary }).ToListAsync();
        Assert.Equal(["plan.propose", "plan.change", "plan.change", "plan.change", "plan.submit", "plan.return", "plan.submit", "plan.approve"], trail.Select(t => t.Action));
        var summaries = string.Concat(trail.Select(t => t.Summary));
        foreach (var secret in new[] { "岁", "Barthel", "行走不便", "邻居", "心理支持的频次" })
        {
            Assert.DoesNotContain(secret, summaries, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task An_approved_plan_is_due_for_review_once_the_household_is_reassessed_until_a_new_plan_supersedes_it(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        await Calendar.CalendarFixtures.LoadOfficialAsync(platform);
        var s = await Scenario.CreateAsync(platform,
            ("worker.a", Roles.VillageWorker, Scenario.VillageA),
            ("social.a", Roles.TownshipSocialWorker, Scenario.TownshipA),
            ("social.b", Roles.TownshipSocialWorker, Scenario.TownshipB),
            ("approver", Roles.CountyApprover, Scenario.County));
        var worker = (await s.LoginAsync("worker.a")).Client;
        var social = (await s.LoginAsync("social.a")).Client;
        var other = (await s.LoginAsync("social.b")).Client;
        var approver = (await s.LoginAsync("approver")).Client;

        var c = (await Json(await worker.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "service", need = "老人需要照料", urgent = false, channel = "Discovery", personId = s.PersonsA[0],
        }))).GetProperty("case");
        var caseId = c.GetProperty("id").GetGuid();
        c = await Move(worker, c, "Accept");
        c = await Move(social, c, "StartAssessment");
        async Task AssessAsync(object answers)
        {
            var draft = await Json(await social.PostAsJsonAsync("/api/v1/assessments", new { caseId }));
            await Json(await social.PostAsJsonAsync($"/api/v1/assessments/{draft.GetProperty("id").GetGuid()}/submit",
                new { answers, version = draft.GetProperty("version").GetGuid() }));
        }

        async Task<JsonElement> ApprovedPlanAsync()
        {
            var plan = await Json(await social.PostAsJsonAsync(Api, new { caseId }));
            var id = plan.GetProperty("id").GetGuid();
            plan = await Json(await social.PostAsJsonAsync($"{Api}/{id}/submit", new { stamp = Stamp(plan) }));
            return await Json(await approver.PostAsJsonAsync($"{Api}/{id}/approve", new { stamp = Stamp(plan) }));
        }

        await AssessAsync(Answers(s.PersonsA[0]));
        var first = await ApprovedPlanAsync();
        var firstId = first.GetProperty("id").GetGuid();
        Assert.Empty(first.GetProperty("review").EnumerateArray());
        Assert.Equal(0, (await Json(await social.GetAsync($"{Api}/reviews"))).GetProperty("total").GetInt32());

        // 动态调整: the approved plan is the township's demand; its civil-affairs items await matching, so they are unmet.
        var civil = first.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("ownerDepartment").GetString() == "civil-affairs")
            .Select(i => i.GetProperty("itemCode").GetString()!).ToList();
        var report = await Json(await social.GetAsync($"/api/v1/catalog/adjustment?region={Scenario.TownshipA}"));
        Assert.Equal(1, report.GetProperty("summary").GetProperty("households").GetInt32());
        Assert.Equal(first.GetProperty("items").GetArrayLength(), report.GetProperty("summary").GetProperty("planItems").GetInt32());
        Assert.Equal(civil.Count, report.GetProperty("summary").GetProperty("unmetItems").GetInt32());
        Assert.True(report.GetProperty("supplyKnown").GetBoolean());
        Assert.Equal(0m, report.GetProperty("summary").GetProperty("deliveredUnits").GetDecimal());
        var reportItems = report.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(1, reportItems.Single(i => i.GetProperty("code").GetString() == "LIFE-01").GetProperty("households").GetInt32());
        var neverUsed = report.GetProperty("neverUsed").EnumerateArray().Select(u => u.GetProperty("code").GetString()).ToList();
        Assert.DoesNotContain("LIFE-01", neverUsed);
        Assert.Equal(report.GetProperty("summary").GetProperty("itemsInCatalog").GetInt32() - reportItems.Count, neverUsed.Count);
        var xlsx = await approver.GetAsync($"/api/v1/catalog/adjustment.xlsx?region={Scenario.County}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);
        await Problem(await social.GetAsync("/api/v1/catalog/adjustment?from=2026-12-01&to=2026-11-01"), HttpStatusCode.BadRequest, "adjustment.bad_period");
        await Problem(await other.GetAsync($"/api/v1/catalog/adjustment?region={Scenario.TownshipA}"), HttpStatusCode.Forbidden, "adjustment.outside_jurisdiction");
        await Problem(await worker.GetAsync("/api/v1/catalog/adjustment"), HttpStatusCode.Forbidden, "adjustment.forbidden");
        Assert.Equal(0, (await Json(await other.GetAsync("/api/v1/catalog/adjustment"))).GetProperty("summary").GetProperty("households").GetInt32());

        // In service the household is reassessed: guardianship and care are now in place, so it is no longer red.
        c = (await Json(await social.GetAsync($"/api/v1/cases/{caseId}"))).GetProperty("case");
        c = await Move(social, c, "StartService");
        await AssessAsync(new
        {
            values = new Dictionary<string, decimal?>
            {
                ["income"] = 1500m, ["rigid_spending"] = 20m, ["serious_illness"] = 0, ["severe_disability"] = 0,
                ["elderly_ability"] = 0, ["school_dropout"] = 0, ["adult_schooling"] = 3,
                ["unsafe_housing"] = 0, ["water_sanitation"] = 0, ["no_stable_work"] = 1, ["no_caregiver"] = 0, ["child_guardianship"] = 0,
                ["no_support_network"] = 0, ["isolation"] = 0,
            },
            notes = "复评",
        });

        var reviewed = await Json(await social.GetAsync($"{Api}/{firstId}"));
        var reasons = reviewed.GetProperty("review").EnumerateArray().Select(r => r.GetProperty("reason").GetString()).ToList();
        Assert.Contains("Reassessed", reasons);
        Assert.Contains("TierChanged", reasons);
        var due = await Json(await social.GetAsync($"{Api}/reviews?region={Scenario.TownshipA}"));
        var row = Assert.Single(due.GetProperty("items").EnumerateArray());
        Assert.Equal((firstId, caseId), (row.GetProperty("planId").GetGuid(), row.GetProperty("caseId").GetGuid()));
        Assert.NotEqual("Red", row.GetProperty("tier").GetString());
        Assert.Equal(0, (await Json(await other.GetAsync($"{Api}/reviews"))).GetProperty("total").GetInt32());
        await Problem(await other.GetAsync($"{Api}/reviews?region={Scenario.TownshipA}"), HttpStatusCode.Forbidden, "plan.outside_jurisdiction");
        await Problem(await worker.GetAsync($"{Api}/reviews"), HttpStatusCode.Forbidden, "plan.forbidden");

        // A new plan from the reassessment, once approved, supersedes the first: nothing is due any more.
        var second = await ApprovedPlanAsync();
        Assert.Empty(second.GetProperty("review").EnumerateArray());
        Assert.Equal("Superseded", (await Json(await social.GetAsync($"{Api}/{firstId}"))).GetProperty("status").GetString());
        Assert.Equal(0, (await Json(await social.GetAsync($"{Api}/reviews"))).GetProperty("total").GetInt32());

        // The household's items count once in the report though two plans were in force today (the first until yesterday).
        var after = await Json(await social.GetAsync($"/api/v1/catalog/adjustment?region={Scenario.TownshipA}"));
        Assert.Equal(1, after.GetProperty("summary").GetProperty("households").GetInt32());
        var union = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("itemCode").GetString()).Distinct().Count();
        Assert.True(after.GetProperty("summary").GetProperty("planItems").GetInt32() <= union);
    }
}
