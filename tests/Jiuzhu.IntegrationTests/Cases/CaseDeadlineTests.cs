using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.Cases.Calendar;
using Jiuzhu.Cli;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.IntegrationTests.Cases;

public sealed class CaseDeadlineTests
{
    private static Task LoadCalendarAsync(TestPlatform platform) => Calendar.CalendarFixtures.LoadOfficialAsync(platform);

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Cases_get_working_day_deadlines_and_late_ones_show_as_overdue_and_escalate_to_the_supervisor(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        await LoadCalendarAsync(platform);
        var s = await Scenario.CreateAsync(platform,
            ("worker.a", Roles.VillageWorker, Scenario.VillageA),
            ("social.a", Roles.TownshipSocialWorker, Scenario.TownshipA));
        var worker = (await s.LoginAsync("worker.a")).Client;
        var social = (await s.LoginAsync("social.a")).Client;

        var normal = (await (await worker.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "minimum-living", need = "申请低保", urgent = false, channel = "WalkIn", personId = s.PersonsA[0],
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("case");
        var urgent = (await (await worker.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "temporary", need = "房屋倒塌，急需安置", urgent = true, channel = "Discovery", personId = s.PersonsA[1],
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("case");

        var submitted = normal.GetProperty("submittedAt").GetDateTimeOffset();
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var deadlines = scope.ServiceProvider.GetRequiredService<DeadlineService>();
            var expected = await deadlines.DueAsync(DeadlineStep.Acceptance, "minimum-living", RegionCode.Parse(Scenario.VillageA), submitted);
            Assert.Equal(expected.Value, normal.GetProperty("dueAt").GetDateTimeOffset());
        }

        // Working-day deadlines end at midnight China time; the urgent first response is 24 elapsed hours.
        Assert.Equal(16, normal.GetProperty("dueAt").GetDateTimeOffset().UtcDateTime.Hour);
        Assert.Equal(TimeSpan.FromHours(24), urgent.GetProperty("dueAt").GetDateTimeOffset() - urgent.GetProperty("submittedAt").GetDateTimeOffset());

        // The acceptance deadline passes without anyone acting.
        await using (var context = db.CreateContext())
        {
            var id = normal.GetProperty("id").GetGuid();
            await context.Cases.Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.DueAt, DateTimeOffset.UtcNow.AddHours(-1)));
        }

        var overdue = await worker.GetFromJsonAsync<JsonElement>("/api/v1/cases?inbox=overdue");
        Assert.Equal(new[] { normal.GetProperty("number").GetString()! }, overdue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()!).ToArray());
        var escalated = await social.GetFromJsonAsync<JsonElement>("/api/v1/cases?inbox=escalated");
        Assert.Equal(1, escalated.GetProperty("total").GetInt32());
        var counts = await worker.GetFromJsonAsync<JsonElement>("/api/v1/cases/counts");
        Assert.Equal(1, counts.GetProperty("overdue").GetInt32());
        Assert.Equal(0, counts.GetProperty("escalated").GetInt32()); // a village worker supervises nobody
    }

    [Fact]
    public async Task Without_a_calendar_the_application_is_still_taken_and_the_missing_deadline_is_traced()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform, ("worker.a", Roles.VillageWorker, Scenario.VillageA));
        var worker = (await s.LoginAsync("worker.a")).Client;
        var response = await worker.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "minimum-living", need = "申请低保", urgent = false, channel = "WalkIn", personId = s.PersonsA[0],
        });
        var c = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("case");
        Assert.Equal(JsonValueKind.Null, c.GetProperty("dueAt").ValueKind);
        await using var context = db.CreateContext();
        Assert.Contains("期限未能计算", context.AuditEntries.Single(e => e.Action == "case.submit").Summary);
    }
}
