using Jiuzhu.Geo.Demo;
using Jiuzhu.Geo.Domain;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.IntegrationTests.Geo;

public sealed class RegionImportTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Importing_the_demo_county_brings_its_province_city_12_townships_and_561_villages(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);

        var result = await GeoFixtures.ImportAsync(db, GeoFixtures.SharedDivisions, GeoFixtures.Wulian);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(["provinces.csv", "cities.csv", "areas.csv", "streets.csv", "villages.csv.gz"], result.Value.Files);
        Assert.Equal((576, 576, 0, 0), (result.Value.Read, result.Value.Inserted, result.Value.Updated, result.Value.Unchanged));
        await using var context = db.CreateContext();
        var levels = await context.Regions.GroupBy(r => r.Level).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.Equal(1, levels[RegionLevel.Province]);
        Assert.Equal(1, levels[RegionLevel.City]);
        Assert.Equal(1, levels[RegionLevel.County]);
        Assert.Equal(12, levels[RegionLevel.Township]);
        Assert.Equal(561, levels[RegionLevel.Village]);

        var hongning = await context.Regions.SingleAsync(r => r.Code == "371121001000");
        Assert.Equal(("洪凝街道", RegionKind.Subdistrict, "371121000000"), (hongning.Name, hongning.Kind, hongning.ParentCode));
        Assert.Equal(RegionKind.Town, (await context.Regions.SingleAsync(r => r.Code == "371121102000")).Kind);
        Assert.Equal(RegionKind.Township, (await context.Regions.SingleAsync(r => r.Code == "371121201000")).Kind);
        Assert.Equal(RegionKind.Community, (await context.Regions.SingleAsync(r => r.Code == "371121001002")).Kind);
        Assert.Equal(RegionKind.Village, (await context.Regions.SingleAsync(r => r.Code == "371121102201")).Kind);
        Assert.Equal(19, await context.Regions.CountAsync(r => r.Kind == RegionKind.Community));

        var entry = await context.AuditEntries.IgnoreQueryFilters().SingleAsync(e => e.Action == "regions.import");
        Assert.Equal(("region", "371121000000", "success"), (entry.EntityType, entry.RegionCode, entry.Outcome));
        Assert.Contains("新增 576", entry.Summary);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_second_import_changes_nothing_and_keeps_the_demo_geography(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        Assert.True((await GeoFixtures.ImportAsync(db, GeoFixtures.SharedDivisions, GeoFixtures.Wulian)).IsSuccess);
        await using (var context = db.CreateContext())
        {
            Assert.Equal(1 + 12 + 561, await DemoGeography.ApplyAsync(context, GeoFixtures.Wulian, seed: 42, CancellationToken.None));
        }

        var before = await GeoFixtures.SnapshotAsync(db);
        var again = await GeoFixtures.ImportAsync(db, GeoFixtures.SharedDivisions, GeoFixtures.Wulian);

        Assert.True(again.IsSuccess, again.Error?.Message);
        Assert.Equal((576, 0, 0, 576), (again.Value.Read, again.Value.Inserted, again.Value.Updated, again.Value.Unchanged));
        var after = await GeoFixtures.SnapshotAsync(db);
        Assert.Equal(Regions(before), Regions(after)); // only the audit trail grows
        await using var check = db.CreateContext();
        var village = await check.Regions.SingleAsync(r => r.Code == "371121001002");
        Assert.NotNull(village.Latitude);
        Assert.NotNull(village.Boundary);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_renamed_division_is_updated_and_its_coordinates_are_kept(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        using (var first = GeoFixtures.Folder.Small())
        {
            Assert.True((await GeoFixtures.ImportAsync(db, first.Path)).IsSuccess);
        }

        await using (var context = db.CreateContext())
        {
            var village = await context.Regions.SingleAsync(r => r.Code == "371121001002");
            village.PlaceAt(35.7, 119.2, "119.1,35.6 119.3,35.6 119.2,35.8");
            await context.SaveChangesAsync();
        }

        using var renamed = GeoFixtures.Folder.Small(villages:
        [
            "371121001001,\"洪凝社区居民委员会\",371121001,37,3711,371121",
            "371121001002,\"集后社区居委会\",371121001,37,3711,371121",
            "371121102201,\"后街头村村民委员会\",371121102,37,3711,371121",
            "371121102202,\"新村村民委员会\",371121102,37,3711,371121",
        ]);
        var result = await GeoFixtures.ImportAsync(db, renamed.Path);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal((9, 1, 1, 7), (result.Value.Read, result.Value.Inserted, result.Value.Updated, result.Value.Unchanged));
        await using var check = db.CreateContext();
        var renamedVillage = await check.Regions.SingleAsync(r => r.Code == "371121001002");
        Assert.Equal("集后社区居委会", renamedVillage.Name);
        Assert.Equal((35.7, 119.2), (renamedVillage.Latitude, renamedVillage.Longitude));
        Assert.Equal("119.1,35.6 119.3,35.6 119.2,35.8", renamedVillage.Boundary);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_bad_row_is_reported_with_file_and_line_and_changes_nothing(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        using (var good = GeoFixtures.Folder.Small())
        {
            Assert.True((await GeoFixtures.ImportAsync(db, good.Path)).IsSuccess);
        }

        var before = await GeoFixtures.SnapshotAsync(db);
        var cases = new (string[]? Streets, string[]? Villages, string Expected)[]
        {
            (["371121001,\"洪凝街道\",371121,37,3711", "37112110,\"街头镇\",371121,37,3711"], null, "streets.csv:3: 代码应为 9 位数字"),
            (["371121001,\"洪凝街道\",371121,37,3711", "371121102,\"\",371121,37,3711"], null, "streets.csv:3: 名称为空"),
            (["371121001,\"洪凝街道\",371121,37,3711", "371121102,\"街头镇,371121,37,3711"], null, "streets.csv:3: 引号不成对"),
            (["371121001,\"洪凝街道\",371121,37,3711", "371121102,\"街头镇\",371122,37,3711"], null, "streets.csv:3: areaCode 应为 371121"),
            (["371121001,\"洪凝街道\",371121,37,3711", "371121102,\"街头镇\",371121,37"], null, "streets.csv:3: 应有 5 列，实有 4 列"),
            (null, ["371121001001,\"洪凝社区居民委员会\",371121001,37,3711,371121", "371121105201,\"某村\",371121105,37,3711,371121"], "villages.csv:3: 上级区划 371121105 不存在"),
            (null, ["371121001001,\"洪凝社区居民委员会\",371121001,37,3711,371121", "371121001001,\"洪凝社区\",371121001,37,3711,371121"], "villages.csv:3: 区划代码重复"),
        };
        foreach (var (streets, villages, expected) in cases)
        {
            // Renamed rows before the bad one prove that nothing is written before every row has been checked.
            using var bad = new GeoFixtures.Folder(
                ["37,\"山东省（改）\""], ["3711,\"日照市\",37"], ["371121,\"五莲县\",3711,37"],
                streets ?? ["371121001,\"洪凝街道\",371121,37,3711", "371121102,\"街头镇\",371121,37,3711"],
                villages ?? ["371121001001,\"洪凝社区居民委员会\",371121001,37,3711,371121"]);

            var result = await GeoFixtures.ImportAsync(db, bad.Path);

            Assert.False(result.IsSuccess, expected);
            Assert.Equal("geo.import_invalid_row", result.Error!.Code);
            Assert.StartsWith(expected, result.Error.Message, StringComparison.Ordinal);
            Assert.Contains(" / ", result.Error.Message, StringComparison.Ordinal); // Chinese and English
            Assert.Equal(before, await GeoFixtures.SnapshotAsync(db));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Rows_in_the_database_but_not_in_the_files_are_left_alone_and_counted(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        Assert.True((await GeoFixtures.ImportAsync(db, GeoFixtures.SharedDivisions, GeoFixtures.Wulian)).IsSuccess);

        using var small = GeoFixtures.Folder.Small();
        var result = await GeoFixtures.ImportAsync(db, small.Path);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal((0, 0, 8, 576 - 8), (result.Value.Inserted, result.Value.Updated, result.Value.Unchanged, result.Value.NotInFiles));
        await using var context = db.CreateContext();
        Assert.Equal(576, await context.Regions.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Villages_may_come_from_county_files_and_parents_may_already_be_in_the_database(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        using (var small = GeoFixtures.Folder.Small())
        {
            Assert.True((await GeoFixtures.ImportAsync(db, small.Path)).IsSuccess);
        }

        // Only 五莲县's township 街头镇 listed; 洪凝街道 (parent of the new village) is known from the first import.
        using var more = new GeoFixtures.Folder(
            ["37,\"山东省\""], ["3711,\"日照市\",37"], ["371121,\"五莲县\",3711,37"],
            ["371121102,\"街头镇\",371121,37,3711"],
            ["371121001003,\"新社区居民委员会\",371121001,37,3711,371121"],
            villagesFile: "villages-371121.csv");
        var result = await GeoFixtures.ImportAsync(db, more.Path);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("villages-371121.csv", result.Value.Files[^1]);
        Assert.Equal(1, result.Value.Inserted);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_city_without_counties_keeps_its_townships_directly_under_the_city(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);

        var result = await GeoFixtures.ImportAsync(db, GeoFixtures.SharedDivisions, "441900"); // 东莞市

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(1, result.Value.Merged); // areas.csv lists 东莞市 again as a county
        Assert.Equal(result.Value.Read - 1, result.Value.Inserted);
        await using var context = db.CreateContext();
        Assert.Equal(0, await context.Regions.CountAsync(r => r.Level == RegionLevel.County));
        var dongcheng = await context.Regions.SingleAsync(r => r.Code == "441900003000");
        Assert.Equal(("东城街道", RegionLevel.Township, "441900000000"), (dongcheng.Name, dongcheng.Level, dongcheng.ParentCode));
        Assert.True(await context.Regions.AnyAsync(r => r.ParentCode == "441900003000" && r.Level == RegionLevel.Village));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_missing_file_or_folder_is_a_clear_error(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        using var folder = GeoFixtures.Folder.Small();
        File.Delete(Path.Combine(folder.Path, "cities.csv"));

        var missingFile = await GeoFixtures.ImportAsync(db, folder.Path);
        var missingFolder = await GeoFixtures.ImportAsync(db, Path.Combine(folder.Path, "nope"));
        var badCounty = await GeoFixtures.ImportAsync(db, GeoFixtures.SharedDivisions, "3711");

        Assert.Equal("geo.import_missing_file", missingFile.Error?.Code);
        Assert.Contains("cities.csv", missingFile.Error!.Message);
        Assert.Equal("geo.import_no_folder", missingFolder.Error?.Code);
        Assert.Equal("geo.import_bad_county", badCounty.Error?.Code);
        await using var context = db.CreateContext();
        Assert.Equal(0, await context.Regions.CountAsync());
    }

    [Fact]
    public async Task The_gzip_file_wins_over_plain_village_files_and_a_corrupt_one_is_reported()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        using var folder = GeoFixtures.Folder.Small();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "villages.csv.gz"), "not gzip at all");

        var result = await GeoFixtures.ImportAsync(db, folder.Path);

        Assert.Equal("geo.import_invalid_row", result.Error?.Code);
        Assert.StartsWith("villages.csv.gz:1: 无法解压", result.Error!.Message, StringComparison.Ordinal);
        await using var context = db.CreateContext();
        Assert.Equal(0, await context.Regions.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_demo_geography_is_stored_the_same_for_the_same_seed(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        Assert.True((await GeoFixtures.ImportAsync(db, GeoFixtures.SharedDivisions, GeoFixtures.Wulian)).IsSuccess);
        await using (var context = db.CreateContext())
        {
            await DemoGeography.ApplyAsync(context, GeoFixtures.Wulian, seed: 9, CancellationToken.None);
        }

        var first = await GeoFixtures.SnapshotAsync(db);
        await using (var context = db.CreateContext())
        {
            await DemoGeography.ApplyAsync(context, GeoFixtures.Wulian, seed: 9, CancellationToken.None);
        }

        Assert.Equal(first, await GeoFixtures.SnapshotAsync(db));
        await using var check = db.CreateContext();
        Assert.Equal(574, await check.Regions.CountAsync(r => r.Boundary != null && r.Latitude != null));
        var county = await check.Regions.SingleAsync(r => r.Code == "371121000000");
        Assert.InRange(county.Latitude!.Value, 35.7, 35.8);
        Assert.InRange(county.Longitude!.Value, 119.1, 119.3);
    }

    private static string Regions(string snapshot) => snapshot[(snapshot.IndexOf('\n') + 1)..];
}
