using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Jiuzhu.Registry.Domain;

namespace Jiuzhu.IntegrationTests.Registry;

public sealed class HouseholdApiTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static Task<Scenario> StaffAsync(TestPlatform platform) => Scenario.CreateAsync(platform,
        ("worker.a", Roles.VillageWorker, Scenario.VillageA),
        ("social.a", Roles.TownshipSocialWorker, Scenario.TownshipA),
        ("officer", Roles.CountyOfficer, Scenario.County));

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Households_are_found_by_name_prefix_full_masked_or_last_four_identity_number_and_filters(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var officer = (await s.LoginAsync("officer")).Client;
        var id = s.IdNumbersA[1];

        async Task<Guid[]> Find(string query) =>
            (await Json(await officer.GetAsync($"/api/v1/households?query={Uri.EscapeDataString(query)}"))).GetProperty("items")
                .EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToArray();

        Assert.Equal([s.HouseholdsA[1]], await Find(id));
        Assert.Equal([s.HouseholdsA[1]], await Find(id.ToLowerInvariant()));
        Assert.Equal([s.HouseholdsA[1]], await Find(ResidentId.Mask(id)));
        Assert.Contains(s.HouseholdsA[1], await Find(id[^4..]));
        Assert.Equal(5, (await Find("测试")).Length);
        Assert.Equal(3, (await Find("测试1201")).Length);
        Assert.Empty(await Find("不存在的人"));

        var filtered = await Json(await officer.GetAsync($"/api/v1/households?region={Scenario.VillageB}&needs=Aged80Plus"));
        Assert.Equal(2, filtered.GetProperty("total").GetInt32());
        var none = await Json(await officer.GetAsync("/api/v1/households?needs=ElderlyLivingAlone"));
        Assert.Equal(0, none.GetProperty("total").GetInt32());
        var bad = await Json(await officer.GetAsync("/api/v1/households?needs=Rich"), HttpStatusCode.BadRequest);
        Assert.Equal("registry.bad_needs", bad.GetProperty("code").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Two_simultaneous_edits_one_wins_and_the_other_gets_a_conflict(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var worker = (await s.LoginAsync("worker.a")).Client;
        var social = (await s.LoginAsync("social.a")).Client;
        var household = await Json(await worker.GetAsync($"/api/v1/households/{s.HouseholdsA[0]}"));
        var version = household.GetProperty("version").GetGuid();

        var first = await worker.PutAsJsonAsync($"/api/v1/households/{s.HouseholdsA[0]}", new { address = "东村新址 1 号", version });
        var second = await social.PutAsJsonAsync($"/api/v1/households/{s.HouseholdsA[0]}", new { address = "东村新址 2 号", version });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("registry.stale", (await Json(second, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        var after = await Json(await worker.GetAsync($"/api/v1/households/{s.HouseholdsA[0]}"));
        Assert.Equal("东村新址 1 号", after.GetProperty("address").GetString());
    }

    [Fact]
    public async Task Members_consents_disability_and_guardianship_are_recorded_checked_and_protected()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var worker = (await s.LoginAsync("worker.a")).Client;
        var officer = (await s.LoginAsync("officer")).Client;
        var household = s.HouseholdsA[0];
        var childId = ResidentId.Compose("371121", new DateOnly(2016, 6, 1), 122);

        var mismatch = await Json(await worker.PostAsJsonAsync($"/api/v1/households/{household}/members", new
        {
            name = "测试孙女", idNumber = childId, relation = "Grandchild", needs = "LeftBehindChild", expectedSex = "male",
        }), HttpStatusCode.BadRequest);
        Assert.Equal("registry.sex_mismatch", mismatch.GetProperty("code").GetString());

        await Json(await worker.PostAsJsonAsync($"/api/v1/households/{household}/members", new
        {
            name = "测试孙女", idNumber = childId, relation = "Grandchild", needs = "LeftBehindChild", expectedSex = "female", expectedBirthDate = "2016-06-01",
        }));
        var again = await Json(await worker.PostAsJsonAsync($"/api/v1/households/{household}/members", new
        {
            name = "重复", idNumber = childId, relation = "Child", needs = "None",
        }), HttpStatusCode.Conflict);
        Assert.Equal("registry.person_exists", again.GetProperty("code").GetString());

        var detail = await Json(await worker.GetAsync($"/api/v1/households/{household}"));
        var members = detail.GetProperty("members").EnumerateArray().ToList();
        var child = members.Single(m => m.GetProperty("name").GetString() == "测试孙女").GetProperty("id").GetGuid();
        var head = members.Single(m => m.GetProperty("relation").GetString() == "Head").GetProperty("id").GetGuid();

        await Json(await worker.PutAsJsonAsync($"/api/v1/persons/{child}/guardian", new { guardianId = head, relation = "祖父母" }));
        var notMinor = await Json(await worker.PutAsJsonAsync($"/api/v1/persons/{head}/guardian", new { guardianId = child, relation = "子女" }), HttpStatusCode.BadRequest);
        Assert.Equal("registry.not_minor", notMinor.GetProperty("code").GetString());

        await Json(await worker.PutAsJsonAsync($"/api/v1/persons/{head}/disability", new { category = "Physical", level = 2, number = "37112119500101XXXX42" }));
        var badLevel = await Json(await worker.PutAsJsonAsync($"/api/v1/persons/{head}/disability", new { category = "Physical", level = 5 }), HttpStatusCode.BadRequest);
        Assert.Equal("registry.disability_level", badLevel.GetProperty("code").GetString());

        await Json(await worker.PostAsJsonAsync($"/api/v1/persons/{head}/consents", new
        {
            purposes = new[] { "assessment", "data-sharing" }, departments = new[] { "health", "disabled-persons" }, givenOn = "2026-01-05", givenBy = "本人", evidence = "授权书 2026-001",
        }));
        var future = await Json(await worker.PostAsJsonAsync($"/api/v1/persons/{head}/consents", new
        {
            purposes = new[] { "assessment" }, departments = Array.Empty<string>(), givenOn = "2099-01-01",
        }), HttpStatusCode.BadRequest);
        Assert.Equal("consent.future", future.GetProperty("code").GetString());

        detail = await Json(await worker.GetAsync($"/api/v1/households/{household}"));
        var headView = detail.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == head);
        Assert.True(headView.GetProperty("hasDisabilityCertificate").GetBoolean());
        Assert.Contains("SevereDisability", headView.GetProperty("needs").GetString());
        var childView = detail.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == child);
        Assert.Equal("祖父母", childView.GetProperty("guardianRelation").GetString());
        var consent = detail.GetProperty("consents").EnumerateArray().Single();
        Assert.Equal(["assessment", "data-sharing"], consent.GetProperty("purposes").EnumerateArray().Select(p => p.GetString()!).ToArray());

        // The certificate is stored encrypted and shown only through an audited reveal.
        var revealed = await Json(await worker.PostAsJsonAsync($"/api/v1/persons/{head}/reveal", new { field = "disability", reason = "核定服务需求" }));
        Assert.Equal("肢体残疾二级，证号 37112119500101XXXX42", revealed.GetProperty("value").GetString());
        await using var context = db.CreateContext();
        Assert.DoesNotContain("肢体", context.Persons.Single(p => p.Id == head).DisabilityCipher);
        Assert.Single(context.AuditEntries.Where(e => e.Action == "person.reveal-disability"));

        // Categories are decided by the county, with their periods kept.
        var version = (await Json(await officer.GetAsync($"/api/v1/households/{household}"))).GetProperty("version").GetGuid();
        var today = ChinaTime.Today(TimeProvider.System);
        var tomorrow = today.AddDays(1).ToString("yyyy-MM-dd");
        var byWorker = await Json(await worker.PutAsJsonAsync($"/api/v1/households/{household}/category", new { category = "ExtremelyPoor", date = tomorrow, version }), HttpStatusCode.Forbidden);
        Assert.Equal("registry.category_forbidden", byWorker.GetProperty("code").GetString());
        var backdated = await Json(await officer.PutAsJsonAsync($"/api/v1/households/{household}/category", new { category = "ExtremelyPoor", date = "2000-01-01", version }), HttpStatusCode.BadRequest);
        Assert.Equal("registry.category_date", backdated.GetProperty("code").GetString());
        await Json(await officer.PutAsJsonAsync($"/api/v1/households/{household}/category", new { category = "ExtremelyPoor", date = tomorrow, version }));
        var periods = (await Json(await officer.GetAsync($"/api/v1/households/{household}"))).GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(2, periods.Count);
        Assert.Equal("ExtremelyPoor", periods[0].GetProperty("category").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd"), periods[1].GetProperty("end").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Two_households_merge_after_a_correction_with_members_consents_and_cases_following(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var worker = (await s.LoginAsync("worker.a")).Client;
        var social = (await s.LoginAsync("social.a")).Client;
        var (from, into) = (s.HouseholdsA[2], s.HouseholdsA[0]);
        var @case = (await Json(await worker.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "service", need = "助餐", urgent = false, channel = "WalkIn", personId = s.PersonsA[2],
        }))).GetProperty("case").GetProperty("id").GetGuid();
        await Json(await worker.PostAsJsonAsync($"/api/v1/persons/{s.PersonsA[2]}/consents", new
        {
            purposes = new[] { "assessment" }, departments = Array.Empty<string>(), givenOn = "2026-01-05",
        }));

        var byWorker = await Json(await worker.PostAsJsonAsync($"/api/v1/households/{from}/merge", new { into, reason = "同一家庭重复登记" }), HttpStatusCode.Forbidden);
        Assert.Equal("registry.merge_forbidden", byWorker.GetProperty("code").GetString());
        await Json(await social.PostAsJsonAsync($"/api/v1/households/{from}/merge", new { into, reason = "同一家庭重复登记" }));

        var kept = await Json(await social.GetAsync($"/api/v1/households/{into}"));
        Assert.Equal(2, kept.GetProperty("members").GetArrayLength());
        Assert.Single(kept.GetProperty("consents").EnumerateArray());
        var merged = await Json(await social.GetAsync($"/api/v1/households/{from}"));
        Assert.Equal(into, merged.GetProperty("mergedIntoId").GetGuid());
        Assert.Equal(0, merged.GetProperty("members").GetArrayLength());
        var caseDetail = await Json(await social.GetAsync($"/api/v1/cases/{@case}"));
        Assert.Equal(into, caseDetail.GetProperty("case").GetProperty("householdId").GetGuid());

        // The merged household no longer shows in searches, and cannot be merged twice.
        var list = await Json(await social.GetAsync($"/api/v1/households?region={Scenario.VillageA}"));
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        var twice = await Json(await social.PostAsJsonAsync($"/api/v1/households/{from}/merge", new { into, reason = "再次" }), HttpStatusCode.Conflict);
        Assert.Equal("registry.already_merged", twice.GetProperty("code").GetString());

        await using var context = db.CreateContext();
        Assert.Equal(2, context.AuditEntries.Count(e => e.Action == "household.merge" || e.Action == "household.merged"));
    }
}
