using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.Identity.Domain;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.IntegrationTests.Catalog;

/// <summary>Referrals on both engines: routed by the function-division list, answered by the owner department only, audited.</summary>
public sealed class ReferralApiTests
{
    private const string Api = "/api/v1/referrals";

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task Problem(HttpResponseMessage response, HttpStatusCode status, string code) =>
        Assert.Equal(code, (await Json(response, status)).GetProperty("code").GetString());

    private static async Task SetDepartmentAsync(TestPlatform platform, string userName, string department)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<JiuzhuUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        user.Department = department;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_need_another_department_owns_is_referred_to_it_and_only_that_department_answers_it(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        await Calendar.CalendarFixtures.LoadOfficialAsync(platform);
        var s = await Scenario.CreateAsync(platform,
            ("social.a", Roles.TownshipSocialWorker, Scenario.TownshipA), ("worker.a", Roles.VillageWorker, Scenario.VillageA),
            ("yibao", Roles.DepartmentLiaison, Scenario.County), ("jiaoyu", Roles.DepartmentLiaison, Scenario.County),
            ("yibao.b", Roles.DepartmentLiaison, Scenario.TownshipB));
        await SetDepartmentAsync(platform, "yibao", "medical-security");
        await SetDepartmentAsync(platform, "jiaoyu", "education");
        await SetDepartmentAsync(platform, "yibao.b", "medical-security");
        var social = (await s.LoginAsync("social.a")).Client;
        var worker = (await s.LoginAsync("worker.a")).Client;
        var yibao = (await s.LoginAsync("yibao")).Client;
        var jiaoyu = (await s.LoginAsync("jiaoyu")).Client;
        var yibaoB = (await s.LoginAsync("yibao.b")).Client;
        var household = s.HouseholdsA[0];

        // Bad input changes nothing: a civil-affairs service, an unknown key, no reason, a household outside the township, a village worker.
        await Problem(await social.PostAsJsonAsync(Api, new { householdId = household, key = "LIFE-01", reason = "需要助餐" }), HttpStatusCode.BadRequest, "referral.own_department");
        await Problem(await social.PostAsJsonAsync(Api, new { householdId = household, key = "NO_SUCH", reason = "x" }), HttpStatusCode.NotFound, "division.unknown_key");
        await Problem(await social.PostAsJsonAsync(Api, new { householdId = household, key = "LTC_NURSING", reason = " " }), HttpStatusCode.BadRequest, "referral.reason_required");
        await Problem(await social.PostAsJsonAsync(Api, new { householdId = s.HouseholdsB[0], key = "LTC_NURSING", reason = "失能" }), HttpStatusCode.NotFound, "referral.household_not_found");
        await Problem(await worker.PostAsJsonAsync(Api, new { householdId = household, key = "LTC_NURSING", reason = "失能" }), HttpStatusCode.Forbidden, "referral.forbidden");
        await using (var check = db.CreateContext())
        {
            Assert.Equal(0, await check.Referrals.IgnoreQueryFilters().CountAsync());
        }

        // Long-term nursing is medical insurance's (重照护靠医保): the referral goes to it, with a deadline of 5 working days.
        var sent = await Json(await social.PostAsJsonAsync(Api, new { householdId = household, key = "LTC_NURSING", reason = "长期卧床，需要连续性医疗护理" }));
        Assert.Equal(("medical-security", "Sent"), (sent.GetProperty("department").GetString(), sent.GetProperty("status").GetString()));
        var due = sent.GetProperty("dueAt").GetDateTimeOffset();
        Assert.InRange(due - sent.GetProperty("createdAt").GetDateTimeOffset(), TimeSpan.FromDays(5), TimeSpan.FromDays(14));
        await Problem(await social.PostAsJsonAsync(Api, new { householdId = household, key = "LTC_NURSING", reason = "再次" }), HttpStatusCode.Conflict, "referral.duplicate");

        // Only medical insurance's liaison in whose jurisdiction the household lives sees and answers it.
        Assert.Single((await Json(await yibao.GetAsync(Api))).EnumerateArray());
        Assert.Empty((await Json(await jiaoyu.GetAsync(Api))).EnumerateArray());
        Assert.Empty((await Json(await yibaoB.GetAsync(Api))).EnumerateArray());
        var id = sent.GetProperty("id").GetGuid();
        var version = sent.GetProperty("version").GetGuid();
        await Problem(await jiaoyu.PostAsJsonAsync($"{Api}/{id}/accept", new { version }), HttpStatusCode.NotFound, "referral.not_found");
        await Problem(await social.PostAsJsonAsync($"{Api}/{id}/accept", new { version }), HttpStatusCode.Forbidden, "referral.forbidden");
        await Problem(await yibao.PostAsJsonAsync($"{Api}/{id}/decline", new { version, reason = "" }), HttpStatusCode.BadRequest, "referral.decline_reason_required");
        await Problem(await yibao.PostAsJsonAsync($"{Api}/{id}/complete", new { version, outcome = "已办" }), HttpStatusCode.Conflict, "referral.not_accepted");
        await Problem(await yibao.PostAsJsonAsync($"{Api}/{id}/accept", new { version = Guid.NewGuid() }), HttpStatusCode.Conflict, "referral.stale");

        var accepted = await Json(await yibao.PostAsJsonAsync($"{Api}/{id}/accept", new { version }));
        Assert.Equal("Accepted", accepted.GetProperty("status").GetString());
        await Problem(await yibao.PostAsJsonAsync($"{Api}/{id}/complete", new { version = accepted.GetProperty("version").GetGuid(), outcome = " " }), HttpStatusCode.BadRequest, "referral.outcome_required");
        var completed = await Json(await yibao.PostAsJsonAsync($"{Api}/{id}/complete", new { version = accepted.GetProperty("version").GetGuid(), outcome = "已纳入长期护理保险，每周上门护理 3 次" }));
        Assert.Equal(("Completed", "yibao"), (completed.GetProperty("status").GetString(), completed.GetProperty("answeredBy").GetString()));

        // The worker sees the outcome on the household; a declined referral carries its reason; every step is audited.
        var mine = await Json(await social.GetAsync($"{Api}/households/{household}"));
        Assert.Equal("已纳入长期护理保险，每周上门护理 3 次", mine.EnumerateArray().Single().GetProperty("outcome").GetString());
        var school = await Json(await social.PostAsJsonAsync(Api, new { householdId = household, key = "EDU_AID", reason = "孩子学费困难" }));
        var declined = await Json(await jiaoyu.PostAsJsonAsync($"{Api}/{school.GetProperty("id").GetGuid()}/decline",
            new { version = school.GetProperty("version").GetGuid(), reason = "该生已享受国家助学金，请核实后再转介" }));
        Assert.Equal("该生已享受国家助学金，请核实后再转介", declined.GetProperty("declineReason").GetString());
        Assert.Single((await Json(await social.GetAsync($"{Api}?status=declined"))).EnumerateArray());
        await Problem(await social.GetAsync($"{Api}?status=lost"), HttpStatusCode.BadRequest, "referral.bad_status");
        await using (var check = db.CreateContext())
        {
            var actions = await check.AuditEntries.Where(e => e.Action.StartsWith("referral.")).Select(e => e.Action).ToListAsync();
            Assert.Equal(["referral.accept", "referral.complete", "referral.decline", "referral.send", "referral.send"], actions.Order().ToArray());
        }
    }
}
