using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Identity.Domain;
using Jiuzhu.Kernel;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.IntegrationTests.Access;

public sealed class AdministrationTests
{
    private static async Task<(Scenario S, HttpClient Sys, HttpClient Sec)> AdminsAsync(TestPlatform platform)
    {
        var s = await Scenario.CreateAsync(platform,
            ("sys", Roles.SystemAdmin, Scenario.County),
            ("sec", Roles.SecurityAdmin, Scenario.County),
            ("worker.a", Roles.VillageWorker, Scenario.VillageA));
        var sys = (await s.LoginAsync("sys", totpKey: await s.EnrolTotpAsync("sys"))).Client;
        var sec = (await s.LoginAsync("sec", totpKey: await s.EnrolTotpAsync("sec"))).Client;
        return (s, sys, sec);
    }

    private static async Task<string?> CodeOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task One_account_can_never_combine_two_of_the_three_administrators(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var (s, _, sec) = await AdminsAsync(platform);
        var target = s.Users["worker.a"];

        var both = await sec.PutAsJsonAsync($"/api/v1/identity/users/{target}/roles", new { roles = new[] { Roles.SystemAdmin, Roles.AuditAdmin } });
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal("role.admin_separation", await CodeOf(both));

        // Nothing changed: the account keeps exactly its old role.
        using var user = JsonDocument.Parse(await sec.GetStringAsync($"/api/v1/identity/users/{target}"));
        Assert.Equal(new[] { Roles.VillageWorker }, user.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());

        // The same rule holds for the holder of one administrator role being given a second one.
        var secondAdmin = await sec.PutAsJsonAsync($"/api/v1/identity/users/{s.Users["sys"]}/roles", new { roles = new[] { Roles.SystemAdmin, Roles.SecurityAdmin } });
        Assert.Equal("role.admin_separation", await CodeOf(secondAdmin));
    }

