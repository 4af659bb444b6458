using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.IntegrationTests.Plans;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;
using static Jiuzhu.IntegrationTests.Plans.PlanFixtures;

namespace Jiuzhu.IntegrationTests.Orders;

/// <summary>Service orders on both engines: dispatch within capacity, the lifecycle by the right parties, simultaneous accepts, check-in, decline back to matching.</summary>
public sealed class OrderApiTests
{
    private const string Api = "/api/v1/orders";
    private const double PointLat = 35.75;
    private const double PointLon = 119.21;

    private static async Task Problem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var problem = await Json(response, status);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    private static Guid Version(JsonElement order) => order.GetProperty("version").GetGuid();

    private static async Task<(Guid Provider, Guid Point)> ProviderAsync(HttpClient officer, string name, string creditCode, string? account, int weekly)
    {
        var id = (await Json(await officer.PostAsJsonAsync("/api/v1/providers", new
        {
            name, kind = "SocialOrganization", creditCode, region = Scenario.County, address = "五莲县测试路 1 号", contact = "0633-5800000",
        }))).GetProperty("id").GetGuid();
        await Json(await officer.PostAsJsonAsync($"/api/v1/providers/{id}/qualifications", new { type = "民办非企业单位登记证书", number = $"N-{creditCode[^4..]}", issuer = "五莲县民政局", validFrom = "2020-01-01" }));
        await Json(await officer.PostAsJsonAsync($"/api/v1/providers/{id}/items", new { item = "LIFE-01" }));
        await Json(await officer.PostAsJsonAsync($"/api/v1/providers/{id}/regions", new { region = Scenario.TownshipA }));
        var detail = await Json(await officer.PostAsJsonAsync($"/api/v1/providers/{id}/points", new
        {
            kind = "Canteen", name = $"{name}食堂", region = Scenario.VillageA, address = "村委会西侧", latitude = PointLat, longitude = PointLon, openingHours = "1-7 10:30-13:00",
        }));
        await Json(await officer.PutAsJsonAsync($"/api/v1/providers/{id}/capacities", new { item = "LIFE-01", period = "Week", quantity = weekly }));
        if (account is not null)
        {
            await Json(await officer.PostAsJsonAsync($"/api/v1/providers/{id}/staff", new { name = "徐春燕", role = "Manager", qualification = "助理社会工作师", phone = "13912345678", account }));
        }

        return (id, detail.GetProperty("points")[0].GetProperty("id").GetGuid());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_need_is_dispatched_within_capacity_and_its_orders_run_from_acceptance_to_rating(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        await Calendar.CalendarFixtures.LoadOfficialAsync(platform);
        var s = await Scenario.CreateAsync(platform,
            ("worker.a", Roles.VillageWorker, Scenario.VillageA),
            ("social.a", Roles.TownshipSocialWorker, Scenario.TownshipA),
            ("officer", Roles.CountyOfficer, Scenario.County),
            ("approver", Roles.CountyApprover, Scenario.County),
            ("cook", Roles.ProviderStaff, Scenario.County),
            ("other.cook", Roles.ProviderStaff, Scenario.County));
        var worker = (await s.LoginAsync("worker.a")).Client;
        var social = (await s.LoginAsync("social.a")).Client;
        var officer = (await s.LoginAsync("officer")).Client;
        var approver = (await s.LoginAsync("approver")).Client;
        var (canteen, point) = await ProviderAsync(officer, "东村幸福食堂", "52371121MJD0001188", "cook", weekly: 3);
        var (westCanteen, westPoint) = await ProviderAsync(officer, "西村幸福食堂", "91371121MA3C0002X4", "other.cook", weekly: 10);
        var cook = (await s.LoginAsync("cook")).Client;
        var otherCook = (await s.LoginAsync("other.cook")).Client;

        var plan = await ApprovedPlanAsync(s, worker, social, approver);
        var needs = (await Json(await social.GetAsync("/api/v1/plans/needs?size=100"))).GetProperty("items").EnumerateArray().ToList();
        var meal = needs.Single(n => n.GetProperty("itemCode").GetString() == "LIFE-01");
        var needId = meal.GetProperty("id").GetGuid();
        Assert.Equal("Daily", meal.GetProperty("frequency").GetString());

        // Dispatch: only dispatchers; the provider must offer the item where the household lives; capacity caps the week.
        var monday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(1);
        while (monday.DayOfWeek != DayOfWeek.Monday)
        {
            monday = monday.AddDays(1);
        }

        var dispatch = new { needId, providerId = canteen, servicePointId = point, from = monday.ToString("yyyy-MM-dd"), to = monday.AddDays(6).ToString("yyyy-MM-dd") };
        await Problem(await worker.PostAsJsonAsync($"{Api}/dispatch", dispatch), HttpStatusCode.Forbidden, "order.forbidden");
        await Problem(await social.PostAsJsonAsync($"{Api}/dispatch", dispatch with { from = "2020-01-01", to = "2020-01-07" }), HttpStatusCode.BadRequest, "order.bad_window");
        await Problem(await social.PostAsJsonAsync($"{Api}/dispatch", dispatch with { servicePointId = Guid.NewGuid() }), HttpStatusCode.BadRequest, "order.bad_service_point");
        // Two dispatchers send the same need at the same moment: one dispatch wins, the other changes nothing.
        var dispatched = await Task.WhenAll(social.PostAsJsonAsync($"{Api}/dispatch", dispatch), officer.PostAsJsonAsync($"{Api}/dispatch", dispatch));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], dispatched.Select(r => r.StatusCode).Order());
        var result = await Json(dispatched.Single(r => r.StatusCode == HttpStatusCode.OK));
        var orders = result.GetProperty("orders").EnumerateArray().ToList();
        Assert.Equal((3, 4), (orders.Count, result.GetProperty("capacityFull").GetArrayLength()));
        Assert.All(orders, o => Assert.Equal(("Dispatched", 1, canteen), (o.GetProperty("status").GetString(), o.GetProperty("priority").GetInt32(), o.GetProperty("providerId").GetGuid())));
        await Problem(await social.PostAsJsonAsync($"{Api}/dispatch", dispatch), HttpStatusCode.Conflict, "order.need_not_awaiting");
        Assert.Equal("Matched", (await Json(await social.GetAsync("/api/v1/plans/needs?status=Matched"))).GetProperty("items")[0].GetProperty("status").GetString());

