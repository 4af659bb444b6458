using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Jiuzhu.Registry.Domain;

namespace Jiuzhu.IntegrationTests.Access;

public sealed class EveryEndpointJurisdictionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Every_registry_and_case_endpoint_refuses_records_of_another_village_and_changes_nothing(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform,
            ("worker.a", Roles.VillageWorker, Scenario.VillageA),
            ("officer", Roles.CountyOfficer, Scenario.County));
        var officer = (await s.LoginAsync("officer")).Client;
        var worker = (await s.LoginAsync("worker.a")).Client;

        // Records of village B, made by the county officer.
        var householdB = s.HouseholdsB[0];
        var personB = s.PersonsB[0];
        var caseB = JsonDocument.Parse(await (await officer.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "service", need = "助餐", urgent = false, channel = "Discovery", personId = personB,
        })).Content.ReadAsStringAsync()).RootElement.GetProperty("case");
        var caseId = caseB.GetProperty("id").GetGuid();
        var version = caseB.GetProperty("version").GetGuid();
        var householdVersion = JsonDocument.Parse(await officer.GetStringAsync($"/api/v1/households/{householdB}")).RootElement.GetProperty("version").GetGuid();

        var attempts = new (string What, Func<Task<HttpResponseMessage>> Call)[]
        {
            ("GET household", () => worker.GetAsync($"/api/v1/households/{householdB}")),
            ("PUT household", () => worker.PutAsJsonAsync($"/api/v1/households/{householdB}", new { address = "篡改", version = householdVersion })),
            ("POST member", () => worker.PostAsJsonAsync($"/api/v1/households/{householdB}/members", new
            {
                name = "外人", idNumber = ResidentId.Compose("371121", new DateOnly(1990, 1, 1), 301), relation = "Child", needs = "None",
            })),
            ("PUT category", () => worker.PutAsJsonAsync($"/api/v1/households/{householdB}/category", new { category = "ExtremelyPoor", date = "2099-01-01", version = householdVersion })),
            ("merge B into A", () => worker.PostAsJsonAsync($"/api/v1/households/{householdB}/merge", new { into = s.HouseholdsA[0], reason = "越权" })),
            ("merge A into B", () => worker.PostAsJsonAsync($"/api/v1/households/{s.HouseholdsA[0]}/merge", new { into = householdB, reason = "越权" })),
            ("reveal id", () => worker.PostAsJsonAsync($"/api/v1/persons/{personB}/reveal", new { field = "idNumber", reason = "越权查看" })),
            ("disability", () => worker.PutAsJsonAsync($"/api/v1/persons/{personB}/disability", new { category = "Physical", level = 1 })),
            ("guardian", () => worker.PutAsJsonAsync($"/api/v1/persons/{personB}/guardian", new { guardianId = (Guid?)null, relation = (string?)null })),
            ("consent", () => worker.PostAsJsonAsync($"/api/v1/persons/{personB}/consents", new { purposes = new[] { "assessment" }, departments = Array.Empty<string>(), givenOn = "2026-01-01" })),
            ("GET case", () => worker.GetAsync($"/api/v1/cases/{caseId}")),
            ("move case", () => worker.PostAsJsonAsync($"/api/v1/cases/{caseId}/transitions", new { action = "Accept", version })),
            ("case for B's person", () => worker.PostAsJsonAsync("/api/v1/cases", new { caseType = "temporary", need = "越权", urgent = false, channel = "WalkIn", personId = personB })),
        };

        await using var before = db.CreateContext();
        var (households, persons, cases, consents) = (before.Households.Count(), before.Persons.Count(), before.Cases.Count(), before.Consents.Count());
        foreach (var (what, call) in attempts)
        {
            var response = await call();
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{what}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await using var after = db.CreateContext();
        Assert.Equal((households, persons, cases, consents), (after.Households.Count(), after.Persons.Count(), after.Cases.Count(), after.Consents.Count()));
        Assert.Equal("测试地址1号", after.Households.Single(h => h.Id == householdB).Address);
        Assert.Equal(Jiuzhu.Cases.Domain.CaseStatus.Submitted, CaseStatus(after, caseId));
    }

    private static Jiuzhu.Cases.Domain.CaseStatus CaseStatus(Jiuzhu.Data.JiuzhuDbContext context, Guid id) => context.Cases.Single(c => c.Id == id).Status;
}
