using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Jiuzhu.Registry;
using Jiuzhu.Registry.Domain;
using Jiuzhu.Registry.ImportHouseholds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.IntegrationTests.Registry;

/// <summary>The jurisdiction and region filters as code ranges, and the capped count of a household search.</summary>
public sealed class HouseholdSearchTests
{
    // Villages on both sides of the boundaries of township 371121009 (a prefix ending in 9, whose range ends at 37112101).
    private static readonly string[] Villages =
    [
        "371121008999", "371121009001", "371121009999", "371121010001", "371121019001", "371121090001", "371122009001",
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_jurisdiction_filter_keeps_exactly_the_subtree_at_the_boundaries_of_the_range(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using (var context = db.CreateContext())
        {
            foreach (var village in Villages)
            {
                context.Households.Add(new Household(RegionCode.Parse(village), $"{village} 1 号", null, DateTimeOffset.UtcNow));
            }

            await context.SaveChangesAsync();
        }

        foreach (var jurisdiction in new[] { "371121009", "371121", "3711", "37", "371121009999", "371121019" })
        {
            var code = RegionCode.Parse(jurisdiction);
            await using var context = db.CreateContext(new FixedActor(ActorKind.User, Guid.NewGuid(), "t", [Roles.CountyOfficer], code));
            var seen = await context.Households.Select(h => h.RegionCode).ToListAsync();
            Assert.Equal(Villages.Where(v => v.StartsWith(code.Prefix, StringComparison.Ordinal)).Order(), seen.Order());
        }

        await using (var nobody = db.CreateContext(FixedActor.Anonymous))
        {
            Assert.Equal(0, await nobody.Households.CountAsync());
        }

        await using (var system = db.CreateContext())
        {
            Assert.Equal(Villages.Length, await system.Households.CountAsync());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_region_filter_of_a_search_keeps_exactly_the_subtree(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        await using (var context = db.CreateContext())
        {
            foreach (var village in Villages)
            {
                context.Households.Add(new Household(RegionCode.Parse(village), $"{village} 1 号", null, DateTimeOffset.UtcNow));
            }

            await context.SaveChangesAsync();
        }

        var officer = new FixedActor(ActorKind.User, Guid.NewGuid(), "county", [Roles.CountyOfficer], RegionCode.Parse("3711"));
        foreach (var region in new[] { "371121009", "371121009999", "371121", "371121019", "371122" })
        {
            var page = await SearchAsync(platform, officer, new HouseholdSearch(null, region), new PageRequest(1, 100));
            var expected = Villages.Where(v => v.StartsWith(RegionCode.Parse(region).Prefix, StringComparison.Ordinal)).Order().ToList();
            Assert.Equal(expected, page.Items.Select(i => i.RegionCode).ToList());
            Assert.Equal(expected.Count, page.Total);
            Assert.False(page.TotalIsCapped);
        }

        // A township officer searching another township sees nothing of it.
        var township = new FixedActor(ActorKind.User, Guid.NewGuid(), "township", [Roles.TownshipSocialWorker], RegionCode.Parse("371121009"));
        Assert.Equal(0, (await SearchAsync(platform, township, new HouseholdSearch(null, "371121010"), new PageRequest())).Total);
        Assert.Equal(2, (await SearchAsync(platform, township, new HouseholdSearch(), new PageRequest())).Total);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_search_counts_up_to_the_cap_and_says_when_more_match(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        const string villageA = "371121001201", villageB = "371121002201";
        var now = DateTimeOffset.UtcNow;
        var households = Enumerable.Range(0, HouseholdQueries.CountCap)
            .Select(i => new Household(RegionCode.Parse(villageA), $"测试路 {i} 号", null, now))
            .Append(new Household(RegionCode.Parse(villageB), "测试路 甲 号", null, now))
            .Append(new Household(RegionCode.Parse(villageB), "另一条路 1 号", null, now))
            .ToList();
        await using (var context = db.CreateContext())
        {
            await using var tx = await context.Database.BeginTransactionAsync();
            await HouseholdBulkWriter.InsertAsync(context, households);
            await tx.CommitAsync();
        }

        var officer = new FixedActor(ActorKind.User, Guid.NewGuid(), "county", [Roles.CountyOfficer], RegionCode.Parse("371121"));

        // More than the cap: the total is the cap and says so, by region and by text alike.
        var county = await SearchAsync(platform, officer, new HouseholdSearch(), new PageRequest(1, 20));
        Assert.Equal((HouseholdQueries.CountCap, true), (county.Total, county.TotalIsCapped));
        var text = await SearchAsync(platform, officer, new HouseholdSearch("测试路"), new PageRequest(1, 20));
        Assert.Equal((HouseholdQueries.CountCap, true), (text.Total, text.TotalIsCapped));

        // Exactly the cap, and below it: exact counts.
        var village = await SearchAsync(platform, officer, new HouseholdSearch(null, villageA), new PageRequest(1, 20));
        Assert.Equal((HouseholdQueries.CountCap, false), (village.Total, village.TotalIsCapped));
        var few = await SearchAsync(platform, officer, new HouseholdSearch("测试路", villageB), new PageRequest(1, 20));
        Assert.Equal((1, false), (few.Total, few.TotalIsCapped));

        // The pages hold the same rows in the same order as the plain ordered query, deep pages included.
        await using var check = db.CreateContext();
        foreach (var number in new[] { 1, 7, 501 })
        {
            var expected = await check.Households.OrderBy(h => h.RegionCode).ThenBy(h => h.HeadName).ThenBy(h => h.Id)
                .Skip((number - 1) * 20).Take(20).Select(h => h.Id).ToListAsync();
            var page = await SearchAsync(platform, officer, new HouseholdSearch(), new PageRequest(number, 20));
            Assert.Equal(expected, page.Items.Select(i => i.Id).ToList());
        }

        // The audit trail tells that the count stopped.
        Assert.Contains(await check.AuditEntries.Where(e => e.Action == "household.list").Select(e => e.Summary).ToListAsync(),
            s => s.Contains($"共超过 {HouseholdQueries.CountCap} 户", StringComparison.Ordinal));
    }

    private static async Task<Page<HouseholdRow>> SearchAsync(TestPlatform platform, ICurrentActor actor, HouseholdSearch search, PageRequest page)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = actor;
        var result = await scope.ServiceProvider.GetRequiredService<HouseholdQueries>().SearchAsync(search, page);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }
}
