using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.Cli;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;

namespace Jiuzhu.IntegrationTests.Catalog;

/// <summary>The catalog over HTTP on both engines: the seeded national base, filters, packages, the function division, and the tier editors.</summary>
public sealed class CatalogApiTests
{
    private const string Api = "/api/v1/catalog";
    private const string OtherCounty = "371122";

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task Problem(HttpResponseMessage response, HttpStatusCode status, string code, string? mentions = null)
    {
        var problem = await Json(response, status);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        if (mentions is not null)
        {
            Assert.Contains(mentions, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    private static async Task<JsonElement[]> ItemsAsync(HttpClient client, string query) =>
        [.. (await Json(await client.GetAsync($"{Api}/items?{query}"))).GetProperty("items").EnumerateArray()];

    private static JsonElement Item(JsonElement[] items, string code) => items.Single(i => i.GetProperty("code").GetString() == code);

    private static string[] Codes(IEnumerable<JsonElement> items) => [.. items.Select(i => i.GetProperty("code").GetString()!)];

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_national_base_is_seeded_once_and_read_with_filters_packages_and_the_function_division(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var again = await CatalogCommands.EnsureNationalBaseAsync(platform.Services, null);
        Assert.Equal((0, 0, 0), (again.Value.Items, again.Value.Packages, again.Value.Division));
        await using (var context = db.CreateContext())
        {
            Assert.Equal(34, context.CatalogEntries.Count());
            Assert.Equal(4, context.CatalogPackages.Count());
            Assert.Equal(8, context.FunctionDivisionEntries.Count());
        }

        var s = await Scenario.CreateAsync(platform, ("worker", Roles.VillageWorker, Scenario.VillageA), ("liaison", Roles.DepartmentLiaison, Scenario.County));
        var worker = (await s.LoginAsync("worker")).Client;

        var all = await ItemsAsync(worker, "");
        Assert.Equal(34, all.Length);
        Assert.All(all, i => Assert.Equal("National", i.GetProperty("tier").GetString()));
        Assert.Equal(14, (await ItemsAsync(worker, "region=371121&layer=development")).Length);
        Assert.Equal(8, (await ItemsAsync(worker, "region=371121&category=LIFE")).Length);
        Assert.Equal(["LIFE-01"], Codes(await ItemsAsync(worker, "region=371121&q=助餐")));
        Assert.Empty(await ItemsAsync(worker, "region=371121&tier=county"));
        Assert.All(await ItemsAsync(worker, "region=371121&needFlag=CHILD_LEFT_BEHIND"),
            i => Assert.Contains("CHILD_LEFT_BEHIND", i.GetProperty("needFlags").EnumerateArray().Select(f => f.GetString())));
        var meal = Item(all, "LIFE-01");
        Assert.Equal((5m, "Daily", "civil-affairs"), (meal.GetProperty("unitPrice").GetDecimal(), meal.GetProperty("frequency").GetString(), meal.GetProperty("ownerDepartment").GetString()));
        await Problem(await worker.GetAsync($"{Api}/items?tier=city"), HttpStatusCode.BadRequest, "catalog.bad_tier");
        await Problem(await worker.GetAsync($"{Api}/items?region=abc"), HttpStatusCode.BadRequest, "catalog.bad_region");
        Assert.Empty(await ItemsAsync(worker, "region=371121&asOf=2020-01-01"));

        var versionId = meal.GetProperty("definition").GetProperty("id").GetGuid();
        var version = await Json(await worker.GetAsync($"{Api}/versions/{versionId}"));
        Assert.Equal(("LIFE-01", 1, "Define"), (version.GetProperty("itemCode").GetString(), version.GetProperty("version").GetInt32(), version.GetProperty("kind").GetString()));

        var packages = (await Json(await worker.GetAsync($"{Api}/packages?region=371121"))).EnumerateArray().ToList();
        Assert.Equal(["PKG-CHILD", "PKG-DEPENDENT", "PKG-ELDER", "PKG-WORK"], packages.Select(p => p.GetProperty("code").GetString()));
        var expansion = await Json(await worker.GetAsync($"{Api}/packages/PKG-ELDER/expansion?region=371121001201&needs=ELDERLY_ALONE"));
        var proposed = expansion.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["LIFE-07", "LIFE-01", "HEALTH-01"], proposed.Where(p => !p.GetProperty("optional").GetBoolean()).Select(p => p.GetProperty("itemCode").GetString()));
        Assert.Contains(proposed, p => p.GetProperty("optional").GetBoolean());
        Assert.All(proposed.Where(p => p.GetProperty("optional").GetBoolean()), p => Assert.Contains("独居", p.GetProperty("reason").GetString(), StringComparison.Ordinal));
        await Problem(await worker.GetAsync($"{Api}/packages/PKG-ELDER/expansion?modules=SKILL-01"), HttpStatusCode.BadRequest, "package.unknown_module");

        var liaison = (await s.LoginAsync("liaison")).Client;
        var division = await Json(await liaison.GetAsync($"{Api}/function-division?region=371121"));
        Assert.Equal(8, division.GetProperty("rows").GetArrayLength());
        Assert.Equal("medical-security", (await Json(await liaison.GetAsync($"{Api}/function-division/owner?region=371121&key=LTC_NURSING"))).GetProperty("ownerDepartment").GetString());
        var owner = await Json(await liaison.GetAsync($"{Api}/function-division/owner?region=371121&key=HEALTH-01"));
        Assert.Equal(("health", "catalog_item"), (owner.GetProperty("ownerDepartment").GetString(), owner.GetProperty("source").GetString()));
        await Problem(await liaison.GetAsync($"{Api}/function-division/owner?region=371121&key=NOTHING"), HttpStatusCode.NotFound, "division.unknown_key");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Each_tier_is_edited_only_by_its_own_administrators_and_only_within_the_limits_above(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform,
            ("province", Roles.RegionalAdmin, "370000000000"),
            ("city", Roles.RegionalAdmin, "371100000000"),
            ("officer", Roles.CountyOfficer, Scenario.County),
            ("other", Roles.CountyOfficer, "371122000000"),
            ("worker", Roles.VillageWorker, Scenario.VillageA));
        var province = (await s.LoginAsync("province", totpKey: await s.EnrolTotpAsync("province"))).Client;
        var city = (await s.LoginAsync("city", totpKey: await s.EnrolTotpAsync("city"))).Client;
        var officer = (await s.LoginAsync("officer")).Client;
        var other = (await s.LoginAsync("other")).Client;
        var worker = (await s.LoginAsync("worker")).Client;
        var priceRange = new { adjustment = new { limits = new { priceMin = 4, priceMax = 8 } }, reason = "全省助餐单价范围" };
        var newItem = new
        {
            content = new
            {
                name = "农忙时节留守老人照看", category = "LIFE", unit = "次", standard = "农忙期间每日上门照看", frequency = "Weekly", durationMinutes = 120,
                unitPrice = 30, targetGroups = new[] { "TEKUN" }, needFlags = new[] { "ELDERLY_ALONE" }, ownerDepartment = "civil-affairs", providerTypes = new[] { "social_org" },
            },
        };

        int Entries()
        {
            using var context = db.CreateContext();
            return context.CatalogEntries.Count();
        }

        var before = Entries();
        await Problem(await city.PutAsJsonAsync($"{Api}/tiers/37/items/LIFE-01/adjustment", priceRange), HttpStatusCode.Forbidden, "catalog.tier_forbidden");
        await Problem(await officer.PutAsJsonAsync($"{Api}/tiers/37/items/LIFE-01/adjustment", priceRange), HttpStatusCode.Forbidden, "catalog.tier_forbidden");
        await Problem(await province.PutAsJsonAsync($"{Api}/tiers/national/items/NEW-01", newItem), HttpStatusCode.Forbidden, "catalog.tier_forbidden");
        await Problem(await other.PutAsJsonAsync($"{Api}/tiers/371121/items/C371121-01", newItem), HttpStatusCode.Forbidden, "catalog.tier_forbidden");
        await Problem(await worker.PutAsJsonAsync($"{Api}/tiers/371121/items/C371121-01", newItem), HttpStatusCode.Forbidden, "catalog.tier_forbidden");
        await Problem(await officer.PutAsJsonAsync($"{Api}/tiers/3711/items/C371121-01", newItem), HttpStatusCode.BadRequest, "catalog.bad_scope");
        Assert.Equal(before, Entries());

        // The province sets a price range; the county adjusts within it, never outside it.
        await Json(await province.PutAsJsonAsync($"{Api}/tiers/37/items/LIFE-01/adjustment", priceRange));
        await Problem(await officer.PutAsJsonAsync($"{Api}/tiers/371121/items/LIFE-01/adjustment", new { adjustment = new { unitPrice = 9 } }),
            HttpStatusCode.BadRequest, "catalog.price_out_of_limits", "4–8 元");
        await Problem(await officer.PutAsJsonAsync($"{Api}/tiers/371121/items/LIFE-01/adjustment", new { adjustment = new { limits = new { priceMin = 2 } } }),
            HttpStatusCode.BadRequest, "catalog.limits_wider");
        var first = await Json(await officer.PutAsJsonAsync($"{Api}/tiers/371121/items/LIFE-01/adjustment", new { adjustment = new { unitPrice = 6 }, reason = "县财政补贴" }));
        var inCounty = Item(await ItemsAsync(worker, $"region={Scenario.VillageA}"), "LIFE-01");
        Assert.Equal((6m, true, "National"), (inCounty.GetProperty("unitPrice").GetDecimal(), inCounty.GetProperty("adjusted").GetBoolean(), inCounty.GetProperty("tier").GetString()));
        Assert.Equal(5m, Item(await ItemsAsync(other, $"region={OtherCounty}"), "LIFE-01").GetProperty("unitPrice").GetDecimal());

        // A second adjustment must name the version it replaces; the replaced one keeps its id and its content.
        await Problem(await officer.PutAsJsonAsync($"{Api}/tiers/371121/items/LIFE-01/adjustment", new { adjustment = new { unitPrice = 7 } }), HttpStatusCode.Conflict, "catalog.stale");
        var second = await Json(await officer.PutAsJsonAsync($"{Api}/tiers/371121/items/LIFE-01/adjustment",
            new { adjustment = new { unitPrice = 7 }, supersedes = first.GetProperty("id").GetGuid() }));
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        var kept = await Json(await worker.GetAsync($"{Api}/versions/{first.GetProperty("id").GetGuid()}"));
        Assert.Equal(6m, kept.GetProperty("adjustment").GetProperty("unitPrice").GetDecimal());
        Assert.Equal(kept.GetProperty("effectiveFrom").GetString(), kept.GetProperty("effectiveTo").GetString());
        var recorded = string.Join(",", inCounty.GetProperty("versionIds").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(6m, (await Json(await worker.GetAsync($"{Api}/versions/item?ids={recorded}"))).GetProperty("unitPrice").GetDecimal());
        Assert.Equal(7m, Item(await ItemsAsync(worker, $"region={Scenario.VillageA}"), "LIFE-01").GetProperty("unitPrice").GetDecimal());
        await Problem(await worker.GetAsync($"{Api}/versions/item?ids=nonsense"), HttpStatusCode.BadRequest, "catalog.bad_versions");
        var history = (await Json(await worker.GetAsync($"{Api}/items/LIFE-01/versions?region=371121"))).EnumerateArray().ToList();
        Assert.Equal([("", 1), ("37", 1), ("371121", 1), ("371121", 2)], history.Select(h => (h.GetProperty("scope").GetString()!, h.GetProperty("version").GetInt32())));

        // The county adds its own item, cannot redefine a higher tier's, and switches one off with a reason.
        await Problem(await officer.PutAsJsonAsync($"{Api}/tiers/371121/items/LIFE-02", newItem), HttpStatusCode.Conflict, "catalog.redefines_higher_tier");
        await Json(await officer.PutAsJsonAsync($"{Api}/tiers/371121/items/C371121-01", newItem));
        await Problem(await officer.PutAsJsonAsync($"{Api}/tiers/371121/items/LIFE-06/switch-off", new { }), HttpStatusCode.BadRequest, "catalog.reason_required");
        var off = await Json(await officer.PutAsJsonAsync($"{Api}/tiers/371121/items/LIFE-06/switch-off", new { reason = "由住建部门项目承担" }));
        var county = await ItemsAsync(worker, $"region={Scenario.VillageA}");
        Assert.Equal("County", Item(county, "C371121-01").GetProperty("tier").GetString());
        Assert.DoesNotContain("LIFE-06", Codes(county));
        Assert.True(Item(await ItemsAsync(worker, $"region={Scenario.VillageA}&includeOff=true"), "LIFE-06").GetProperty("switchedOff").GetBoolean());
        Assert.DoesNotContain("C371121-01", Codes(await ItemsAsync(other, $"region={OtherCounty}")));
        Assert.Contains("LIFE-06", Codes(await ItemsAsync(other, $"region={OtherCounty}")));

        // Packages: a county's own lists must use items it has; the other county keeps the national package.
        var elder = new { content = new { name = "老年人服务包", baseItems = new[] { "LIFE-07", "LIFE-01" }, optionalModules = new[] { "LIFE-06" } } };
        await Problem(await officer.PutAsJsonAsync($"{Api}/tiers/371121/packages/PKG-ELDER", elder), HttpStatusCode.BadRequest, "package.unknown_item", "LIFE-06");
        await Problem(await other.PutAsJsonAsync($"{Api}/tiers/371121/packages/PKG-ELDER", elder), HttpStatusCode.Forbidden, "catalog.tier_forbidden");
        await Json(await officer.PutAsJsonAsync($"{Api}/tiers/371121/packages/PKG-ELDER",
            new { content = new { name = "老年人服务包", baseItems = new[] { "LIFE-07", "LIFE-01" }, optionalModules = new[] { "C371121-01" } } }));
        Assert.Equal("371121", (await Json(await worker.GetAsync($"{Api}/packages/PKG-ELDER?region=371121"))).GetProperty("scope").GetString());
        Assert.Equal("", (await Json(await other.GetAsync($"{Api}/packages/PKG-ELDER?region={OtherCounty}"))).GetProperty("scope").GetString());

        // Withdrawing the switch-off restores the national item in the county.
        await Json(await officer.PostAsJsonAsync($"{Api}/tiers/371121/items/LIFE-06/withdraw", new { supersedes = off.GetProperty("id").GetGuid() }));
        Assert.Contains("LIFE-06", Codes(await ItemsAsync(worker, $"region={Scenario.VillageA}")));

        await using var after = db.CreateContext();
        Assert.Equal(3, after.AuditEntries.Count(a => a.Action == "catalog.adjust"));
        Assert.Equal(1, after.AuditEntries.Count(a => a.Action == "catalog.switchoff"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_county_keeps_its_own_function_division_rows_which_override_the_national_list_and_route_referrals(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform,
            ("officer", Roles.CountyOfficer, Scenario.County),
            ("other", Roles.CountyOfficer, "371122000000"),
            ("worker", Roles.VillageWorker, Scenario.VillageA));
        var officer = (await s.LoginAsync("officer")).Client;
        var other = (await s.LoginAsync("other")).Client;
        var worker = (await s.LoginAsync("worker")).Client;
        var basis = new { name = "长期护理（失能人员照护）", ownerDepartment = "civil-affairs", why = "县政府常务会议纪要〔2026〕12号：试点期间由民政统筹" };

        // Nobody else writes the county's list, and bad rows change nothing.
        await Problem(await worker.PutAsJsonAsync($"{Api}/tiers/371121/function-division/LTC_NURSING", basis), HttpStatusCode.Forbidden, "catalog.tier_forbidden");
        await Problem(await other.PutAsJsonAsync($"{Api}/tiers/371121/function-division/LTC_NURSING", basis), HttpStatusCode.Forbidden, "catalog.tier_forbidden");
        await Problem(await officer.PutAsJsonAsync($"{Api}/tiers/national/function-division/LTC_NURSING", basis), HttpStatusCode.Forbidden, "catalog.tier_forbidden");
        await Problem(await officer.PutAsJsonAsync($"{Api}/tiers/371121/function-division/LTC_NURSING", basis with { ownerDepartment = "nobody" }), HttpStatusCode.BadRequest, "division.unknown_department");
        await Problem(await officer.PutAsJsonAsync($"{Api}/tiers/371121/function-division/LTC_NURSING", basis with { why = " " }), HttpStatusCode.BadRequest, "division.bad_why");
        await Problem(await officer.PutAsJsonAsync($"{Api}/tiers/371121/function-division/bad%20code", basis), HttpStatusCode.BadRequest, "division.bad_code");
        await Problem(await officer.DeleteAsync($"{Api}/tiers/371121/function-division/LTC_NURSING"), HttpStatusCode.NotFound, "division.nothing_to_remove");
        await using (var context = db.CreateContext())
        {
            Assert.Equal(8, context.FunctionDivisionEntries.Count());
        }

        // The county's row overrides the national one for its own region only; a new kind is added alongside.
        var saved = await Json(await officer.PutAsJsonAsync($"{Api}/tiers/371121/function-division/LTC_NURSING", basis));
        Assert.Equal(("civil-affairs", "371121"), (saved.GetProperty("ownerDepartment").GetString(), saved.GetProperty("scope").GetString()));
        await Json(await officer.PutAsJsonAsync($"{Api}/tiers/371121/function-division/FARM_HELP", new { name = "农忙帮扶", ownerDepartment = "rural-revitalization", why = "县乡村振兴局职责" }));
        var rows = (await Json(await worker.GetAsync($"{Api}/function-division?region=371121001201"))).GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(9, rows.Count);
        Assert.Equal("371121", rows.Single(r => r.GetProperty("code").GetString() == "LTC_NURSING").GetProperty("scope").GetString());
        Assert.Equal("civil-affairs", (await Json(await worker.GetAsync($"{Api}/function-division/owner?region=371121001201&key=LTC_NURSING"))).GetProperty("ownerDepartment").GetString());
        Assert.Equal("medical-security", (await Json(await other.GetAsync($"{Api}/function-division/owner?region=371122&key=LTC_NURSING"))).GetProperty("ownerDepartment").GetString());
        await Problem(await other.GetAsync($"{Api}/function-division/owner?region=371122&key=FARM_HELP"), HttpStatusCode.NotFound, "division.unknown_key");

        // Saving again updates the row in place; removing it lets the county inherit the national row again.
        await Json(await officer.PutAsJsonAsync($"{Api}/tiers/371121/function-division/LTC_NURSING", basis with { ownerDepartment = "health" }));
        var removed = await Json(await officer.DeleteAsync($"{Api}/tiers/371121/function-division/LTC_NURSING?reason=试点结束"));
        Assert.Equal("medical-security", removed.GetProperty("inherited").GetProperty("ownerDepartment").GetString());
        Assert.Equal("medical-security", (await Json(await worker.GetAsync($"{Api}/function-division/owner?region=371121001201&key=LTC_NURSING"))).GetProperty("ownerDepartment").GetString());
        await using (var context = db.CreateContext())
        {
            Assert.Equal(9, context.FunctionDivisionEntries.Count());
            Assert.Equal(3, context.AuditEntries.Count(e => e.Action == "division.save"));
            Assert.Single(context.AuditEntries.Where(e => e.Action == "division.remove"));
        }
    }
}
