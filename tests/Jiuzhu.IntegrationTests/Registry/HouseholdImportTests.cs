using System.Text;
using Jiuzhu.Cli;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Registry.Domain;
using Jiuzhu.Registry.ImportHouseholds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiuzhu.IntegrationTests.Registry.ImportFixtures;

namespace Jiuzhu.IntegrationTests.Registry;

public sealed class HouseholdImportTests
{
    private static readonly string WangId = Id(1958, 4, 12, 111);
    private static readonly string ZhaoId = Id(1960, 9, 3, 222);
    private static readonly string SunId = Id(1940, 1, 1, 333);

    static HouseholdImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    // Two households: the Wang couple in village A (category, needs, phone), and Sun alone in village B, registered in A.
    private static string[][] GoodRows =>
    [
        ["1", VillageA, "东村 1 号, 东院", "户主", "王大明", WangId, "13800001111", "男", "1958-04-12", "低保", "重病、独居老人"],
        ["1", string.Empty, string.Empty, "配偶", "赵小红", ZhaoId, string.Empty, "女", string.Empty, string.Empty, "家庭照护者"],
        ["2", VillageB, "西村 \"老屋\" 2 号", "户主", "孙老汉", SunId, string.Empty, string.Empty, "1940/1/1", "特困人员", "80岁以上", VillageA],
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_good_file_imports_households_members_and_categories_with_numbers_only_encrypted(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        using var host = await HostAsync(db);

        var result = await ImportAsync(host, Xlsx(GoodRows), "五莲县导入.xlsx");

        Assert.Equal(HouseholdImportResult.Imported, result.Status);
        Assert.Equal((3, 2, 3, 2, 3, 2), (result.Rows, result.Households, result.Persons, result.ImportedHouseholds, result.ImportedPersons, result.ImportedCategories));
        Assert.Empty(result.Problems);

        var protector = host.Services.GetRequiredService<IFieldProtector>();
        await using (var context = db.CreateContext())
        {
            var wang = await context.Households.Include(h => h.Members).Include(h => h.Categories).SingleAsync(h => h.RegionCode == VillageA);
            Assert.Equal(("王大明", "东村 1 号, 东院", AssistanceCategory.MinimumLiving, 2), (wang.HeadName, wang.Address, wang.Category, wang.MemberCount));
            Assert.Equal(NeedFlags.SeriouslyIll | NeedFlags.ElderlyLivingAlone | NeedFlags.FamilyCaregiver, wang.Needs);
            var period = Assert.Single(wang.Categories);
            Assert.Equal((AssistanceCategory.MinimumLiving, ChinaTime.Today(TimeProvider.System), (DateOnly?)null), (period.Category, period.Start, period.End));

            var head = wang.Members.Single(m => m.Relation == Relation.Head);
            Assert.Equal((Sex.Male, 1958, ResidentId.Mask(WangId), WangId[^4..], "138****1111"), (head.Sex, head.BirthYear, head.IdNumberMasked, head.IdNumberLast4, head.PhoneMasked));
            Assert.Equal(WangId, protector.Unprotect(head.IdNumberCipher));
            Assert.Equal(protector.BlindIndex(WangId), head.IdNumberIndex);
            Assert.Equal("13800001111", protector.Unprotect(head.PhoneCipher!));
            Assert.Equal(Relation.Spouse, wang.Members.Single(m => m.Name == "赵小红").Relation);

            var sun = await context.Persons.SingleAsync(p => p.Name == "孙老汉");
            Assert.Equal((VillageB, VillageA), (sun.RegionCode, sun.RegistrationRegion));
            Assert.Equal("西村 \"老屋\" 2 号", (await context.Households.SingleAsync(h => h.Id == sun.HouseholdId)).Address);
        }

        var stored = engine == Engine.Sqlite ? PlainTextTests.SqliteBytes(db) : await PlainTextTests.PostgresDumpAsync(db);
        foreach (var secret in new[] { WangId, ZhaoId, SunId, "13800001111" })
        {
            Assert.DoesNotContain(secret, stored);
        }

        Assert.Contains(ResidentId.Mask(WangId), stored);

        var audit = Assert.Single(await AuditAsync(db));
        Assert.Equal(("household.import", "success"), (audit.Action, audit.Outcome));
        Assert.Equal("批量导入家庭户：文件“五莲县导入.xlsx”，新增 2 户 3 人、救助类别 2 条", audit.Summary);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_malformed_file_changes_nothing_and_reports_every_bad_line_with_its_line_number(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        using var host = await HostAsync(db);
        var registered = Id(1970, 5, 5, 555);
        await RegisterAsync(host, VillageB, ("周已登", registered, Relation.Head));
        var before = await RegistrySnapshotAsync(db);

        var file = Csv(
            ["1", VillageA, "东村 1 号", "户主", "王大明", WangId],                         // 2: good
            ["1", string.Empty, string.Empty, "配偶", "赵小红", "3.71121E+17"],               // 3: spreadsheet damage
            ["2", VillageA, "东村 2 号", "户主", "钱重复", WangId],                          // 4: same number as line 2
            ["3", "371121009201", "不存在村 3 号", "户主", "孙某", SunId],                  // 5: unknown village
            ["4", VillageA, "东村 4 号", "户主", "李电话", Id(1980, 1, 1, 11), "1380000"],  // 6: bad phone
            ["5", VillageA, "东村 5 号", "户主", "张甲", Id(1981, 1, 1, 13)],              // 7: first head
            ["5", string.Empty, string.Empty, "户主", "张乙", Id(1982, 1, 1, 15)],          // 8: second head
            ["6", VillageA, "东村 6 号", "子女", "刘无户主", Id(2001, 1, 1, 17)],           // 9: no head
            ["7", VillageA, "东村 7 号", "户主", "周已登", registered],                      // 10: registered elsewhere in B… but in scope of the system
            ["8", VillageA, "东村 8 号", "户主", "吴好", Id(1990, 2, 2, 19)]);              // 11: good
        var result = await ImportAsync(host, file, "bad.csv");

        Assert.Equal(HouseholdImportResult.Rejected, result.Status);
        Assert.Equal(0, result.ImportedHouseholds);
        var lines = result.Problems.Select(p => (p.Line, p.Code)).ToList();
        Assert.Equal(
            [(3, "id.scientific_notation"), (4, "import.duplicate_in_file"), (5, "import.village_unknown"), (6, "import.phone_invalid"),
             (8, "import.several_heads"), (9, "import.no_head"), (10, "import.registered_other_household")],
            lines);
        Assert.Equal(7, result.ProblemLines);
        Assert.Equal("身份证号与第 2 行重复，一人只能登记一次", result.Problems.Single(p => p.Line == 4).Message);
        Assert.Equal("户编号“5”有多位户主（第 7、8 行），每户只能有一位户主", result.Problems.Single(p => p.Line == 8).Message);
        Assert.Equal("与户主关系", result.Problems.Single(p => p.Line == 9).Column);
        // Numbers in problems are masked, wherever the problem is.
        Assert.Equal("*********17", result.Problems.Single(p => p.Line == 3).Value);
        Assert.Equal(ResidentId.Mask(WangId), result.Problems.Single(p => p.Line == 4).Value);
        Assert.DoesNotContain(result.Problems, p => p.Value.Contains(WangId) || p.Message.Contains(WangId) || p.Value.Contains("1380000"));

        Assert.Equal(before, await RegistrySnapshotAsync(db));
        var audit = Assert.Single(await AuditAsync(db));
        Assert.Equal(("household.import", "failed"), (audit.Action, audit.Outcome));
        Assert.Equal("导入家庭户文件“bad.csv”：10 行中 7 行有 7 处错误，未写入任何数据", audit.Summary);

        // The check-only run says the same and writes nothing either.
        var check = await ImportAsync(host, file, "bad.csv", checkOnly: true);
        Assert.Equal(lines, check.Problems.Select(p => (p.Line, p.Code)).ToList());
        Assert.Equal(before, await RegistrySnapshotAsync(db));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Importing_the_same_file_again_changes_nothing_and_new_households_need_the_skip_option(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        using var host = await HostAsync(db);
        var file = Csv(GoodRows);
        Assert.Equal(HouseholdImportResult.Imported, (await ImportAsync(host, file)).Status);
        var imported = await RegistrySnapshotAsync(db);

        var again = await ImportAsync(host, file);
        Assert.Equal(HouseholdImportResult.AlreadyImported, again.Status);
        Assert.Equal((0, 2, 3), (again.ImportedHouseholds, again.SkippedHouseholds, again.SkippedPersons));
        Assert.Equal(imported, await RegistrySnapshotAsync(db));

        // One more household: without the option the file is refused, listing the rows already registered.
        string[][] grown = [.. GoodRows, ["3", VillageA, "东村 9 号", "户主", "吴新", Id(1991, 3, 3, 21)]];
        var refused = await ImportAsync(host, Csv(grown));
        Assert.Equal(HouseholdImportResult.Rejected, refused.Status);
        Assert.Equal([2, 3, 4], refused.Problems.Select(p => p.Line).ToArray());
        Assert.All(refused.Problems, p => Assert.Equal("import.already_registered", p.Code));
        Assert.Equal(imported, await RegistrySnapshotAsync(db));

        var skipped = await ImportAsync(host, Csv(grown), skipRegistered: true);
        Assert.Equal(HouseholdImportResult.Imported, skipped.Status);
        Assert.Equal((1, 1, 2, 3), (skipped.ImportedHouseholds, skipped.ImportedPersons, skipped.SkippedHouseholds, skipped.SkippedPersons));
        await using (var context = db.CreateContext())
        {
            Assert.Equal(3, await context.Households.CountAsync());
            Assert.Equal(4, await context.Persons.CountAsync());
        }

        // Registered people grouped differently, or a household only partly registered, are refused even with the option.
        var regrouped = await ImportAsync(host, Csv(
            ["1", VillageA, "东村 1 号", "户主", "王大明", WangId],
            ["1", string.Empty, string.Empty, "配偶", "孙老汉", SunId],
            ["2", VillageA, "东村 10 号", "户主", "赵小红", ZhaoId],
            ["2", string.Empty, string.Empty, "子女", "王新生", Id(2010, 6, 6, 23)]), skipRegistered: true);
        Assert.Equal(
            [(2, "import.registered_other_household"), (3, "import.registered_other_household"), (4, "import.partly_registered")],
            regrouped.Problems.Select(p => (p.Line, p.Code)).ToArray());

        var audit = await AuditAsync(db);
        Assert.Equal(["success", "success", "failed", "success", "failed"], audit.Select(a => a.Outcome).ToArray());
        Assert.Contains("均已按文件的分户登记，无需导入", audit[1].Summary);
        Assert.Contains("跳过已登记的 2 户 3 人", audit[3].Summary);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Jurisdiction_is_enforced_for_villages_categories_and_numbers_registered_elsewhere(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        using var host = await HostAsync(db);
        var elsewhere = Id(1966, 6, 6, 77);
        await RegisterAsync(host, VillageB, ("郑外村", elsewhere, Relation.Head));
        var before = await RegistrySnapshotAsync(db);
        var worker = Staff(Roles.VillageWorker, VillageA);

        var result = await ImportAsync(host, Csv(
            ["1", VillageA, "东村 1 号", "户主", "王大明", WangId, string.Empty, string.Empty, string.Empty, "低保"],
            ["2", VillageB, "西村 2 号", "户主", "孙老汉", SunId],
            ["3", VillageA, "东村 3 号", "户主", "郑外村", elsewhere]), actor: worker);

        Assert.Equal(
            [(2, "import.category_forbidden"), (3, "import.village_outside"), (4, "import.registered_elsewhere")],
            result.Problems.Select(p => (p.Line, p.Code)).ToArray());
        // Nothing about the other registration leaks: not the village, not the household.
        Assert.DoesNotContain(VillageB, result.Problems.Single(p => p.Line == 4).Message);
        Assert.Equal(before, await RegistrySnapshotAsync(db));

        // A county officer may import categories; a village worker's own village without a category goes through.
        Assert.Equal(HouseholdImportResult.Imported,
            (await ImportAsync(host, Csv(["1", VillageA, "东村 1 号", "户主", "王大明", WangId]), actor: worker)).Status);

        // A role that does not register households cannot import.
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = Staff(Roles.Auditor, "371121");
        var refused = await scope.ServiceProvider.GetRequiredService<HouseholdImporter>().ImportAsync(new HouseholdImportRequest("x.csv", Csv(GoodRows)));
        Assert.Equal("import.forbidden", refused.Error!.Code);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_command_limits_villages_to_its_scope_and_writes_a_masked_report(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        using (await HostAsync(db))
        {
        }

        var dir = Directory.CreateTempSubdirectory("jiuzhu-import-");
        try
        {
            var file = Path.Combine(dir.FullName, "households.csv");
            await File.WriteAllBytesAsync(file, Encoding.GetEncoding("GB18030").GetBytes(Encoding.UTF8.GetString(Csv(GoodRows))));
            var report = Path.Combine(dir.FullName, "report.xlsx");
            var settings = new Dictionary<string, string?>(db.Settings) { ["Demo:Enabled"] = "true" };
            using var output = new StringWriter();

            var code = await JiuzhuCommandLine.Guard(() => HouseholdsCommands.ImportAsync(
                new HouseholdsCommands.ImportOptions(file, "371121001", false, report, false, null), settings, output, CancellationToken.None));

            Assert.Equal(1, code);
            using var json = System.Text.Json.JsonDocument.Parse(output.ToString());
            Assert.Equal("rejected", json.RootElement.GetProperty("status").GetString());
            Assert.Equal("gb18030", json.RootElement.GetProperty("encoding").GetString());
            var (sheet, problem) = SheetReader.Read(await File.ReadAllBytesAsync(report), null, 100);
            Assert.Null(problem);
            Assert.Equal(["4", "村(社区)代码", VillageB, "import.village_outside"], sheet!.Rows[1].Cells.Take(4).Select(c => c.Text).ToArray());

            output.GetStringBuilder().Clear();
            code = await JiuzhuCommandLine.Guard(() => HouseholdsCommands.ImportAsync(
                new HouseholdsCommands.ImportOptions(file, "371121", false, null, false, "gbk"), settings, output, CancellationToken.None));
            Assert.Equal(0, code);
            using var imported = System.Text.Json.JsonDocument.Parse(output.ToString());
            Assert.Equal(2, imported.RootElement.GetProperty("importedHouseholds").GetInt32());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_bulk_writer_writes_every_column_the_model_maps(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var context = db.CreateContext();
        foreach (var (clr, table) in new[] { (typeof(Household), "households"), (typeof(Person), "persons"), (typeof(CategoryPeriod), "household_categories") })
        {
            var entity = context.Model.FindEntityType(clr)!;
            Assert.Equal(table, entity.GetTableName());
            var mapped = entity.GetProperties().Select(p => p.GetColumnName()).Order().ToArray();
            Assert.Equal(mapped, HouseholdBulkWriter.Columns[table].Order().ToArray());
        }
    }
}
