using System.Net;
using System.Text.Json;
using Jiuzhu.Geo.Browse;
using Jiuzhu.Identity;
using Jiuzhu.Identity.Domain;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;

namespace Jiuzhu.IntegrationTests.Geo;

public sealed class RegionDirectoryTests
{
    private static readonly RegionCode Hongning = RegionCode.Parse("371121001"); // 洪凝街道

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_township_worker_sees_its_subtree_its_ancestors_and_only_the_branch_leading_to_it(Engine engine)
    {
        await using var db = await ImportedAsync(engine);
        var actor = new FixedActor(ActorKind.User, Guid.NewGuid(), "hongning", [Roles.TownshipSocialWorker], Hongning);
        await using var context = db.CreateContext(actor);
        var directory = new RegionDirectory(context, actor);

        Assert.Equal(["370000000000"], Codes(await directory.ChildrenAsync(null)));
        Assert.Equal(["371121001000"], Codes(await directory.ChildrenAsync(RegionCode.Parse("371121"))));
        Assert.Equal(81, (await directory.ChildrenAsync(Hongning))!.Count);
        Assert.Null(await directory.ChildrenAsync(RegionCode.Parse("371121102"))); // 街头镇, a neighbour
        Assert.Null(await directory.ChildrenAsync(RegionCode.Parse("3712")));

        Assert.NotNull(await directory.GetAsync(RegionCode.Parse("37")));
        Assert.NotNull(await directory.GetAsync(RegionCode.Parse("371121001002")));
        Assert.Null(await directory.GetAsync(RegionCode.Parse("371121102201")));
        Assert.Null(await directory.GetAsync(RegionCode.Parse("371121001999"))); // inside, but does not exist
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_path_starts_at_the_province_and_the_full_name_joins_it(Engine engine)
    {
        await using var db = await ImportedAsync(engine);
        var actor = FixedActor.System("test");
        await using var context = db.CreateContext(actor);
        var directory = new RegionDirectory(context, actor);

        var path = await directory.PathAsync(RegionCode.Parse("371121001002"));

        Assert.Equal(["370000000000", "371100000000", "371121000000", "371121001000"], Codes(path));
        Assert.Equal("山东省 日照市 五莲县 洪凝街道 集后社区居民委员会", await directory.FullNameAsync(RegionCode.Parse("371121001002")));
        Assert.Equal(12, (await directory.ChildrenAsync(RegionCode.Parse("371121")))!.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_children_endpoint_respects_the_callers_jurisdiction(Engine engine)
    {
        await using var db = await ImportedAsync(engine);
        string key;
        await using (var context = db.CreateContext())
        {
            var (apiClient, secret) = ApiClient.Issue("卫健委接口", "卫健", Hongning, "test", DateTimeOffset.UtcNow);
            context.ApiClients.Add(apiClient);
            await context.SaveChangesAsync();
            key = secret;
        }

        await using var platform = await TestPlatform.StartAsync(db);
        using var client = platform.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, key);

        var county = await client.GetAsync("/api/v1/geo/regions/371121/children");
        Assert.Equal(HttpStatusCode.OK, county.StatusCode);
        using (var json = JsonDocument.Parse(await county.Content.ReadAsStringAsync()))
        {
            var only = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal("371121001000", only.GetProperty("code").GetString());
            Assert.Equal("subdistrict", only.GetProperty("kind").GetString());
            Assert.Equal("街道", only.GetProperty("kindName").GetString());
        }

        var own = await client.GetAsync("/api/v1/geo/regions/371121001/children");
        using (var json = JsonDocument.Parse(await own.Content.ReadAsStringAsync()))
        {
            Assert.Equal(81, json.RootElement.GetArrayLength());
        }

        var neighbour = await client.GetAsync("/api/v1/geo/regions/371121102/children");
        Assert.Equal(HttpStatusCode.NotFound, neighbour.StatusCode);
        Assert.Equal("application/problem+json", neighbour.Content.Headers.ContentType?.MediaType);
        using (var problem = JsonDocument.Parse(await neighbour.Content.ReadAsStringAsync()))
        {
            Assert.Equal("geo.region_not_found", problem.RootElement.GetProperty("code").GetString());
            Assert.Contains("管辖范围", problem.RootElement.GetProperty("detail").GetString());
        }

        var region = await client.GetAsync("/api/v1/geo/regions/371121001002");
        using (var json = JsonDocument.Parse(await region.Content.ReadAsStringAsync()))
        {
            Assert.Equal("山东省 日照市 五莲县 洪凝街道 集后社区居民委员会", json.RootElement.GetProperty("fullName").GetString());
            Assert.Equal(4, json.RootElement.GetProperty("path").GetArrayLength());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/geo/regions/371121102201")).StatusCode);
        var malformed = await client.GetAsync("/api/v1/geo/regions/37112100/children");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("geo.region_code_invalid", await malformed.Content.ReadAsStringAsync());

        using var anonymous = platform.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/geo/regions/371121/children")).StatusCode);
    }

    private static async Task<TestDatabase> ImportedAsync(Engine engine)
    {
        var db = await TestDatabase.CreateAsync(engine);
        var result = await GeoFixtures.ImportAsync(db, GeoFixtures.SharedDivisions, GeoFixtures.Wulian);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return db;
    }

    private static List<string> Codes(IReadOnlyList<RegionSummary>? regions) => regions?.Select(r => r.Code).ToList() ?? [];
}
