using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Jiuzhu.Registry.Domain;

namespace Jiuzhu.IntegrationTests.Cases;

public sealed class CaseWorkflowApiTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> Move(HttpClient client, JsonElement c, string action, string? reason = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        await Json(await client.PostAsJsonAsync($"/api/v1/cases/{c.GetProperty("id").GetGuid()}/transitions",
            new { action, reason, version = c.GetProperty("version").GetGuid() }), expected);

    private static Task<Scenario> StaffAsync(TestPlatform platform) => Scenario.CreateAsync(platform,
        ("worker.a", Roles.VillageWorker, Scenario.VillageA),
        ("worker.b", Roles.VillageWorker, Scenario.VillageB),
        ("social.a", Roles.TownshipSocialWorker, Scenario.TownshipA),
        ("approver", Roles.CountyApprover, Scenario.County),
        ("officer", Roles.CountyOfficer, Scenario.County),
        ("sec", Roles.SecurityAdmin, Scenario.County));

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_walk_in_application_for_a_new_person_runs_the_whole_lifecycle_with_every_step_audited(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var worker = (await s.LoginAsync("worker.a")).Client;
        var social = (await s.LoginAsync("social.a")).Client;
        var approver = (await s.LoginAsync("approver")).Client;
        var officer = (await s.LoginAsync("officer")).Client;

        var newId = ResidentId.Compose("371121", new DateOnly(1961, 3, 8), 461);
        var intake = await Json(await worker.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "minimum-living", need = "丈夫重病，无力负担生活", urgent = false, channel = "WalkIn",
            idNumber = newId, name = "周桂芳", phone = "13912345678", address = "东村 8 号",
        }));
        Assert.True(intake.GetProperty("newHousehold").GetBoolean());
        var c = intake.GetProperty("case");
        Assert.Equal("Submitted", c.GetProperty("status").GetString());
        Assert.Equal(Scenario.VillageA, c.GetProperty("regionCode").GetString());
        Assert.Matches(@"^371121-\d{4}-000001$", c.GetProperty("number").GetString());

        c = await Move(worker, c, "Accept");
        c = await Move(social, c, "StartAssessment");
        c = await Move(social, c, "DraftPlan");
        c = await Move(social, c, "SubmitForApproval");
        c = await Move(approver, c, "Approve");
        c = await Move(social, c, "StartService");
        c = await Move(social, c, "StartReview");
        c = await Move(officer, c, "Close", "家庭收入恢复，服务目标已达成");
        Assert.Equal("Closed", c.GetProperty("status").GetString());

        var detail = await Json(await officer.GetAsync($"/api/v1/cases/{c.GetProperty("id").GetGuid()}"));
        var steps = detail.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(9, steps.Count);
        Assert.Equal("家庭收入恢复，服务目标已达成", steps[^1].GetProperty("reason").GetString());
        Assert.Equal(["Reopen"], detail.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetProperty("action").GetString()!).ToArray());

        await using var context = db.CreateContext();
        var caseId = c.GetProperty("id").GetGuid().ToString();
        var actions = context.AuditEntries.Where(e => e.EntityId == caseId).OrderBy(e => e.Sequence).Select(e => e.Action).ToList();
        Assert.Equal(
            ["case.submit", "case.accept", "case.start-assessment", "case.draft-plan", "case.submit-for-approval", "case.approve", "case.start-service", "case.start-review", "case.close"],
            actions);
        Assert.Single(context.Persons.Where(p => p.Name == "周桂芳"));
    }

    [Fact]
    public async Task Illegal_moves_wrong_roles_missing_reasons_and_stale_versions_are_refused_and_change_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var worker = (await s.LoginAsync("worker.a")).Client;
        var approver = (await s.LoginAsync("approver")).Client;
        var c = (await Json(await worker.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "temporary", need = "房屋失火，急需临时安置", urgent = true, channel = "Discovery", personId = s.PersonsA[0],
        }))).GetProperty("case");

        var illegal = await Move(worker, c, "Approve", expected: HttpStatusCode.Conflict);
        Assert.Equal("case.illegal_transition", illegal.GetProperty("code").GetString());
        var forbidden = await Move(approver, c, "Accept", expected: HttpStatusCode.Forbidden);
        Assert.Equal("case.action_forbidden", forbidden.GetProperty("code").GetString());
        var noReason = await Move(worker, c, "ReturnForCorrection", "  ", HttpStatusCode.BadRequest);
        Assert.Equal("case.reason_required", noReason.GetProperty("code").GetString());

        var accepted = await Move(worker, c, "Accept");
        var stale = await Move(worker, c, "Withdraw", "申请人撤回", HttpStatusCode.Conflict);
        Assert.Equal("case.stale", stale.GetProperty("code").GetString());

        var detail = await Json(await worker.GetAsync($"/api/v1/cases/{c.GetProperty("id").GetGuid()}"));
        Assert.Equal("Accepted", detail.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(2, detail.GetProperty("steps").GetArrayLength());
        Assert.Equal(accepted.GetProperty("version").GetGuid(), detail.GetProperty("case").GetProperty("version").GetGuid());

        await using var context = db.CreateContext();
        Assert.Equal(2, context.AuditEntries.Count(e => e.EntityType == "case" && e.Outcome == "denied"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_same_need_filed_again_through_another_channel_is_folded_into_the_open_case(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var worker = (await s.LoginAsync("worker.a")).Client;
        var first = (await Json(await worker.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "minimum-living", need = "申请低保", urgent = false, channel = "WalkIn", idNumber = s.IdNumbersA[0],
        }))).GetProperty("case");

        // The same person and need, now referred by the health department's system with an API key.
        var security = (await s.LoginAsync("sec", totpKey: await s.EnrolTotpAsync("sec"))).Client;
        var key = (await Json(await security.PostAsJsonAsync("/api/v1/identity/api-clients", new { name = "卫健转介", department = "health", jurisdiction = Scenario.County })))
            .GetProperty("key").GetString()!;
        using var health = platform.CreateClient();
        health.DefaultRequestHeaders.Add("X-Api-Key", key);
        var second = await Json(await health.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "minimum-living", need = "医院发现患者家庭困难，转介申请低保", urgent = false, channel = "Referral",
            idNumber = s.IdNumbersA[0].ToLowerInvariant(), referringDepartment = "health",
        }));
        Assert.Equal(first.GetProperty("id").GetGuid(), second.GetProperty("duplicateOf").GetProperty("id").GetGuid());
        Assert.Equal("Withdrawn", second.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("id").GetGuid(), second.GetProperty("case").GetProperty("duplicateOfId").GetGuid());

        // The worker sees one open case for the person, and the duplicate points at it.
        var mine = await Json(await worker.GetAsync("/api/v1/cases?inbox=mine"));
        Assert.Equal(1, mine.GetProperty("total").GetInt32());
        var dup = await Json(await worker.GetAsync($"/api/v1/cases/{second.GetProperty("case").GetProperty("id").GetGuid()}"));
        Assert.Equal(first.GetProperty("number").GetString(), dup.GetProperty("duplicateOfNumber").GetString());

        // A different need is a new case, not a duplicate.
        var other = await Json(await worker.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "service", need = "需要助餐服务", urgent = false, channel = "WalkIn", idNumber = s.IdNumbersA[0],
        }));
        Assert.Equal(JsonValueKind.Null, other.GetProperty("duplicateOf").ValueKind);
        await using var context = db.CreateContext();
        Assert.Single(context.Persons.Where(p => p.HouseholdId == s.HouseholdsA[0]));
    }

    [Fact]
    public async Task Cases_are_confined_to_their_jurisdiction_and_a_person_registered_elsewhere_is_not_registered_twice()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var workerA = (await s.LoginAsync("worker.a")).Client;
        var workerB = (await s.LoginAsync("worker.b")).Client;
        var c = (await Json(await workerA.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "service", need = "独居老人需要上门照料", urgent = false, channel = "Discovery", personId = s.PersonsA[1],
        }))).GetProperty("case");

        Assert.Equal(HttpStatusCode.NotFound, (await workerB.GetAsync($"/api/v1/cases/{c.GetProperty("id").GetGuid()}")).StatusCode);
        await Move(workerB, c, "Accept", expected: HttpStatusCode.NotFound);
        Assert.Equal(0, (await Json(await workerB.GetAsync("/api/v1/cases?inbox=all"))).GetProperty("total").GetInt32());

        var elsewhere = await Json(await workerB.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "service", need = "申请服务", urgent = false, channel = "WalkIn", idNumber = s.IdNumbersA[1], name = "冒名", address = "西村 1 号",
        }), HttpStatusCode.Conflict);
        Assert.Equal("case.person_elsewhere", elsewhere.GetProperty("code").GetString());

        var badId = await Json(await workerA.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "service", need = "申请服务", urgent = false, channel = "WalkIn", idNumber = "3.71121E+17", name = "某人", address = "东村 2 号",
        }), HttpStatusCode.BadRequest);
        Assert.Equal("id.scientific_notation", badId.GetProperty("code").GetString());
        Assert.Contains("科学计数法", badId.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Two_simultaneous_moves_on_the_same_version_one_wins_and_the_other_gets_a_conflict()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var workerA = (await s.LoginAsync("worker.a")).Client;
        var social = (await s.LoginAsync("social.a")).Client;
        var c = (await Json(await workerA.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "temporary", need = "突发重病", urgent = true, channel = "WalkIn", personId = s.PersonsA[2],
        }))).GetProperty("case");

        var body = new { action = "Accept", reason = (string?)null, version = c.GetProperty("version").GetGuid() };
        var url = $"/api/v1/cases/{c.GetProperty("id").GetGuid()}/transitions";
        var results = await Task.WhenAll(workerA.PostAsJsonAsync(url, body), social.PostAsJsonAsync(url, body));
        var outcome = string.Join(" | ", await Task.WhenAll(results.Select(async r => $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}")));
        Assert.True(results.Count(r => r.StatusCode == HttpStatusCode.OK) == 1, outcome);
        Assert.True(results.Count(r => r.StatusCode == HttpStatusCode.Conflict) == 1, outcome);
    }
}
