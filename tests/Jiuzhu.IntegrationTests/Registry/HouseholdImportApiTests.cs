using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Jiuzhu.Registry.Domain;
using Jiuzhu.Registry.ImportHouseholds;
using Microsoft.EntityFrameworkCore;
using static Jiuzhu.IntegrationTests.Registry.ImportFixtures;

namespace Jiuzhu.IntegrationTests.Registry;

public sealed class HouseholdImportApiTests
{
    private static MultipartFormDataContent Upload(byte[] file, string name, bool checkOnly = false)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".xlsx", StringComparison.Ordinal) ? ImportReport.XlsxContentType : "text/csv");
        form.Add(content, "file", name);
        form.Add(new StringContent(checkOnly ? "true" : "false"), "checkOnly");
        return form;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task An_upload_imports_a_good_file_and_answers_a_bad_one_with_its_problems_and_a_masked_report_only_its_uploader_can_download(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform,
            ("officer", Roles.CountyOfficer, Scenario.County),
            ("worker.a", Roles.VillageWorker, Scenario.VillageA),
            ("auditor", Roles.Auditor, Scenario.County));
        var officer = (await s.LoginAsync("officer")).Client;
        var head = Id(1958, 4, 12, 111);

        // The template downloads as a workbook whose first sheet is the data sheet.
        var template = await officer.GetAsync("/api/v1/households/import/template?format=xlsx");
        Assert.Equal(ImportReport.XlsxContentType, template.Content.Headers.ContentType?.MediaType);
        var (sheet, _) = SheetReader.Read(await template.Content.ReadAsByteArrayAsync(), null, 10);
        Assert.Equal("户编号", sheet!.Rows[0][0].Text);

        var checkOnly = await Json(await officer.PostAsync("/api/v1/households/import", Upload(Xlsx(
            ["1", VillageA, "东村 1 号", "户主", "王大明", head, string.Empty, string.Empty, string.Empty, "低保"]), "good.xlsx", checkOnly: true)), HttpStatusCode.OK);
        Assert.Equal("checked", checkOnly.GetProperty("status").GetString());
        Assert.Equal(1, checkOnly.GetProperty("importedHouseholds").GetInt32());

        var good = await Json(await officer.PostAsync("/api/v1/households/import", Upload(Xlsx(
            ["1", VillageA, "东村 1 号", "户主", "王大明", head, string.Empty, string.Empty, string.Empty, "低保"]), "good.xlsx")), HttpStatusCode.OK);
        Assert.Equal("imported", good.GetProperty("status").GetString());
        Assert.Equal(1, good.GetProperty("importedPersons").GetInt32());
        await using (var context = db.CreateContext())
        {
            Assert.Equal(AssistanceCategory.MinimumLiving, (await context.Households.SingleAsync(h => h.HeadName == "王大明")).Category);
        }

        var bad = Csv(
            ["2", VillageA, "东村 2 号", "户主", "钱某", "3.71121E+17"],
            ["3", VillageA, "东村 3 号", "户主", "王大明", head, "1380000"]);
        var problem = await Json(await officer.PostAsync("/api/v1/households/import", Upload(bad, "bad.csv")), HttpStatusCode.BadRequest);
        Assert.Equal("import.invalid_file", problem.GetProperty("code").GetString());
        Assert.Equal(3, problem.GetProperty("problemCount").GetInt32());
        var problems = problem.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("line").GetInt32(), p.GetProperty("code").GetString())).ToArray();
        Assert.Equal([(2, "id.scientific_notation"), (3, "import.already_registered"), (3, "import.phone_invalid")], problems);
        var body = problem.GetRawText();
        Assert.DoesNotContain(head, body);

        var reportUrl = problem.GetProperty("reportUrl").GetString()!;
        var report = await officer.GetAsync(reportUrl);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("no-store", report.Headers.CacheControl?.ToString());
        var (reportSheet, _) = SheetReader.Read(await report.Content.ReadAsByteArrayAsync(), null, 10);
        Assert.Equal(["3", "身份证号", ResidentId.Mask(head), "import.already_registered"], reportSheet!.Rows[2].Cells.Take(4).Select(c => c.Text).ToArray());
        Assert.Equal(["3", "手机号", "*****00", "import.phone_invalid"], reportSheet.Rows[3].Cells.Take(4).Select(c => c.Text).ToArray());
        Assert.DoesNotContain(reportSheet.Rows.SelectMany(r => r.Cells), c => c.Text.Contains(head) || c.Text.Contains("1380000"));
        var csv = await officer.GetStringAsync(problem.GetProperty("reportCsvUrl").GetString()!);
        Assert.Contains("2,身份证号,*********17,id.scientific_notation", csv);

        // Someone else cannot fetch the report, even inside the same county.
        var worker = (await s.LoginAsync("worker.a")).Client;
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync(reportUrl)).StatusCode);

        // A village worker may not import categories; an auditor may not import at all.
        var workerAnswer = await Json(await worker.PostAsync("/api/v1/households/import", Upload(Csv(
            ["1", VillageA, "东村 4 号", "户主", "孙某", Id(1940, 1, 1, 333), string.Empty, string.Empty, string.Empty, "特困"]), "w.csv")), HttpStatusCode.BadRequest);
        Assert.Equal("import.category_forbidden", workerAnswer.GetProperty("problems")[0].GetProperty("code").GetString());
        var auditor = (await s.LoginAsync("auditor")).Client;
        var refused = await Json(await auditor.PostAsync("/api/v1/households/import", Upload(bad, "bad.csv")), HttpStatusCode.Forbidden);
        Assert.Equal("import.forbidden", refused.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_is_refused_with_a_clear_reason()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform, ("officer", Roles.CountyOfficer, Scenario.County));
        var officer = (await s.LoginAsync("officer")).Client;

        // Larger than the import allows, but inside the endpoint's request limit (which is above the server's default of 30 MB).
        var answer = await Json(await officer.PostAsync("/api/v1/households/import", Upload(new byte[HouseholdImporter.MaxUploadBytes + 100_000], "big.csv")),
            HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("import.too_large", answer.GetProperty("code").GetString());
    }
}
