using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.Cases.Domain;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Registry.Domain;
using Microsoft.EntityFrameworkCore;
using static Jiuzhu.IntegrationTests.Residents.ResidentKit;

namespace Jiuzhu.IntegrationTests.Residents;

public sealed class ResidentApplicationTests
{
    private static readonly string NewId = ResidentId.Compose("371121", new DateOnly(1952, 9, 3), 377);

    private static async Task<JsonElement> Move(HttpClient staff, Guid caseId, string action, string? reason = null)
    {
        var detail = await Json(await staff.GetAsync($"/api/v1/cases/{caseId}"));
        return await Json(await staff.PostAsJsonAsync($"/api/v1/cases/{caseId}/transitions",
            new { action, reason, version = detail.GetProperty("case").GetProperty("version").GetGuid() }));
    }

    private static IEnumerable<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid());

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task An_unregistered_resident_applies_online_the_household_is_registered_in_the_chosen_village_and_its_worker_accepts(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var resident = await ResidentAsync(s, "13912345678", NewId, "赵凤英");
        var worker = (await s.LoginAsync("worker.a")).Client;
        var workerB = (await s.LoginAsync("worker.b")).Client;

        var submission = await Json(await ApplyAsync(resident));
        Assert.False(submission.GetProperty("foldedIn").GetBoolean());
        var application = submission.GetProperty("application");
        Assert.Equal("Submitted", application.GetProperty("status").GetString());
        Assert.Equal("Online", application.GetProperty("channel").GetString());
        Assert.Equal(Scenario.VillageA, application.GetProperty("regionCode").GetString());
        Assert.Equal("洪凝街道 东村村民委员会", application.GetProperty("placeName").GetString());
        Assert.Equal(["Withdraw"], application.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!).ToArray());

        // The household is registered in the chosen village, in the resident's own name, and reaches its worker's inbox.
        await using (var context = db.CreateContext())
        {
            var person = context.Persons.Single(p => p.Name == "赵凤英");
            Assert.Equal(Scenario.VillageA, person.RegionCode);
            Assert.Equal(ResidentId.Mask(NewId), person.IdNumberMasked);
            Assert.NotNull(person.PhoneCipher);
            var stored = context.Cases.Single(c => c.Id == Id(application));
            Assert.Equal(person.Id, stored.PersonId);
            Assert.Equal(context.Users.Single(u => u.IdNumberIndex != null).Id, stored.SubmittedByUserId);
            Assert.Contains(context.AuditEntries.ToList(), e => e.Action == "household.register" && e.Summary.Contains("网上申请", StringComparison.Ordinal));
        }

        Assert.Contains(Id(application), Ids(await Json(await worker.GetAsync("/api/v1/cases?inbox=mine"))));
        Assert.DoesNotContain(Id(application), Ids(await Json(await workerB.GetAsync("/api/v1/cases?inbox=all"))));

        await Move(worker, Id(application), "Accept");
        var seen = await Json(await resident.GetAsync($"/api/v1/me/applications/{Id(application)}"));
        Assert.Equal("Accepted", seen.GetProperty("status").GetString());
        var steps = seen.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["resident", "village-worker"], steps.Select(x => x.GetProperty("byRole").GetString()!).ToArray());
        Assert.DoesNotContain("worker.a", seen.ToString());
        Assert.Single((await Json(await resident.GetAsync("/api/v1/me/applications"))).EnumerateArray());
    }

    [Fact]
    public async Task A_registered_person_applying_online_is_attached_to_their_record_in_their_own_village()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        // Registered in village A (lower-case x and all), naming village B on the form.
        var resident = await ResidentAsync(s, "13912345678", s.IdNumbersA[0].ToLowerInvariant());
        var persons = await PersonCountAsync(db);

        var application = (await Json(await ApplyAsync(resident, Scenario.VillageB))).GetProperty("application");
        Assert.Equal(Scenario.VillageA, application.GetProperty("regionCode").GetString());
        Assert.Equal(persons, await PersonCountAsync(db));
        await using (var context = db.CreateContext())
        {
            Assert.Equal(s.PersonsA[0], context.Cases.Single(c => c.Id == Id(application)).PersonId);
        }

        var worker = (await s.LoginAsync("worker.a")).Client;
        Assert.Contains(Id(application), Ids(await Json(await worker.GetAsync("/api/v1/cases?inbox=mine"))));

        // A village that does not exist is refused, with nothing created.
        var unknown = await Json(await ApplyAsync(await ResidentAsync(s, "13912345679", NewId), "371121009209"), HttpStatusCode.BadRequest);
        Assert.Equal("registry.unknown_village", Code(unknown));
        Assert.Equal(persons, await PersonCountAsync(db));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_same_need_applied_for_again_is_folded_into_the_open_application_and_only_the_residents_own_is_shown(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var resident = await ResidentAsync(s, "13912345678", s.IdNumbersA[1]);

        var first = (await Json(await ApplyAsync(resident))).GetProperty("application");
        var again = await Json(await ApplyAsync(resident, need: "再次申请上门做饭"));
        Assert.True(again.GetProperty("foldedIn").GetBoolean());
        Assert.Equal(first.GetProperty("number").GetString(), again.GetProperty("existingNumber").GetString());
        Assert.Equal(Id(first), Id(again.GetProperty("existing")));
        Assert.Equal("Withdrawn", again.GetProperty("application").GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("number").GetString(), again.GetProperty("application").GetProperty("foldedIntoNumber").GetString());

        // An open walk-in case for the same person and need, taken by the worker: folded in, named, but not shown.
        var worker = (await s.LoginAsync("worker.a")).Client;
        var walkIn = (await Json(await worker.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "minimum-living", need = "窗口申请低保", urgent = false, channel = "WalkIn", personId = s.PersonsA[1],
        }))).GetProperty("case");
        var online = await Json(await ApplyAsync(resident, caseType: "minimum-living", need: "网上申请低保"));
        Assert.True(online.GetProperty("foldedIn").GetBoolean());
        Assert.Equal(walkIn.GetProperty("number").GetString(), online.GetProperty("existingNumber").GetString());
        Assert.Equal(JsonValueKind.Null, online.GetProperty("existing").ValueKind);

        var mine = (await Json(await resident.GetAsync("/api/v1/me/applications"))).EnumerateArray().Select(Id).ToList();
        Assert.Equal(3, mine.Count);
        Assert.DoesNotContain(walkIn.GetProperty("id").GetGuid(), mine);
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync($"/api/v1/me/applications/{walkIn.GetProperty("id").GetGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Residents_see_and_move_only_their_own_applications_and_nothing_through_the_staff_api()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var owner = await ResidentAsync(s, "13912345678", NewId);
        var other = await ResidentAsync(s, "13912345679", s.IdNumbersA[2]);
        var application = (await Json(await ApplyAsync(owner))).GetProperty("application");
        var id = Id(application);
        var body = new { reason = "不想申请了", version = Version(application) };

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/me/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/me/applications/{id}/withdraw", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/me/applications/{id}/resubmit", body)).StatusCode);
        Assert.Empty((await Json(await other.GetAsync("/api/v1/me/applications"))).EnumerateArray());

        // The staff API is closed to residents, and the shared endpoints show them no region.
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync("/api/v1/cases?inbox=all")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync($"/api/v1/cases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostAsJsonAsync($"/api/v1/cases/{id}/transitions", new { action = "Accept", version = Version(application) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostAsJsonAsync("/api/v1/cases", new { caseType = "service", need = "申请服务", channel = "WalkIn", idNumber = NewId })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync("/api/v1/households")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync("/api/v1/identity/users")).StatusCode);
        Assert.Empty((await Json(await owner.GetAsync("/api/v1/geo/regions"))).EnumerateArray());
        var me = await Json(await owner.GetAsync("/api/v1/me"));
        Assert.Equal(JsonValueKind.Null, me.GetProperty("jurisdiction").ValueKind);
        Assert.Equal(["resident"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());

        // Staff have no resident API.
        var worker = (await s.LoginAsync("worker.a")).Client;
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/me/applications")).StatusCode);

        await using var context = db.CreateContext();
        Assert.Equal(CaseStatus.Submitted, context.Cases.Single(c => c.Id == id).Status);
    }

    [Fact]
    public async Task The_resident_resubmits_after_a_return_for_correction_sees_the_rejection_notice_and_withdraws_with_a_reason()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var resident = await ResidentAsync(s, "13912345678", NewId);
        var worker = (await s.LoginAsync("worker.a")).Client;
        var social = (await s.LoginAsync("social.a")).Client;
        var id = Id((await Json(await ApplyAsync(resident, caseType: "minimum-living", need: "丈夫去世，无收入来源"))).GetProperty("application"));

        await Move(worker, id, "ReturnForCorrection", "请补充近三个月的收入情况");
        var returned = await Json(await resident.GetAsync($"/api/v1/me/applications/{id}"));
        Assert.Equal("ReturnedForCorrection", returned.GetProperty("status").GetString());
        Assert.Equal("请补充近三个月的收入情况", returned.GetProperty("notice").GetString());
        Assert.Equal(["Resubmit", "Withdraw"], returned.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!).Order().ToArray());

        var url = $"/api/v1/me/applications/{id}/resubmit";
        Assert.Equal("resident.correction_required", Code(await Json(await resident.PostAsJsonAsync(url, new { reason = " ", version = Version(returned) }), HttpStatusCode.BadRequest)));
        Assert.Equal("case.stale", Code(await Json(await resident.PostAsJsonAsync(url, new { reason = "已补充", version = Guid.NewGuid() }), HttpStatusCode.Conflict)));
        var resubmitted = await Json(await resident.PostAsJsonAsync(url, new { reason = "近三个月无收入，靠亲戚接济", version = Version(returned) }));
        Assert.Equal("Submitted", resubmitted.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, resubmitted.GetProperty("notice").ValueKind);

        await Move(worker, id, "Accept");
        await Move(social, id, "Reject", "家庭人均收入高于本地低保标准");
        var rejected = await Json(await resident.GetAsync($"/api/v1/me/applications/{id}"));
        Assert.Equal("Rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("家庭人均收入高于本地低保标准", rejected.GetProperty("notice").GetString());
        Assert.Empty(rejected.GetProperty("allowedActions").EnumerateArray());
        Assert.Equal("case.illegal_transition", Code(await Json(await resident.PostAsJsonAsync($"/api/v1/me/applications/{id}/withdraw",
            new { reason = "撤回", version = Version(rejected) }), HttpStatusCode.Conflict)));

        var second = (await Json(await ApplyAsync(resident))).GetProperty("application");
        var withdrawUrl = $"/api/v1/me/applications/{Id(second)}/withdraw";
        Assert.Equal("case.reason_required", Code(await Json(await resident.PostAsJsonAsync(withdrawUrl, new { reason = "", version = Version(second) }), HttpStatusCode.BadRequest)));
        var withdrawn = await Json(await resident.PostAsJsonAsync(withdrawUrl, new { reason = "家人已接我去城里住", version = Version(second) }));
        Assert.Equal("Withdrawn", withdrawn.GetProperty("status").GetString());

        await using var context = db.CreateContext();
        var account = context.Users.Single(u => u.IdNumberIndex != null).UserName;
        var own = context.AuditEntries.Where(e => e.ActorName == account && e.EntityType == "case").OrderBy(e => e.Sequence).ToList();
        Assert.Equal(["case.submit", "case.resubmit", "case.withdraw", "case.submit", "case.withdraw"], own.Select(e => e.Action).ToArray());
        Assert.Equal("denied", own[2].Outcome);
        Assert.All(own, e => Assert.Equal("resident", e.ActorRoles));
        var steps = context.CaseSteps.Where(x => x.CaseId == id).OrderBy(x => x.Number).ToList();
        Assert.Equal("resident,applicant", steps.Single(x => x.Action == CaseAction.Resubmit).ActorRoles);
    }

    private static async Task<int> PersonCountAsync(TestDatabase db)
    {
        await using var context = db.CreateContext();
        return await context.Persons.CountAsync();
    }
}
