using System.Net;
using System.Text.Json;

namespace Jiuzhu.IntegrationTests.Infrastructure;

public sealed class PlatformSmokeTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Health_reports_the_database_as_reachable(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        using var client = platform.CreateClient();
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.True(json.RootElement.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.Equal(engine == Engine.Postgres ? "postgres" : "sqlite", json.RootElement.GetProperty("database").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task The_api_refuses_anonymous_callers_with_401_not_a_redirect()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        using var client = platform.CreateClient();
        var response = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_login_page_is_served_in_Chinese()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        using var client = platform.CreateClient();
        var html = await client.GetStringAsync("/account/login");
        Assert.Contains("用户名", html);
        Assert.Contains("密码", html);
        Assert.Contains("lang=\"zh-CN\"", html);
    }

    [Fact]
    public async Task English_can_be_chosen_and_is_remembered_in_a_cookie()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        using var client = platform.CreateClient();
        var set = await client.GetAsync("/culture/set?culture=en-US&redirectUri=%2Faccount%2Flogin");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/account/login", set.Headers.Location?.OriginalString);
        var html = await client.GetStringAsync("/account/login");
        Assert.Contains("lang=\"en-US\"", html);
        Assert.Contains("User name", html);
        Assert.DoesNotContain("用户名", html);

        // Only local addresses are followed after switching.
        var away = await client.GetAsync("/culture/set?culture=zh-CN&redirectUri=https%3A%2F%2Fevil.example%2F");
        Assert.Equal("/", away.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_module_endpoints()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        using var client = platform.CreateClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/households", paths);
        Assert.Contains("/api/v1/identity/users", paths);
        Assert.Contains("/api/v1/audit/entries", paths);
        Assert.Contains("/api/v1/me/applications", paths);
        Assert.Contains(paths, p => p.StartsWith("/api/v1/geo/regions", StringComparison.Ordinal));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/api/docs/")).StatusCode);
    }
}
