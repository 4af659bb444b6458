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
}
