using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.IntegrationTests.Calendar;

public sealed class CalendarApiTests
{
    private const string City = "371100000000";

    private static async Task<Scenario> StaffAsync(TestPlatform platform)
    {
        var s = await Scenario.CreateAsync(platform,
            ("worker.a", Roles.VillageWorker, Scenario.VillageA),
            ("county", Roles.CountyOfficer, Scenario.County),
            ("approver", Roles.CountyApprover, Scenario.County),
            ("city", Roles.RegionalAdmin, City),
            ("sys", Roles.SystemAdmin, Scenario.County));
        using var host = CalendarFixtures.Host(platform.Database);
        Assert.True((await CalendarFixtures.ImportFileAsync(host, CalendarFixtures.OfficialFile)).IsSuccess);
        return s;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Staff_read_the_calendar_and_only_the_system_administrator_adds_a_year(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var worker = (await s.LoginAsync("worker.a")).Client;

        using (var years = JsonDocument.Parse(await worker.GetStringAsync("/api/v1/calendar/years")))
        {
            Assert.Equal([2025, 2026], years.RootElement.EnumerateArray().Select(y => y.GetProperty("year").GetInt32()));
            Assert.Equal(33, years.RootElement[1].GetProperty("holidays").GetInt32());
        }

        using (var days = JsonDocument.Parse(await worker.GetStringAsync("/api/v1/calendar/years/2026/days")))
        {
            var saturday = days.RootElement.EnumerateArray().Single(d => d.GetProperty("date").GetString() == "2026-02-14");
            Assert.Equal(("adjusted-working-day", "春节"), (saturday.GetProperty("kind").GetString(), saturday.GetProperty("name").GetString()));
        }

        Assert.Equal("calendar.year_not_found", await CodeOf(await worker.GetAsync("/api/v1/calendar/years/2027/days")));

        var county = (await s.LoginAsync("county")).Client;
        var refused = await county.PostAsync("/api/v1/calendar/years", Json(CalendarFixtures.Year2027));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("calendar.forbidden", await CodeOf(refused));

        var sys = (await s.LoginAsync("sys", totpKey: await s.EnrolTotpAsync("sys"))).Client;
        var bad = await sys.PostAsync("/api/v1/calendar/years", Json("""{"years": {"2027": {"holidays": {"春节": ["2027-02-5"]}}}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("$.years['2027'].holidays['春节'][0]", await DetailOf(bad));
        var broken = await sys.PostAsync("/api/v1/calendar/years", Json("""{"years": {"""));
        Assert.Equal("calendar.file_invalid", await CodeOf(broken));

        var added = await sys.PostAsync("/api/v1/calendar/years", Json(CalendarFixtures.Year2027));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        using (var result = JsonDocument.Parse(await added.Content.ReadAsStringAsync()))
        {
            Assert.Equal("added", result.RootElement.GetProperty("years")[0].GetProperty("outcome").GetString());
        }

        using (var years = JsonDocument.Parse(await worker.GetStringAsync("/api/v1/calendar/years")))
        {
            var y2027 = years.RootElement[2];
            Assert.Equal((2027, "测试用 2027 年安排", "sys"), (y2027.GetProperty("year").GetInt32(), y2027.GetProperty("source").GetString(), y2027.GetProperty("loadedBy").GetString()));
        }

        await using var context = db.CreateContext();
        var trail = await context.AuditEntries.IgnoreQueryFilters().Where(e => e.Action == "calendar.year.import").OrderBy(e => e.Sequence)
            .Select(e => new { e.ActorName, e.Outcome, e.EntityId }).ToListAsync();
        Assert.Contains(trail, e => e.ActorName == "county" && e.Outcome == "denied");
        Assert.Contains(trail, e => e.ActorName == "sys" && e.Outcome == "success" && e.EntityId == "2027");
    }

    [Fact]
    public async Task A_village_worker_cannot_change_deadline_policies()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var worker = (await s.LoginAsync("worker.a")).Client;

        var put = await worker.PutAsJsonAsync("/api/v1/calendar/policies", Policy(Scenario.VillageA, "acceptance", "any", 5, "working-days"));
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal("deadline.forbidden", await CodeOf(put));
        var approver = (await s.LoginAsync("approver")).Client;
        Assert.Equal("deadline.forbidden", await CodeOf(await approver.PutAsJsonAsync("/api/v1/calendar/policies", Policy(Scenario.County, "decision", "any", 25, "working-days"))));

        // Reading is open to the worker: the village follows the national default.
        using var table = JsonDocument.Parse(await worker.GetStringAsync("/api/v1/calendar/policies"));
        Assert.Equal(Scenario.VillageA, table.RootElement.GetProperty("region").GetString());
        Assert.False(table.RootElement.GetProperty("canEdit").GetBoolean());
        var acceptance = Line(table, "acceptance", "any");
        Assert.Equal((3, "working-days", JsonValueKind.Null), (acceptance.GetProperty("amount").GetInt32(), acceptance.GetProperty("unit").GetString(), acceptance.GetProperty("source").ValueKind));

        await using var context = db.CreateContext();
        Assert.Equal(0, await context.DeadlinePolicies.CountAsync());
        Assert.Equal(2, await context.AuditEntries.IgnoreQueryFilters().CountAsync(e => e.Action == "deadline.policy.set" && e.Outcome == "denied"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_county_officer_sets_policies_only_inside_the_county_and_the_most_specific_one_applies(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var county = (await s.LoginAsync("county")).Client;

        Assert.Equal("deadline.outside_jurisdiction", await CodeOf(await county.PutAsJsonAsync("/api/v1/calendar/policies", Policy("371122", "decision", "any", 25, "working-days"))));
        Assert.Equal("deadline.outside_jurisdiction", await CodeOf(await county.PutAsJsonAsync("/api/v1/calendar/policies", Policy("3711", "decision", "any", 25, "working-days"))));

        var set = await county.PutAsJsonAsync("/api/v1/calendar/policies", Policy(Scenario.County, "decision", "minimum-living", 30, "working-days", version: 0));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var township = await county.PutAsJsonAsync("/api/v1/calendar/policies", Policy(Scenario.TownshipA, "acceptance", "any", 2, "working-days"));
        Assert.Equal(HttpStatusCode.OK, township.StatusCode);

        // 30 working days for 低保 decisions in the county; 2 for acceptance in township A only.
        Assert.Equal("2026-04-14T16:00:00+00:00", await DueAsync(county, "decision", "minimum-living", Scenario.VillageA, "2026-03-02T01:00:00Z"));
        Assert.Equal("2026-03-30T16:00:00+00:00", await DueAsync(county, "decision", "temporary", Scenario.VillageA, "2026-03-02T01:00:00Z"));
        Assert.Equal("2026-02-24T16:00:00+00:00", await DueAsync(county, "acceptance", "service", Scenario.VillageA, "2026-02-13T02:00:00Z"));
        Assert.Equal("2026-02-25T16:00:00+00:00", await DueAsync(county, "acceptance", "service", Scenario.VillageB, "2026-02-13T02:00:00Z"));

        // The city administrator sets the city's own; the county's more specific one still wins inside the county.
        var city = (await s.LoginAsync("city", totpKey: await s.EnrolTotpAsync("city"))).Client;
        Assert.Equal(HttpStatusCode.OK, (await city.PutAsJsonAsync("/api/v1/calendar/policies", Policy("3711", "decision", "any", 22, "working-days"))).StatusCode);
        Assert.Equal("2026-04-14T16:00:00+00:00", await DueAsync(county, "decision", "minimum-living", Scenario.VillageA, "2026-03-02T01:00:00Z"));
        Assert.Equal("2026-04-01T16:00:00+00:00", await DueAsync(county, "decision", "temporary", Scenario.VillageA, "2026-03-02T01:00:00Z"));

        using (var table = JsonDocument.Parse(await county.GetStringAsync("/api/v1/calendar/policies")))
        {
            Assert.True(table.RootElement.GetProperty("canEdit").GetBoolean());
            var own = Line(table, "decision", "minimum-living");
            Assert.True(own.GetProperty("setHere").GetBoolean());
            var inherited = Line(table, "decision", "temporary");
            Assert.False(inherited.GetProperty("setHere").GetBoolean());
            Assert.Equal(("371100000000", "日照市", 22), (inherited.GetProperty("source").GetProperty("region").GetString(),
                inherited.GetProperty("source").GetProperty("regionName").GetString(), inherited.GetProperty("amount").GetInt32()));
            Assert.Equal([Scenario.TownshipA], table.RootElement.GetProperty("below").EnumerateArray().Select(b => b.GetProperty("region").GetString()));
        }

        await using var context = db.CreateContext();
        var entries = await context.AuditEntries.IgnoreQueryFilters().Where(e => e.Action == "deadline.policy.set").OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(["denied", "denied", "success", "success", "success"], entries.Select(e => e.Outcome));
        Assert.Contains("五莲县（371121）审批决定时限（低保）：30 个工作日", entries[2].Summary);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_and_removing_a_policy_restores_the_inherited_one()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var county = (await s.LoginAsync("county")).Client;

        var first = await Read(await county.PutAsJsonAsync("/api/v1/calendar/policies", Policy(Scenario.County, "acceptance", "any", 5, "working-days", version: 0)));
        Assert.Equal(1, first.RootElement.GetProperty("version").GetInt32());
        var second = await Read(await county.PutAsJsonAsync("/api/v1/calendar/policies", Policy(Scenario.County, "acceptance", "any", 4, "working-days", version: 1)));
        Assert.Equal(2, second.RootElement.GetProperty("version").GetInt32());

        var stale = await county.PutAsJsonAsync("/api/v1/calendar/policies", Policy(Scenario.County, "acceptance", "any", 6, "working-days", version: 1));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("deadline.policy_conflict", await CodeOf(stale));
        var again = await county.PutAsJsonAsync("/api/v1/calendar/policies", Policy(Scenario.County, "acceptance", "any", 6, "working-days", version: 0));
        Assert.Equal("deadline.policy_conflict", await CodeOf(again));

        Assert.Equal("deadline.bad_unit", await CodeOf(await county.PutAsJsonAsync("/api/v1/calendar/policies", Policy(Scenario.County, "reassessment-stable", "any", 12, "working-days"))));
        Assert.Equal("deadline.bad_amount", await CodeOf(await county.PutAsJsonAsync("/api/v1/calendar/policies", Policy(Scenario.County, "acceptance", "any", 0, "working-days"))));
        Assert.Equal("deadline.bad_case_type", await CodeOf(await county.PutAsJsonAsync("/api/v1/calendar/policies", Policy(Scenario.County, "acceptance", "dibao", 3, "working-days"))));

        var id = second.RootElement.GetProperty("id").GetGuid();
        var worker = (await s.LoginAsync("worker.a")).Client;
        Assert.Equal("deadline.forbidden", await CodeOf(await worker.DeleteAsync($"/api/v1/calendar/policies/{id}")));
        Assert.Equal(HttpStatusCode.OK, (await county.DeleteAsync($"/api/v1/calendar/policies/{id}")).StatusCode);
        Assert.Equal("2026-02-25T16:00:00+00:00", await DueAsync(county, "acceptance", "minimum-living", Scenario.VillageA, "2026-02-13T02:00:00Z"));
        Assert.Equal("deadline.policy_not_found", await CodeOf(await county.DeleteAsync($"/api/v1/calendar/policies/{id}")));
    }

    [Fact]
    public async Task The_calendar_endpoints_are_in_the_OpenAPI_document()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        using var client = platform.CreateClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Superset(
            new HashSet<string> { "/api/v1/calendar/years", "/api/v1/calendar/years/{year}/days", "/api/v1/calendar/policies", "/api/v1/calendar/policies/{id}", "/api/v1/calendar/due" },
            paths.ToHashSet());
    }

    [Fact]
    public async Task A_deadline_in_a_year_nobody_loaded_is_a_clear_error()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await StaffAsync(platform);
        var worker = (await s.LoginAsync("worker.a")).Client;
        var response = await worker.GetAsync($"/api/v1/calendar/due?step=decision&caseType=minimum-living&region={Scenario.VillageA}&from=2026-12-20T01:00:00Z");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("calendar.year_missing", await CodeOf(response));
        Assert.Equal("尚未载入 2027 年的节假日安排，请管理员先录入", await DetailOf(response));
    }

    private static object Policy(string region, string step, string caseType, int amount, string unit, int? version = null) =>
        new { region, step, caseType, amount, unit, version };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static JsonElement Line(JsonDocument table, string step, string caseType) =>
        table.RootElement.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("step").GetString() == step && l.GetProperty("caseType").GetString() == caseType);

    private static async Task<string> DueAsync(HttpClient client, string step, string caseType, string region, string from)
    {
        var response = await client.GetAsync($"/api/v1/calendar/due?step={step}&caseType={caseType}&region={region}&from={Uri.EscapeDataString(from)}");
        using var json = await Read(response);
        Assert.True(response.IsSuccessStatusCode, json.RootElement.ToString());
        return json.RootElement.GetProperty("due").GetDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:sszzz");
    }

    private static async Task<JsonDocument> Read(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    private static async Task<string?> CodeOf(HttpResponseMessage response)
    {
        using var json = await Read(response);
        return json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    private static async Task<string?> DetailOf(HttpResponseMessage response)
    {
        using var json = await Read(response);
        return json.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
    }
}