        // Who sees the orders: the provider's own staff and civil-affairs staff of the jurisdiction; the code only for the latter.
        var first = await Json(await cook.GetAsync($"{Api}/{orders[0].GetProperty("id").GetGuid()}"));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("confirmationCode").ValueKind);
        Assert.Equal(0, (await Json(await otherCook.GetAsync(Api))).GetProperty("total").GetInt32());
        await Problem(await otherCook.PostAsJsonAsync($"{Api}/{orders[0].GetProperty("id").GetGuid()}/accept", new { version = Version(first) }), HttpStatusCode.NotFound, "order.not_found");
        await Problem(await worker.PostAsJsonAsync($"{Api}/{orders[0].GetProperty("id").GetGuid()}/accept", new { version = Version(first) }), HttpStatusCode.Forbidden, "order.forbidden");
        Assert.Equal(3, (await Json(await cook.GetAsync(Api))).GetProperty("total").GetInt32());

        // Two people accept the same order at the same moment: exactly one succeeds.
        var race = await Task.WhenAll(
            cook.PostAsJsonAsync($"{Api}/{first.GetProperty("id").GetGuid()}/accept", new { version = Version(first) }),
            cook.PostAsJsonAsync($"{Api}/{first.GetProperty("id").GetGuid()}/accept", new { version = Version(first) }));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], race.Select(r => r.StatusCode).Order());
        var order = await Json(await cook.GetAsync($"{Api}/{first.GetProperty("id").GetGuid()}"));
        Assert.Equal("Accepted", order.GetProperty("status").GetString());
        await Problem(await cook.PostAsJsonAsync($"{Api}/{order.GetProperty("id").GetGuid()}/complete", new { version = Version(order), durationMinutes = 30 }), HttpStatusCode.Conflict, "order.illegal_transition");

        // Check-in near the canteen only; completion needs a duration; a wrong code does not verify; the village worker does.
        var id = order.GetProperty("id").GetGuid();
        await Problem(await cook.PostAsJsonAsync($"{Api}/{id}/start", new { version = Version(order) }), HttpStatusCode.BadRequest, "order.location_required");
        await Problem(await cook.PostAsJsonAsync($"{Api}/{id}/start", new { version = Version(order), latitude = PointLat + 0.01, longitude = PointLon }), HttpStatusCode.BadRequest, "order.checkin_too_far");
        order = await Json(await cook.PostAsJsonAsync($"{Api}/{id}/start", new { version = Version(order), latitude = PointLat + 0.001, longitude = PointLon }));
        Assert.Equal(("Started", 111), (order.GetProperty("status").GetString(), order.GetProperty("checkInDistanceMetres").GetInt32()));
        // A photo of the service: images only (by their bytes), encrypted at rest, every viewing audited.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8];
        async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string name)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "photo", name } };
            return await client.PostAsync($"{Api}/{id}/photos", form);
        }

        await Problem(await UploadAsync(cook, "not a photo"u8.ToArray(), "a.png"), HttpStatusCode.BadRequest, "order.photo_type");
        await Problem(await UploadAsync(worker, png, "a.png"), HttpStatusCode.Forbidden, "order.forbidden");
        order = await Json(await UploadAsync(cook, png, "送餐.png"));
        var photo = Assert.Single(order.GetProperty("photos").EnumerateArray());
        Assert.Equal(png, await (await worker.GetAsync($"{Api}/{id}/photos/{photo.GetProperty("id").GetGuid()}")).Content.ReadAsByteArrayAsync());
        await Problem(await cook.PostAsJsonAsync($"{Api}/{id}/complete", new { version = Version(order) }), HttpStatusCode.BadRequest, "order.bad_duration");
        order = await Json(await cook.PostAsJsonAsync($"{Api}/{id}/complete", new { version = Version(order), durationMinutes = 40, notes = "送餐到桌，老人食欲好" }));
        await Problem(await cook.PostAsJsonAsync($"{Api}/{id}/confirm", new { version = Version(order), code = "000000x" }), HttpStatusCode.BadRequest, "order.bad_code");
        order = await Json(await worker.GetAsync($"{Api}/{id}"));
        Assert.Matches("^[0-9]{6}$", order.GetProperty("confirmationCode").GetString());
        await Problem(await worker.PostAsJsonAsync($"{Api}/{id}/rate", new { version = Version(order), rating = 5 }), HttpStatusCode.Conflict, "order.illegal_transition");
        order = await Json(await worker.PostAsJsonAsync($"{Api}/{id}/verify", new { version = Version(order) }));
        await Problem(await worker.PostAsJsonAsync($"{Api}/{id}/rate", new { version = Version(order), rating = 6 }), HttpStatusCode.BadRequest, "order.bad_rating");
        order = await Json(await worker.PostAsJsonAsync($"{Api}/{id}/rate", new { version = Version(order), rating = 5, comment = "饭菜可口" }));
        Assert.Equal(("Rated", 5), (order.GetProperty("status").GetString(), order.GetProperty("rating").GetInt32()));
        Assert.Equal(["派单", "接单", "签到开始服务", "上传服务照片", "完成服务", "核验", "评价"], order.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("what").GetString()));

        // The second order is confirmed by the beneficiary's code, which the provider enters.
        var second = await Json(await worker.GetAsync($"{Api}/{orders[1].GetProperty("id").GetGuid()}"));
        var code = second.GetProperty("confirmationCode").GetString();
        var sid = second.GetProperty("id").GetGuid();
        second = await Json(await cook.PostAsJsonAsync($"{Api}/{sid}/accept", new { version = Version(second) }));
        second = await Json(await cook.PostAsJsonAsync($"{Api}/{sid}/start", new { version = Version(second), latitude = PointLat, longitude = PointLon }));
        second = await Json(await cook.PostAsJsonAsync($"{Api}/{sid}/complete", new { version = Version(second), durationMinutes = 30 }));
        second = await Json(await cook.PostAsJsonAsync($"{Api}/{sid}/confirm", new { version = Version(second), code }));
        Assert.Equal(("Verified", true), (second.GetProperty("status").GetString(), second.GetProperty("verifiedByCode").GetBoolean()));

        // The beneficiary rates anonymously with the rating code; the confirmation code the provider learnt does not work.
        var ratingCode = (await Json(await worker.GetAsync($"{Api}/{sid}"))).GetProperty("ratingCode").GetString();
        Assert.Equal(JsonValueKind.Null, (await Json(await cook.GetAsync($"{Api}/{sid}"))).GetProperty("ratingCode").ValueKind);
        var anonymous = platform.CreateClient();
        var number = second.GetProperty("number").GetString();
        await Problem(await anonymous.PostAsJsonAsync($"{Api}/rate-by-code", new { number, code, rating = 5 }), HttpStatusCode.BadRequest, "order.bad_code");
        await Problem(await anonymous.PostAsJsonAsync($"{Api}/rate-by-code", new { number = "000000-0000000000", code = ratingCode, rating = 5 }), HttpStatusCode.BadRequest, "order.bad_code");
        Assert.Contains("东村幸福食堂", (await Json(await anonymous.PostAsJsonAsync($"{Api}/rate-by-code", new { number, code = ratingCode, rating = 4, comment = "准时" }))).GetString(), StringComparison.Ordinal);
        Assert.Equal(("Rated", 4), ((await Json(await worker.GetAsync($"{Api}/{sid}"))).GetProperty("status").GetString(), (await Json(await worker.GetAsync($"{Api}/{sid}"))).GetProperty("rating").GetInt32()));

        // 动态调整 now knows supply: two meals delivered.
        var report = await Json(await social.GetAsync($"/api/v1/catalog/adjustment?region={Scenario.TownshipA}&from={monday.AddDays(-7):yyyy-MM-dd}&to={monday.AddDays(30):yyyy-MM-dd}"));
        Assert.True(report.GetProperty("supplyKnown").GetBoolean());
        Assert.Equal(2m, report.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "LIFE-01").GetProperty("deliveredUnits").GetDecimal());

        // The provider declines the third: a reason is required; the need goes back to matching and capacity is released.
        var third = await Json(await cook.GetAsync($"{Api}/{orders[2].GetProperty("id").GetGuid()}"));
        await Problem(await cook.PostAsJsonAsync($"{Api}/{third.GetProperty("id").GetGuid()}/decline", new { version = Version(third) }), HttpStatusCode.BadRequest, "order.reason_required");
        third = await Json(await cook.PostAsJsonAsync($"{Api}/{third.GetProperty("id").GetGuid()}/decline", new { version = Version(third), reason = "厨师生病，本周人手不足" }));
        Assert.Equal(("Declined", "厨师生病，本周人手不足"), (third.GetProperty("status").GetString(), third.GetProperty("reason").GetString()));
        Assert.Contains((await Json(await social.GetAsync("/api/v1/plans/needs"))).GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetGuid() == needId);

        // The need goes to another provider for the days not yet served: the declined day and the four the first had no capacity for.
        var again = await Json(await social.PostAsJsonAsync($"{Api}/dispatch", dispatch with { providerId = westCanteen, servicePointId = westPoint }));
        Assert.Equal(5, again.GetProperty("orders").GetArrayLength());

        await using var context = db.CreateContext();
        var uses = await context.CapacityUses.AsNoTracking().ToListAsync();
        Assert.Equal(2, uses.Where(u => u.ProviderId == canteen).Sum(u => u.Used));
        Assert.Equal(5, uses.Where(u => u.ProviderId == westCanteen).Sum(u => u.Used));
        Assert.All(uses, u => Assert.True(u.Used <= (u.ProviderId == canteen ? 3 : 10)));
        var trail = await context.AuditEntries.AsNoTracking().Where(e => e.Action.StartsWith("order.")).Select(e => e.Summary).ToListAsync();
        Assert.Contains(trail, t => t.Contains("派给东村幸福食堂", StringComparison.Ordinal));
        Assert.DoesNotContain(trail, t => code != null && t.Contains(code, StringComparison.Ordinal));
        Assert.Single(await context.AuditEntries.AsNoTracking().Where(e => e.Action == "order.photo-view").ToListAsync());
        var stored = (await context.OrderAttachments.AsNoTracking().SingleAsync()).Content;
        Assert.True(stored.AsSpan().IndexOf(png) < 0, "the photo is stored encrypted");
        var raw = await context.ServiceOrders.AsNoTracking().Select(o => o.ConfirmationCode).ToListAsync();
        Assert.All(raw, c => Assert.StartsWith("v1:", c, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_matching_run_is_previewed_with_reasons_for_unserved_needs_and_confirmed_into_orders(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        await Calendar.CalendarFixtures.LoadOfficialAsync(platform);
        var s = await Scenario.CreateAsync(platform,
            ("worker.a", Roles.VillageWorker, Scenario.VillageA),
            ("social.a", Roles.TownshipSocialWorker, Scenario.TownshipA),
            ("officer", Roles.CountyOfficer, Scenario.County),
            ("approver", Roles.CountyApprover, Scenario.County));
        var worker = (await s.LoginAsync("worker.a")).Client;
        var social = (await s.LoginAsync("social.a")).Client;
        var officer = (await s.LoginAsync("officer")).Client;
        var approver = (await s.LoginAsync("approver")).Client;
        var (canteen, point) = await ProviderAsync(officer, "东村幸福食堂", "52371121MJD0001188", null, weekly: 70);
        await using (var context = db.CreateContext())
        {
            // The households live about 220 m north of the canteen: 290 m walking with the detour, inside an elderly person's 720 m.
            await context.Database.ExecuteSqlInterpolatedAsync($"UPDATE households SET \"Latitude\" = {PointLat + 0.002}, \"Longitude\" = {PointLon}");
        }

        var plan = await ApprovedPlanAsync(s, worker, social, approver);
        var civil = plan.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("ownerDepartment").GetString() == "civil-affairs");

        await Problem(await worker.GetAsync("/api/v1/matching/preview"), HttpStatusCode.Forbidden, "matching.forbidden");
        var preview = await Json(await social.GetAsync("/api/v1/matching/preview"));
        Assert.Equal((civil, 1), (preview.GetProperty("needs").GetInt32(), preview.GetProperty("assigned").GetInt32()));
        var assignment = Assert.Single(preview.GetProperty("assignments").EnumerateArray());
        Assert.Equal(("LIFE-01", canteen, point, true), (assignment.GetProperty("itemCode").GetString(), assignment.GetProperty("providerId").GetGuid(),
            assignment.GetProperty("pointId").GetGuid(), assignment.GetProperty("onSite").GetBoolean()));
        Assert.InRange(assignment.GetProperty("metres").GetInt32(), 280, 300);
        Assert.Equal(civil - 1, preview.GetProperty("unserved").GetArrayLength());
        Assert.All(preview.GetProperty("unserved").EnumerateArray(), u => Assert.Equal("no_provider_nearby", u.GetProperty("reason").GetString()));
        Assert.Equal(1, preview.GetProperty("byPriority").GetProperty("1").GetProperty("assigned").GetInt32());

        // On the plan item: the best options with their reasons.
        var options = await Json(await social.GetAsync($"/api/v1/matching/needs/{assignment.GetProperty("needId").GetGuid()}/options"));
        var best = options[0];
        Assert.Equal(canteen, best.GetProperty("providerId").GetGuid());
        Assert.Contains("步行约", best.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("本期还可接 10 户", best.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // A person confirms the run: the need is dispatched into orders, and the next preview no longer has it.
        var outcome = await Json(await social.PostAsJsonAsync("/api/v1/matching/confirm", new
        {
            assignments = new[] { new { needId = assignment.GetProperty("needId").GetGuid(), providerId = canteen, pointId = point } },
        }));
        Assert.True(outcome[0].GetProperty("dispatched").GetBoolean());
        Assert.Equal(7, outcome[0].GetProperty("orders").GetInt32());
        Assert.Equal(0, (await Json(await social.GetAsync("/api/v1/matching/preview"))).GetProperty("assigned").GetInt32());

        // The week after: recurring generation makes the next windows' orders once; running it again makes none.
        var nextWeek = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(7).ToString("yyyy-MM-dd");
        var generated = await Json(await social.PostAsJsonAsync($"{Api}/generate", new { from = nextWeek, days = 7 }));
        Assert.Equal((1, 7), (generated.GetProperty("assignments").GetInt32(), generated.GetProperty("created").GetInt32()));
        Assert.Equal(0, (await Json(await social.PostAsJsonAsync($"{Api}/generate", new { from = nextWeek, days = 7 }))).GetProperty("created").GetInt32());
        await Problem(await social.PostAsJsonAsync($"{Api}/generate", new { days = 40 }), HttpStatusCode.BadRequest, "order.bad_window");

        // The daily command: today's seven days already have their orders, so it creates none and says so.
        using (var output = new StringWriter())
        {
            Assert.Equal(0, await Cli.JiuzhuCommandLine.Guard(() => Cli.OrdersCommands.GenerateAsync(db.Settings, 7, output, CancellationToken.None)));
            var run = JsonDocument.Parse(output.ToString()).RootElement;
            Assert.Equal((1, 0), (run.GetProperty("assignments").GetInt32(), run.GetProperty("created").GetInt32()));
        }
        Assert.Equal(14, (await Json(await social.GetAsync($"{Api}?size=100"))).GetProperty("total").GetInt32());
        await Problem(await social.PostAsJsonAsync("/api/v1/matching/confirm", new { assignments = Array.Empty<object>() }), HttpStatusCode.BadRequest, "matching.bad_confirm");
    }
}
