using Jiuzhu.Catalog;
using Jiuzhu.Catalog.Domain;
using Jiuzhu.Cli;
using Jiuzhu.Kernel;
using static Jiuzhu.Tests.Catalog.CatalogTestKit;

namespace Jiuzhu.Tests.Catalog;

public sealed class CatalogFileTests
{
    [Fact]
    public async Task The_shared_catalog_file_loads_in_full_with_platform_department_codes()
    {
        var path = SharedDataFolder.Find(SharedDataFolder.Catalog);
        Assert.NotNull(path);

        var file = (await CatalogFile.LoadAsync(path)).Value;

        Assert.Equal(34, file.Items.Count);
        Assert.Equal(["PKG-ELDER", "PKG-CHILD", "PKG-DEPENDENT", "PKG-WORK"], file.Packages.Select(p => p.Code));
        Assert.Equal(8, file.Division.Count);
        var meal = file.Items.Single(i => i.Code == "LIFE-01").Content;
        Assert.Equal(("助餐", "餐", ServiceFrequency.Daily, 5m, "civil-affairs"), (meal.Name, meal.Unit, meal.Frequency, meal.UnitPrice, meal.OwnerDepartment));
        Assert.Equal("medical-security", file.Division.Single(d => d.Code == "LTC_NURSING").OwnerDepartment);
        Assert.All(file.Items, i => Assert.True(Departments.IsKnown(i.Content.OwnerDepartment)));
    }

    [Theory]
    [InlineData("""{"schema":"jiuzhu-catalog/2","items":[]}""", "schema")]
    [InlineData("""{"schema":"jiuzhu-catalog/1","items":[{"code":"X-01","category":"LIFE","layer":"basic","name_zh":"项","unit_zh":"次","default_frequency":"hourly","default_duration_minutes":30,"demo_unit_price_cny":1,"owner_department":"CIVIL"}]}""", "频次")]
    [InlineData("""{"schema":"jiuzhu-catalog/1","items":[{"code":"X-01","category":"LIFE","layer":"basic","name_zh":"项","unit_zh":"次","default_frequency":"daily","default_duration_minutes":30,"demo_unit_price_cny":1,"owner_department":"POLICE"}]}""", "主管部门")]
    [InlineData("""{"schema":"jiuzhu-catalog/1","items":[{"code":"X-01","category":"LIFE","layer":"development","name_zh":"项","unit_zh":"次","default_frequency":"daily","default_duration_minutes":30,"demo_unit_price_cny":1,"owner_department":"CIVIL"}]}""", "层级")]
    [InlineData("""{"schema":"jiuzhu-catalog/1","items":[],"packages":[{"code":"PKG-X","name_zh":"包","base_items":["X-01"]}]}""", "PKG-X")]
    [InlineData("""{"schema":"jiuzhu-catalog/1",""", "JSON")]
    public void A_file_with_anything_unknown_is_refused_whole(string json, string mentioned)
    {
        var parsed = CatalogFile.Parse(json);

        Assert.Equal("catalog.bad_file", parsed.Error?.Code);
        Assert.Contains(mentioned, parsed.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_owner_of_a_need_comes_from_the_longest_prefix_of_the_list_and_of_an_item_from_the_catalog()
    {
        var now = DateTimeOffset.UtcNow;
        FunctionDivisionEntry[] entries =
        [
            new("", "LTC_NURSING", "连续性医疗护理", "medical-security", "重照护靠医保", "t", now),
            new("", "EDU_AID", "教育救助", "education", "教育部门", "t", now),
            new("371121", "EDU_AID", "教育救助", "civil-affairs", "本县由民政统一受理", "t", now),
        ];
        var catalog = CatalogResolution.Resolve(RegionCode.Parse("371121"), Start, [Define("", "LIFE-01", Meal()), Define("", "HEALTH-01", Counselling() with { OwnerDepartment = "health" }), Off(County, "LIFE-01")]);

        var county = FunctionDivision.Resolve("371121001201", entries);
        var elsewhere = FunctionDivision.Resolve("371122001201", entries);

        Assert.Equal("civil-affairs", county.Single(r => r.Code == "EDU_AID").OwnerDepartment);
        Assert.Equal("education", elsewhere.Single(r => r.Code == "EDU_AID").OwnerDepartment);
        Assert.Equal(("medical-security", FunctionDivision.FromDivision), Owner("LTC_NURSING"));
        Assert.Equal(("health", FunctionDivision.FromCatalog), Owner("HEALTH-01"));
        Assert.Null(FunctionDivision.OwnerOf("LIFE-01", county, catalog));
        Assert.Null(FunctionDivision.OwnerOf("NOPE", county, catalog));

        (string, string) Owner(string key) => FunctionDivision.OwnerOf(key, county, catalog) is { } o ? (o.OwnerDepartment, o.Source) : default;
    }
}
