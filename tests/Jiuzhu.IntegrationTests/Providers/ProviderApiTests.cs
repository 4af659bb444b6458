using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.IntegrationTests.Providers;

/// <summary>The provider registry over HTTP on both engines: editing, refusals that change nothing, who sees what, and the supply query.</summary>
public sealed class ProviderApiTests
{
    private const string Api = "/api/v1/providers";
    private const string Canteen = "52371121MJD0001188";
    private const string HomeCare = "91371121MA3C0002X4";
    private const string Expired = "52371121MJD000337J";
    private const string Phone = "13912345678";

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

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    private static object NewProvider(string name, string code, string region = Scenario.County, string kind = "SocialOrganization") =>
        new { name, kind, creditCode = code, region, address = "五莲县测试路 1 号", contact = "0633-5800000" };

    private static object Point(string name, string region = Scenario.VillageA, double lat = 35.75, double lon = 119.21, string hours = "1-5 08:00-11:30,13:30-17:00; 6 09:00-12:00") =>
        new { kind = "Canteen", name, region, address = "村委会西侧", latitude = lat, longitude = lon, openingHours = hours };

    /// <summary>A county officer registers a provider with everything hanging off it; returns its id.</summary>
    private static async Task<Guid> CreateFullAsync(HttpClient officer, string name, string code, string servedRegion, DateOnly validTo, string? account = null)
    {
        var id = Id(await Json(await officer.PostAsJsonAsync(Api, NewProvider(name, code))));
        await Json(await officer.PostAsJsonAsync($"{Api}/{id}/qualifications", new { type = "民办非企业单位登记证书", number = $"N-{code[^4..]}", issuer = "五莲县民政局", validFrom = "2020-01-01", validTo = validTo.ToString("yyyy-MM-dd") }));
        await Json(await officer.PostAsJsonAsync($"{Api}/{id}/items", new { item = "LIFE-01" }));
        await Json(await officer.PostAsJsonAsync($"{Api}/{id}/regions", new { region = servedRegion }));
        await Json(await officer.PostAsJsonAsync($"{Api}/{id}/points", Point($"{name}食堂")));
        await Json(await officer.PutAsJsonAsync($"{Api}/{id}/capacities", new { item = "LIFE-01", period = "Week", quantity = 300 }));
        if (account is not null)
        {
            await Json(await officer.PostAsJsonAsync($"{Api}/{id}/staff", new { name = "徐春燕", role = "Manager", qualification = "助理社会工作师", phone = Phone, account }));
        }

        return id;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_county_officer_registers_and_edits_a_provider_and_every_change_is_audited(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform, ("officer", Roles.CountyOfficer, Scenario.County));
        var officer = (await s.LoginAsync("officer")).Client;

        var created = await Json(await officer.PostAsJsonAsync(Api, NewProvider("五莲县幸福食堂服务中心", " 52371121mjd0001188 ")));
        var id = Id(created);
        Assert.Equal((Canteen, "None", true), (created.GetProperty("creditCode").GetString(), created.GetProperty("status").GetString(), created.GetProperty("canEdit").GetBoolean()));

        var detail = await Json(await officer.PutAsJsonAsync($"{Api}/{id}", new
        {
            name = "五莲县幸福食堂服务中心（改）", kind = "SocialOrganization", creditCode = Canteen, address = "新地址", contact = "王主任", version = created.GetProperty("version").GetGuid(),
        }));
        Assert.Equal("五莲县幸福食堂服务中心（改）", detail.GetProperty("name").GetString());
        await Problem(await officer.PutAsJsonAsync($"{Api}/{id}", new { name = "旧版本覆盖", kind = "SocialOrganization", creditCode = Canteen, version = created.GetProperty("version").GetGuid() }),
            HttpStatusCode.Conflict, "provider.stale");

        detail = await Json(await officer.PostAsJsonAsync($"{Api}/{id}/qualifications", new { type = "民办非企业单位登记证书", number = "鲁民证字第 0001 号", issuer = "五莲县民政局", validFrom = "2020-01-01" }));
        Assert.Equal("Valid", detail.GetProperty("status").GetString());
        await Json(await officer.PostAsJsonAsync($"{Api}/{id}/items", new { item = "LIFE-01" }));
        await Json(await officer.PostAsJsonAsync($"{Api}/{id}/items", new { item = "LIFE-07" }));
        await Json(await officer.PostAsJsonAsync($"{Api}/{id}/regions", new { region = Scenario.TownshipA }));
        detail = await Json(await officer.PostAsJsonAsync($"{Api}/{id}/points", Point("东村幸福食堂")));
        var point = detail.GetProperty("points")[0];
        Assert.Equal(("Canteen", "周一至周五 08:00-11:30、13:30-17:00；周六 09:00-12:00"), (point.GetProperty("kind").GetString(), point.GetProperty("openingHoursText").GetString()));
        detail = await Json(await officer.PutAsJsonAsync($"{Api}/{id}/points/{Id(point)}", Point("东村幸福食堂", hours: "1-7 10:30-13:00")));
        Assert.Equal("1-7 10:30-13:00", detail.GetProperty("points")[0].GetProperty("openingHours").GetString());
        await Json(await officer.PutAsJsonAsync($"{Api}/{id}/capacities", new { item = "LIFE-01", period = "Week", quantity = 300 }));
        detail = await Json(await officer.PutAsJsonAsync($"{Api}/{id}/capacities", new { item = "LIFE-01", period = "Week", quantity = 350 }));
        Assert.Equal(350, detail.GetProperty("capacities").EnumerateArray().Single().GetProperty("quantity").GetInt32());
        detail = await Json(await officer.PostAsJsonAsync($"{Api}/{id}/staff", new { name = "李护理", role = "Caregiver", qualification = "养老护理员四级", phone = "139 1234 5678" }));
        var staff = detail.GetProperty("staff")[0];
        Assert.Equal("139****5678", staff.GetProperty("phoneMasked").GetString());
        detail = await Json(await officer.PostAsJsonAsync($"{Api}/{id}/teams", new { name = "东村助老志愿队", leader = "王队长", members = 12, items = new[] { "LIFE-07" } }));
        Assert.Equal(["LIFE-07"], detail.GetProperty("teams")[0].GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(["LIFE-01", "LIFE-07"], detail.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        Assert.Equal("助餐", detail.GetProperty("items")[0].GetProperty("name").GetString());

        // Removing an item takes its capacities with it.
        detail = await Json(await officer.DeleteAsync($"{Api}/{id}/items/LIFE-01"));
        Assert.Empty(detail.GetProperty("capacities").EnumerateArray());

        // The phone: encrypted in the column, shown masked, revealed only with a reason, and the reveal audited.
        await Problem(await officer.PostAsJsonAsync($"{Api}/{id}/staff/{Id(staff)}/reveal", new { reason = "" }), HttpStatusCode.BadRequest, "provider.reveal_reason_required");
        var revealed = await Json(await officer.PostAsJsonAsync($"{Api}/{id}/staff/{Id(staff)}/reveal", new { reason = "电话核实排班" }));
        Assert.Equal(Phone, revealed.GetProperty("phone").GetString());

        await using var context = db.CreateContext();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT * FROM provider_staff";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            var cells = Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!).ToList();
            Assert.DoesNotContain(cells, c => c.Contains(Phone, StringComparison.Ordinal) || c.Contains("12345678", StringComparison.Ordinal));
            Assert.Contains(cells, c => c.StartsWith("v1:", StringComparison.Ordinal));
            Assert.Contains("139****5678", cells);
        }

        var actions = await context.AuditEntries.Where(a => a.EntityId == id.ToString() || a.EntityType == "provider-staff").Select(a => a.Action).ToListAsync();
        foreach (var action in new[]
                 {
                     "provider.create", "provider.update", "provider.qualification.add", "provider.item.add", "provider.region.add", "provider.point.add",
                     "provider.point.update", "provider.capacity.set", "provider.staff.add", "provider.team.add", "provider.item.remove", "provider.staff.reveal-phone",
                 })
        {
            Assert.Contains(action, actions);
        }

        var reveal = await context.AuditEntries.SingleAsync(a => a.Action == "provider.staff.reveal-phone");
        Assert.Contains("电话核实排班", reveal.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, string.Join("\n", await context.AuditEntries.Select(a => a.Summary).ToListAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Bad_input_is_refused_with_a_stable_code_and_changes_nothing(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform, ("officer", Roles.CountyOfficer, Scenario.County), ("plain", Roles.VillageWorker, Scenario.VillageA));
        var officer = (await s.LoginAsync("officer")).Client;
        var id = Id(await Json(await officer.PostAsJsonAsync(Api, NewProvider("幸福食堂", Canteen))));
        await Json(await officer.PostAsJsonAsync($"{Api}/{id}/items", new { item = "LIFE-01" }));
        await using var before = db.CreateContext();
        var snapshot = await SnapshotAsync(before, id);

        var refusals = new (string What, Func<Task<HttpResponseMessage>> Call, HttpStatusCode Status, string Code)[]
        {
            ("check character", () => officer.PostAsJsonAsync(Api, NewProvider("另一家", "52371121MJD0001187")), HttpStatusCode.BadRequest, "provider.bad_credit_code"),
            ("letter O", () => officer.PostAsJsonAsync(Api, NewProvider("另一家", "52371121MJD00O1188")), HttpStatusCode.BadRequest, "provider.bad_credit_code"),
            ("duplicate code", () => officer.PostAsJsonAsync(Api, NewProvider("重复", Canteen)), HttpStatusCode.Conflict, "provider.duplicate_credit_code"),
            ("no name", () => officer.PostAsJsonAsync(Api, NewProvider(" ", HomeCare)), HttpStatusCode.BadRequest, "provider.bad_name"),
            ("unknown region", () => officer.PostAsJsonAsync(Api, NewProvider("外县", HomeCare, "371199")), HttpStatusCode.BadRequest, "provider.bad_region"),
            ("city as home", () => officer.PostAsJsonAsync(Api, NewProvider("市级", HomeCare, "3711")), HttpStatusCode.Forbidden, "provider.region_outside_jurisdiction"),
            ("unknown item", () => officer.PostAsJsonAsync($"{Api}/{id}/items", new { item = "NOPE-01" }), HttpStatusCode.BadRequest, "provider.unknown_item"),
            ("same item twice", () => officer.PostAsJsonAsync($"{Api}/{id}/items", new { item = "LIFE-01" }), HttpStatusCode.Conflict, "provider.item_exists"),
            ("served region elsewhere", () => officer.PostAsJsonAsync($"{Api}/{id}/regions", new { region = "371199" }), HttpStatusCode.BadRequest, "provider.bad_region"),
            ("swapped coordinates", () => officer.PostAsJsonAsync($"{Api}/{id}/points", Point("食堂", lat: 119.21, lon: 35.75)), HttpStatusCode.BadRequest, "provider.bad_coordinates"),
            ("bad hours", () => officer.PostAsJsonAsync($"{Api}/{id}/points", Point("食堂", hours: "1 09:00-08:00")), HttpStatusCode.BadRequest, "provider.bad_opening_hours"),
            ("capacity of an item not offered", () => officer.PutAsJsonAsync($"{Api}/{id}/capacities", new { item = "LIFE-02", period = "Week", quantity = 5 }), HttpStatusCode.BadRequest, "provider.capacity_item_not_offered"),
            ("zero capacity", () => officer.PutAsJsonAsync($"{Api}/{id}/capacities", new { item = "LIFE-01", period = "Week", quantity = 0 }), HttpStatusCode.BadRequest, "provider.bad_capacity"),
            ("qualification dates", () => officer.PostAsJsonAsync($"{Api}/{id}/qualifications", new { type = "证书", number = "1", issuer = "局", validFrom = "2026-01-01", validTo = "2025-01-01" }), HttpStatusCode.BadRequest, "provider.bad_qualification_dates"),
            ("bad phone", () => officer.PostAsJsonAsync($"{Api}/{id}/staff", new { name = "张三", role = "SocialWorker", phone = "12345" }), HttpStatusCode.BadRequest, "provider.bad_phone"),
            ("not a provider-staff account", () => officer.PostAsJsonAsync($"{Api}/{id}/staff", new { name = "张三", role = "SocialWorker", account = "plain" }), HttpStatusCode.BadRequest, "provider.account_not_provider_staff"),
            ("no such account", () => officer.PostAsJsonAsync($"{Api}/{id}/staff", new { name = "张三", role = "SocialWorker", account = "nobody" }), HttpStatusCode.BadRequest, "provider.account_not_found"),
            ("team item", () => officer.PostAsJsonAsync($"{Api}/{id}/teams", new { name = "队", leader = "王", members = 3, items = new[] { "NOPE" } }), HttpStatusCode.BadRequest, "provider.unknown_item"),
            ("team size", () => officer.PostAsJsonAsync($"{Api}/{id}/teams", new { name = "队", leader = "王", members = 0 }), HttpStatusCode.BadRequest, "provider.bad_team_members"),
            ("bad kind filter", () => officer.GetAsync($"{Api}?kind=Bank"), HttpStatusCode.BadRequest, "provider.bad_kind"),
            ("supply without item", () => officer.GetAsync($"{Api}/supply?region={Scenario.VillageA}"), HttpStatusCode.BadRequest, "provider.item_required"),
        };
        foreach (var (what, call, status, code) in refusals)
        {
            var response = await call();
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{what}: {response.StatusCode} {body}");
            Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("code").GetString() == code, $"{what}: {body}");
        }

        await using var after = db.CreateContext();
        Assert.Equal(snapshot, await SnapshotAsync(after, id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Jurisdiction_decides_who_sees_and_edits_and_provider_staff_see_only_their_own_organization(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform,
            ("officer", Roles.CountyOfficer, Scenario.County),
            ("other", Roles.CountyOfficer, "371122000000"),
            ("worker.a", Roles.VillageWorker, Scenario.VillageA),
            ("worker.b", Roles.VillageWorker, Scenario.VillageB),
            ("staff.a", Roles.ProviderStaff, Scenario.County),
            ("staff.unlinked", Roles.ProviderStaff, Scenario.County));
        var officer = (await s.LoginAsync("officer")).Client;
        var mine = await CreateFullAsync(officer, "东片幸福食堂", Canteen, Scenario.TownshipA, new DateOnly(2099, 1, 1), account: "staff.a");
        var theirs = await CreateFullAsync(officer, "西片居家照护", HomeCare, Scenario.TownshipB, new DateOnly(2099, 1, 1));

        // Another county sees nothing and changes nothing.
        var other = (await s.LoginAsync("other")).Client;
        Assert.Empty((await Json(await other.GetAsync(Api))).EnumerateArray());
        await Problem(await other.GetAsync($"{Api}/{mine}"), HttpStatusCode.NotFound, "provider.not_found");
        await Problem(await other.PostAsJsonAsync($"{Api}/{mine}/items", new { item = "LIFE-07" }), HttpStatusCode.NotFound, "provider.not_found");

        // A village worker sees the providers serving the village, and edits none.
        var workerA = (await s.LoginAsync("worker.a")).Client;
        var seenByA = (await Json(await workerA.GetAsync(Api))).EnumerateArray().ToList();
        Assert.Equal([mine], seenByA.Select(Id));
        Assert.False(seenByA[0].GetProperty("canEdit").GetBoolean());
        await Problem(await workerA.PostAsJsonAsync($"{Api}/{mine}/points", Point("越权网点")), HttpStatusCode.Forbidden, "provider.edit_forbidden");
        await Problem(await workerA.PostAsJsonAsync(Api, NewProvider("越权登记", Expired)), HttpStatusCode.Forbidden, "provider.edit_forbidden");
        var workerB = (await s.LoginAsync("worker.b")).Client;
        Assert.Equal([theirs], (await Json(await workerB.GetAsync(Api))).EnumerateArray().Select(Id));

        // The linked account's claims carry its organization: it sees and operates only its own.
        var staff = (await s.LoginAsync("staff.a")).Client;
        Assert.Equal([mine], (await Json(await staff.GetAsync(Api))).EnumerateArray().Select(Id));
        await Problem(await staff.GetAsync($"{Api}/{theirs}"), HttpStatusCode.NotFound, "provider.not_found");
        await Problem(await staff.PostAsJsonAsync($"{Api}/{theirs}/points", Point("越权网点")), HttpStatusCode.NotFound, "provider.not_found");
        var own = await Json(await staff.GetAsync($"{Api}/{mine}"));
        Assert.Equal((false, true), (own.GetProperty("canEdit").GetBoolean(), own.GetProperty("canOperate").GetBoolean()));
        var afterPoint = await Json(await staff.PostAsJsonAsync($"{Api}/{mine}/points", Point("东村暖心帮扶点", hours: "1-5 09:00-17:00")));
        Assert.Equal(2, afterPoint.GetProperty("points").GetArrayLength());
        await Json(await staff.PostAsJsonAsync($"{Api}/{mine}/staff", new { name = "王厨师", role = "Cook", phone = "13700001111" }));
        await Problem(await staff.PutAsJsonAsync($"{Api}/{mine}/capacities", new { item = "LIFE-01", period = "Week", quantity = 9999 }), HttpStatusCode.Forbidden, "provider.edit_forbidden");
        await Problem(await staff.PostAsJsonAsync($"{Api}/{mine}/qualifications", new { type = "证书", number = "2", issuer = "局", validFrom = "2020-01-01" }), HttpStatusCode.Forbidden, "provider.edit_forbidden");
        var manager = own.GetProperty("staff").EnumerateArray().Single(x => x.GetProperty("account").GetString() == "staff.a");
        await Problem(await staff.PutAsJsonAsync($"{Api}/{mine}/staff/{Id(manager)}", new { name = "徐春燕", role = "Manager", account = "" }), HttpStatusCode.Forbidden, "provider.account_link_forbidden");

        var unlinked = (await s.LoginAsync("staff.unlinked")).Client;
        Assert.Empty((await Json(await unlinked.GetAsync(Api))).EnumerateArray());
        await Problem(await unlinked.GetAsync($"{Api}/{mine}"), HttpStatusCode.NotFound, "provider.not_found");

        // One account works for one organization.
        await Problem(await officer.PostAsJsonAsync($"{Api}/{theirs}/staff", new { name = "兼职", role = "Other", account = "staff.a" }), HttpStatusCode.Conflict, "provider.account_linked_elsewhere");

        await using var context = db.CreateContext();
        Assert.Equal(1, await context.ServicePoints.CountAsync(p => p.ProviderId == theirs));
        Assert.Equal(300, (await context.Providers.Include(p => p.Capacities).SingleAsync(p => p.Id == mine)).Capacities.Single().Quantity);
        Assert.Equal(mine, (await context.Users.SingleAsync(u => u.UserName == "staff.a")).Organization);
        Assert.Contains(await context.AuditEntries.Where(a => a.Outcome == "denied").Select(a => a.Action).ToListAsync(), a => a.StartsWith("provider.", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_supply_query_gives_qualified_providers_serving_the_region_with_points_and_capacities(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform, ("officer", Roles.CountyOfficer, Scenario.County));
        var officer = (await s.LoginAsync("officer")).Client;
        var valid = await CreateFullAsync(officer, "甲幸福食堂", Canteen, Scenario.TownshipA, new DateOnly(2099, 1, 1));
        var expired = await CreateFullAsync(officer, "乙幸福食堂", Expired, Scenario.TownshipA, new DateOnly(2025, 12, 31));
        var elsewhere = await CreateFullAsync(officer, "丙幸福食堂", HomeCare, Scenario.TownshipB, new DateOnly(2099, 1, 1));

        var supply = await Json(await officer.GetAsync($"{Api}/supply?region={Scenario.VillageA}&item=LIFE-01&on=2026-06-01"));
        var providers = supply.GetProperty("providers").EnumerateArray().ToList();
        Assert.Equal([valid], providers.Select(Id));
        var point = providers[0].GetProperty("points")[0];
        Assert.Equal((35.75, 119.21), (point.GetProperty("latitude").GetDouble(), point.GetProperty("longitude").GetDouble()));
        var capacity = providers[0].GetProperty("capacities").EnumerateArray().Single();
        Assert.Equal(("Week", 300), (capacity.GetProperty("period").GetString(), capacity.GetProperty("quantity").GetInt32()));
        var excluded = supply.GetProperty("excluded").EnumerateArray().Single();
        Assert.Equal((expired, "qualification_expired"), (Id(excluded), excluded.GetProperty("reason").GetString()));
        Assert.DoesNotContain(elsewhere, supply.GetProperty("excluded").EnumerateArray().Select(Id));

        // Before the expiry the second one was qualified; an item nobody offers has no supply.
        var earlier = await Json(await officer.GetAsync($"{Api}/supply?region={Scenario.VillageA}&item=LIFE-01&on=2025-06-01"));
        Assert.Equal(2, earlier.GetProperty("providers").GetArrayLength());
        Assert.Empty((await Json(await officer.GetAsync($"{Api}/supply?region={Scenario.VillageA}&item=LIFE-02"))).GetProperty("providers").EnumerateArray());
        Assert.Equal([elsewhere], (await Json(await officer.GetAsync($"{Api}/supply?region={Scenario.VillageB}&item=LIFE-01&on=2026-06-01")))
            .GetProperty("providers").EnumerateArray().Select(Id));

        // The registry filter "valid on date" agrees.
        Assert.Equal([valid, elsewhere], (await Json(await officer.GetAsync($"{Api}?validOn=2026-06-01"))).EnumerateArray().Select(Id).OrderBy(g => g == valid ? 0 : 1));
        var rows = (await Json(await officer.GetAsync($"{Api}?region={Scenario.VillageA}"))).EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("Expired", rows.Single(r => Id(r) == expired).GetProperty("status").GetString());
        Assert.Single((await Json(await officer.GetAsync($"{Api}?q=MJD000337J"))).EnumerateArray());
    }

    private static async Task<string> SnapshotAsync(Jiuzhu.Data.JiuzhuDbContext context, Guid id)
    {
        var p = await context.Providers.AsNoTracking().Include(x => x.Items).Include(x => x.Regions).Include(x => x.Points).Include(x => x.Staff)
            .Include(x => x.Capacities).Include(x => x.Teams).Include(x => x.Qualifications).AsSplitQuery().SingleAsync(x => x.Id == id);
        return $"{await context.Providers.CountAsync()}|{p.Stamp}|{p.Items.Count}|{p.Regions.Count}|{p.Points.Count}|{p.Staff.Count}|{p.Capacities.Count}|{p.Teams.Count}|{p.Qualifications.Count}";
    }
}