    [Fact]
    public async Task The_separation_holds_below_the_administration_service_too()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        await Scenario.CreateAsync(platform, ("sys", Roles.SystemAdmin, Scenario.County));
        await using var scope = platform.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<JiuzhuUser>>();
        var sys = (await users.FindByNameAsync("sys"))!;
        var result = await users.AddToRoleAsync(sys, Roles.AuditAdmin);
        Assert.False(result.Succeeded);
        Assert.Equal("role.admin_separation", result.Errors.Single().Code);
        Assert.Equal([Roles.SystemAdmin], await users.GetRolesAsync(sys));
        Assert.True((await users.AddToRoleAsync(sys, Roles.CountyOfficer)).Succeeded);
    }

    [Fact]
    public async Task The_system_administrator_creates_accounts_but_only_the_security_administrator_grants_roles()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var (s, sys, sec) = await AdminsAsync(platform);

        var withRole = await sys.PostAsJsonAsync("/api/v1/identity/users", new
        {
            userName = "new.worker", displayName = "新协理员", jurisdiction = Scenario.VillageA, password = "Strong#Pass2026", roles = new[] { Roles.VillageWorker },
        });
        Assert.Equal(HttpStatusCode.Forbidden, withRole.StatusCode);
        Assert.Equal("user.grant_forbidden", await CodeOf(withRole));

        var created = await sys.PostAsJsonAsync("/api/v1/identity/users", new
        {
            userName = "new.worker", displayName = "新协理员", jurisdiction = Scenario.VillageA, password = "Strong#Pass2026",
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var sysGrants = await sys.PutAsJsonAsync($"/api/v1/identity/users/{id}/roles", new { roles = new[] { Roles.VillageWorker } });
        Assert.Equal(HttpStatusCode.Forbidden, sysGrants.StatusCode);

        var wrongLevel = await sec.PutAsJsonAsync($"/api/v1/identity/users/{id}/roles", new { roles = new[] { Roles.CountyApprover } });
        Assert.Equal("role.jurisdiction_level", await CodeOf(wrongLevel));

        var granted = await sec.PutAsJsonAsync($"/api/v1/identity/users/{id}/roles", new { roles = new[] { Roles.VillageWorker } });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);

        var secSelf = await sec.PutAsJsonAsync($"/api/v1/identity/users/{s.Users["sec"]}/roles", new { roles = new[] { Roles.SecurityAdmin, Roles.CountyOfficer } });
        Assert.Equal("user.self", await CodeOf(secSelf));

        await using var context = db.CreateContext();
        var actions = context.AuditEntries.Where(e => e.EntityId == id.ToString()).Select(e => e.Action).ToList();
        Assert.Contains("user.create", actions);
        Assert.Contains("user.set-roles", actions);
    }

    [Fact]
    public async Task Bad_account_input_gets_a_clear_message_and_changes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var (_, sys, _) = await AdminsAsync(platform);
        await using var before = db.CreateContext();
        var count = before.Users.Count();

        var weak = await sys.PostAsJsonAsync("/api/v1/identity/users", new { userName = "weak", displayName = "弱密码", jurisdiction = Scenario.VillageA, password = "abc" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var weakProblem = await weak.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("密码", weakProblem.GetProperty("detail").GetString());

        var outside = await sys.PostAsJsonAsync("/api/v1/identity/users", new { userName = "far", displayName = "外县", jurisdiction = "371122", password = "Strong#Pass2026" });
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal("user.jurisdiction_outside", await CodeOf(outside));

        var malformed = await sys.PostAsJsonAsync("/api/v1/identity/users", new { userName = "bad", displayName = "坏代码", jurisdiction = "37112x", password = "Strong#Pass2026" });
        Assert.Equal("user.bad_jurisdiction", await CodeOf(malformed));

        var unknown = await sys.PostAsJsonAsync("/api/v1/identity/users", new { userName = "ghost", displayName = "无此村", jurisdiction = "371121001299", password = "Strong#Pass2026" });
        Assert.Equal("user.unknown_region", await CodeOf(unknown));

        await using var after = db.CreateContext();
        Assert.Equal(count, after.Users.Count());
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_access_and_is_audited()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var (s, sys, _) = await AdminsAsync(platform);
        var response = await sys.PostAsync($"/api/v1/identity/users/{s.Users["worker.a"]}/disable", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("/account/login?error=disabled", await Scenario.PostLoginAsync(platform.CreateClient(), "worker.a", Scenario.Password));
        var self = await sys.PostAsync($"/api/v1/identity/users/{s.Users["sys"]}/disable", null);
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        await using var context = db.CreateContext();
        Assert.Single(context.AuditEntries.Where(e => e.Action == "user.disable"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Department_API_keys_are_hashed_scoped_and_revocable(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var (_, _, sec) = await AdminsAsync(platform);

        var issued = await sec.PostAsJsonAsync("/api/v1/identity/api-clients", new { name = "卫健数据交换", department = "health", jurisdiction = Scenario.TownshipA });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var key = body.GetProperty("key").GetString()!;
        var clientId = body.GetProperty("client").GetProperty("id").GetGuid();

        await using (var context = db.CreateContext())
        {
            var stored = context.ApiClients.Single();
            Assert.DoesNotContain(stored.SecretHash, key);
            Assert.Equal(64, stored.SecretHash.Length);
        }

        using var department = platform.CreateClient();
        department.DefaultRequestHeaders.Add("X-Api-Key", key);
        using (var me = JsonDocument.Parse(await department.GetStringAsync("/api/v1/me")))
        {
            Assert.Equal("apiclient", me.RootElement.GetProperty("kind").GetString());
            Assert.Equal(Scenario.TownshipA, me.RootElement.GetProperty("jurisdiction").GetString());
        }

        // A department system holds no staff role: staff endpoints refuse it.
        Assert.Equal(HttpStatusCode.Forbidden, (await department.GetAsync("/api/v1/identity/users")).StatusCode);

        using var forged = platform.CreateClient();
        forged.DefaultRequestHeaders.Add("X-Api-Key", key[..^2] + "xx");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await sec.PostAsync($"/api/v1/identity/api-clients/{clientId}/revoke", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await department.GetAsync("/api/v1/me")).StatusCode);

        var outside = await sec.PostAsJsonAsync("/api/v1/identity/api-clients", new { name = "外县", department = "health", jurisdiction = "371122" });
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
    }
}
