using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jiuzhu.E2E;

[Collection("platform")]
public sealed class HouseholdImportTests(PlatformProcess platform)
{
    private const string DemoPassword = "Jiuzhu@2026";

    // Made-up numbers with a Beijing address code, so that they cannot be in the demo county's synthetic population.
    private const string HeadId = "110101196203044578";
    private const string SpouseId = "110101196508092466";

    private static async Task LoginAsync(IPage page, string user)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(DemoPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(new Regex("/$"));
        await Expect(page.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
    }

    private static FilePayload Csv(string village, string spouseId) => new()
    {
        Name = "导入.csv",
        MimeType = "text/csv",
        // GBK, as Excel on a Chinese Windows saves it.
        Buffer = CodePages.Gbk.GetBytes(
            "户编号,村(社区)代码,家庭住址,与户主关系,姓名,身份证号,手机号\r\n" +
            $"1,{village},测试路 1 号,户主,韩导入,{HeadId},13900001234\r\n" +
            $"1,,,配偶,魏导入,{spouseId},\r\n"),
    };

    [Fact]
    public async Task A_village_worker_checks_a_file_sees_its_bad_line_masked_then_imports_the_corrected_file()
    {
        var page = await platform.NewPageAsync();
        await LoginAsync(page, "cun.xiezhu");
        var me = JsonDocument.Parse(await (await page.Context.APIRequest.GetAsync("/api/v1/me")).TextAsync());
        var village = me.RootElement.GetProperty("jurisdiction").GetString()!;

        await page.GetByTestId("nav-households").ClickAsync();
        await page.GetByTestId("household-import-link").ClickAsync();
        await page.WaitForURLAsync(new Regex("/households/import$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "批量导入家庭户" })).ToBeVisibleAsync();

        // The spouse's number went through a spreadsheet: the check names the line and the reason, and shows it masked.
        await page.GetByTestId("import-file").SetInputFilesAsync(Csv(village, "1.10101196508092E+17"));
        await Expect(page.GetByTestId("import-file-name")).ToContainTextAsync("导入.csv");
        await page.GetByTestId("import-check").ClickAsync();
        await Expect(page.GetByTestId("import-result")).ToContainTextAsync("未导入任何数据");
        var problem = page.GetByTestId("import-problems").Locator("tbody tr").First;
        await Expect(problem).ToContainTextAsync("3");
        await Expect(problem).ToContainTextAsync("科学计数法");
        await Expect(page.GetByTestId("import-problems")).Not.ToContainTextAsync("110101196508092");
        await Expect(page.GetByTestId("report-xlsx")).ToBeVisibleAsync();

        // Corrected: the check passes, the import writes one household of two, and a second import writes nothing.
        await page.GetByTestId("import-file").SetInputFilesAsync(Csv(village, SpouseId));
        await page.GetByTestId("import-check").ClickAsync();
        await Expect(page.GetByTestId("import-result")).ToContainTextAsync("预检通过");
        await page.GetByTestId("import-submit").ClickAsync();
        await Expect(page.GetByTestId("import-result")).ToContainTextAsync("已导入 1 户 2 人");
        await page.GetByTestId("import-submit").ClickAsync();
        await Expect(page.GetByTestId("import-result")).ToContainTextAsync("无需再导入");

        // The household is there, with the numbers masked.
        var found = JsonDocument.Parse(await (await page.Context.APIRequest.GetAsync($"/api/v1/households?query={HeadId}")).TextAsync());
        var item = found.RootElement.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("韩导入", item.GetProperty("headName").GetString());
        Assert.Equal(2, item.GetProperty("memberCount").GetInt32());
        await page.Context.CloseAsync();
    }

    private static class CodePages
    {
        public static Encoding Gbk { get; } = Create();

        private static Encoding Create()
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GBK");
        }
    }
}
