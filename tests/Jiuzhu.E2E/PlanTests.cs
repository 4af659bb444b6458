using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jiuzhu.E2E;

[Collection("platform")]
public sealed class PlanTests(PlatformProcess platform)
{
    internal static async Task<JsonElement> Json(IAPIResponse response)
    {
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"{response.Status}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<IPage> LoginAsync(PlatformProcess platform, string user)
    {
        var page = await platform.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync("Jiuzhu@2026");
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(new Regex("/$"));
        await Expect(page.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        return page;
    }

    // A case of the township whose household has just been assessed (a child without effective guardianship: red).
    internal static async Task<Guid> AssessedCaseAsync(IPage page, IReadOnlySet<Guid>? among = null)
    {
        var api = page.Context.APIRequest;
        var ids = among?.ToList()
            ?? [.. (await Json(await api.GetAsync("/api/v1/households?size=100"))).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid())];
        foreach (var id in ids)
        {
            var detail = await Json(await api.GetAsync($"/api/v1/households/{id}"));
            var head = detail.GetProperty("members").EnumerateArray().FirstOrDefault(m => m.GetProperty("relation").GetString() == "Head");
            if (head.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var created = await api.PostAsync("/api/v1/cases", new()
            {
                DataObject = new { caseType = "service", need = "孩子无人照看，需要服务计划", urgent = false, channel = "Discovery", personId = head.GetProperty("id").GetGuid() },
            });
            if (!created.Ok)
            {
                continue;
            }

            var c = (await Json(created)).GetProperty("case");
            if (c.TryGetProperty("duplicateOfId", out var dup) && dup.ValueKind != JsonValueKind.Null)
            {
                continue;
            }

            foreach (var action in new[] { "Accept", "StartAssessment" })
            {
                c = await Json(await api.PostAsync($"/api/v1/cases/{c.GetProperty("id").GetGuid()}/transitions", new()
                {
                    DataObject = new { action, version = c.GetProperty("version").GetGuid() },
                }));
            }

            var caseId = c.GetProperty("id").GetGuid();
            var draft = await Json(await api.PostAsync("/api/v1/assessments", new() { DataObject = new { caseId } }));
            var values = new Dictionary<string, decimal?>
            {
                ["income"] = 1500m, ["rigid_spending"] = 20m, ["serious_illness"] = 0, ["severe_disability"] = 0, ["barthel"] = 0, ["elderly_ability"] = 0,
                ["school_dropout"] = 0, ["adult_schooling"] = 3, ["unsafe_housing"] = 0, ["water_sanitation"] = 0, ["no_stable_work"] = 0,
                ["no_caregiver"] = 0, ["child_guardianship"] = 1, ["no_support_network"] = 0, ["isolation"] = 0,
            };
            await Json(await api.PostAsync($"/api/v1/assessments/{draft.GetProperty("id").GetGuid()}/submit", new()
            {
                DataObject = new { answers = new { values, scales = Array.Empty<object>(), notes = "入户核实" }, version = draft.GetProperty("version").GetGuid() },
            }));
            return caseId;
        }

        throw new InvalidOperationException("No household without an open case in the township.");
    }

    [Fact]
    public async Task The_social_worker_has_a_plan_proposed_edits_it_with_a_reason_and_the_county_approver_approves_it()
    {
        var social = await LoginAsync(platform, "zhen.shegong");
        var caseId = await AssessedCaseAsync(social);

        // From the case page: the proposal, with a reason for every item.
        await social.GotoAsync($"/cases/{caseId}");
        await Expect(social.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await social.GetByTestId("plan-propose").ClickAsync();
        await Expect(social).ToHaveURLAsync(new Regex("/plans/[0-9a-f-]+$"));
        var planUrl = social.Url;
        await Expect(social.GetByTestId("plan-status")).ToHaveTextAsync("草稿");
        await Expect(social.GetByTestId("reason-FAMILY-04")).ToContainTextAsync("FAMILY-04 个案管理(一户一策)：红色预警");
        await Expect(social.GetByTestId("plan-item-LIFE-06")).ToHaveCountAsync(0);

        // An edit without a reason is refused and changes nothing; with a reason it is a new version.
        await social.GetByTestId("add-item").ClickAsync();
        await social.GetByRole(AriaRole.Option, new() { Name = "SOCIAL-06 法律援助咨询", Exact = true }).ClickAsync();
        await social.GetByTestId("add-submit").ClickAsync();
        await Expect(social.GetByTestId("plan-error")).ToContainTextAsync("修改服务计划须说明理由");
        await Expect(social.GetByTestId("plan-revision")).ToHaveTextAsync("第 1 版");
        await social.GetByTestId("change-reason").FillAsync("监护人需要法律咨询");
        await social.GetByTestId("change-reason").PressAsync("Tab");
        await social.GetByTestId("add-submit").ClickAsync();
        await Expect(social.GetByTestId("reason-SOCIAL-06")).ToHaveTextAsync("SOCIAL-06 法律援助咨询：社工添加：监护人需要法律咨询");
        await Expect(social.GetByTestId("plan-revision")).ToHaveTextAsync("第 2 版");

        await social.GetByTestId("plan-submit").ClickAsync();
        await Expect(social.GetByTestId("plan-status")).ToHaveTextAsync("待审批");
        await Expect(social.GetByTestId("plan-editor")).ToHaveCountAsync(0);
        await social.Context.CloseAsync();

        // The county approver approves; the items become needs awaiting matching.
        var approver = await LoginAsync(platform, "xian.shenpi");
        await approver.GotoAsync(planUrl);
        await Expect(approver.Locator("#app-ready[data-ready='1']")).ToBeAttachedAsync();
        await Expect(approver.GetByTestId("reason-SOCIAL-06")).ToContainTextAsync("监护人需要法律咨询");
        await approver.GetByTestId("plan-approve").ClickAsync();
        await Expect(approver.GetByTestId("plan-status")).ToHaveTextAsync("已批准");
        await Expect(approver.GetByTestId("plan-revisions")).ToContainTextAsync("转为待匹配需求");
        // Legal advice is the justice bureau's (职能划分): it goes there as a referral, not to matching.
        await Expect(approver.GetByTestId("plan-revisions")).ToContainTextAsync("转介其他部门");
        var planId = Guid.Parse(planUrl[(planUrl.LastIndexOf('/') + 1)..]);
        var needs = (await Json(await approver.Context.APIRequest.GetAsync("/api/v1/plans/needs?size=200"))).GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("planId").GetGuid() == planId).ToList();
        Assert.Contains(needs, n => n.GetProperty("itemCode").GetString() == "FAMILY-04" && n.GetProperty("priority").GetInt32() == 1);
        Assert.DoesNotContain(needs, n => n.GetProperty("itemCode").GetString() == "SOCIAL-06");
        var householdId = needs[0].GetProperty("householdId").GetGuid();
        var referrals = await Json(await approver.Context.APIRequest.GetAsync($"/api/v1/referrals/households/{householdId}"));
        Assert.Contains(referrals.EnumerateArray(), r => r.GetProperty("key").GetString() == "SOCIAL-06" && r.GetProperty("department").GetString() == "justice");
        await approver.GotoAsync($"/cases/{caseId}");
        await Expect(approver.GetByTestId("case-status")).ToHaveTextAsync("已批准");

        // 动态调整: the approved plan is the county's demand; family case management awaits matching, so it is not met yet.
        await approver.GetByTestId("nav-adjustment").ClickAsync();
        await approver.WaitForURLAsync(new Regex("/catalog/adjustment$"));
        await Expect(approver.GetByTestId("adjustment-period")).ToContainTextAsync("371121");
        await Expect(approver.GetByTestId("adjustment-items-FAMILY-04")).ToContainTextAsync("FAMILY-04");
        await Expect(approver.GetByTestId("adjustment-items-FAMILY-04-unmet")).Not.ToHaveTextAsync("0");
        await Expect(approver.GetByTestId("adjustment-supply")).ToContainTextAsync("来自已完成的服务订单");
        await Expect(approver.GetByTestId("never-used-FAMILY-04")).ToHaveCountAsync(0);
        var download = await approver.RunAndWaitForDownloadAsync(() => approver.GetByTestId("adjustment-export").ClickAsync());
        Assert.Equal("动态调整分析.xlsx", download.SuggestedFilename);
        await using (var file = await download.CreateReadStreamAsync())
        {
            var head = new byte[2];
            Assert.Equal(2, await file.ReadAsync(head));
            Assert.Equal("PK"u8.ToArray(), head);
        }

        // Bad dates get a Chinese message and no report.
        await approver.GotoAsync("/catalog/adjustment?from=2026-13-01");
        await Expect(approver.GetByTestId("adjustment-error")).ToContainTextAsync("开始日期须为 yyyy-MM-dd 格式");
        await approver.Context.CloseAsync();
    }
}
