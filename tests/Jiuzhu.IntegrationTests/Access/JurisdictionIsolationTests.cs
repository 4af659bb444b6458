using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;

namespace Jiuzhu.IntegrationTests.Access;

public sealed class JurisdictionIsolationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_village_worker_sees_only_their_village_and_gets_404_for_every_record_of_another(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform, ("worker.a", Roles.VillageWorker, Scenario.VillageA));
        var (client, _) = await s.LoginAsync("worker.a");

        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/v1/households?size=100"));
        var ids = list.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToHashSet();
        Assert.Equal(s.HouseholdsA.ToHashSet(), ids);
        Assert.Equal(3, list.RootElement.GetProperty("total").GetInt32());

        foreach (var id in s.HouseholdsB)
        {
            var response = await client.GetAsync($"/api/v1/households/{id}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("registry.household_not_found", problem.RootElement.GetProperty("code").GetString());
        }

        foreach (var id in s.PersonsB)
        {
            var reveal = await client.PostAsJsonAsync($"/api/v1/persons/{id}/reveal", new { field = "idNumber", reason = "核实身份信息" });
            Assert.Equal(HttpStatusCode.NotFound, reveal.StatusCode);
        }

        using var filtered = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/households?region={Scenario.VillageB}"));
        Assert.Equal(0, filtered.RootElement.GetProperty("total").GetInt32());

        // The household of village A opens; the refused attempts on B are in the audit trail.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/households/{s.HouseholdsA[0]}")).StatusCode);
        await using var context = db.CreateContext();
        Assert.Equal(s.HouseholdsB.Count, context.AuditEntries.Count(e => e.Action == "household.view" && e.Outcome == "denied" && e.ActorName == "worker.a"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Township_and_county_staff_see_their_whole_subtree_only(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform,
            ("township.b", Roles.TownshipSocialWorker, Scenario.TownshipB),
            ("county.officer", Roles.CountyOfficer, Scenario.County));

        var (township, _) = await s.LoginAsync("township.b");
        using var tList = JsonDocument.Parse(await township.GetStringAsync("/api/v1/households?size=100"));
        Assert.Equal(s.HouseholdsB.ToHashSet(), tList.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToHashSet());
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/api/v1/households/{s.HouseholdsA[0]}")).StatusCode);

        var (county, _) = await s.LoginAsync("county.officer");
        using var cList = JsonDocument.Parse(await county.GetStringAsync("/api/v1/households?size=100"));
        Assert.Equal(5, cList.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Revealing_a_number_needs_a_reason_returns_the_full_number_and_is_audited_without_the_number()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform, ("worker.b", Roles.VillageWorker, Scenario.VillageB));
        var (client, _) = await s.LoginAsync("worker.b");
        var person = s.PersonsB[0];

        var noReason = await client.PostAsJsonAsync($"/api/v1/persons/{person}/reveal", new { field = "idNumber", reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var ok = await client.PostAsJsonAsync($"/api/v1/persons/{person}/reveal", new { field = "idNumber", reason = "入户核实身份" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var number = (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetString()!;
        Assert.True(Jiuzhu.Registry.Domain.ResidentId.IsValid(number));

        await using var context = db.CreateContext();
        var entry = context.AuditEntries.Single(e => e.Action == "person.reveal-id" && e.Outcome == "success");
        Assert.Contains("入户核实身份", entry.Summary);
        Assert.DoesNotContain(number, entry.Summary);
        Assert.Equal(person.ToString(), entry.EntityId);
    }

    [Fact]
    public async Task An_auditor_may_read_the_registry_but_never_reveal_a_number()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform, ("auditor", Roles.Auditor, Scenario.County));
        var (client, _) = await s.LoginAsync("auditor");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/households")).StatusCode);
        var reveal = await client.PostAsJsonAsync($"/api/v1/persons/{s.PersonsB[0]}/reveal", new { field = "phone", reason = "审计抽查核实" });
        Assert.Equal(HttpStatusCode.Forbidden, reveal.StatusCode);
    }
}
