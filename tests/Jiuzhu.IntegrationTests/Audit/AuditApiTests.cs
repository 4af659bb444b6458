using System.Net;
using System.Text.Json;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.IntegrationTests.Audit;

public sealed class AuditApiTests
{
    [Fact]
    public async Task Only_auditors_may_search_only_audit_administrators_may_verify_and_verifying_leaves_a_trace()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        await using (var kit = new AuditTestKit(db))
        {
            await kit.WriteAsync(AuditTestKit.CountyOfficer, new("household.update", "household", "h-a", "371121001001", AuditOutcome.Success, "修改地址"));
            await kit.WriteAsync(AuditTestKit.CountyOfficer, new("household.update", "household", "h-b", "371121002001", AuditOutcome.Success, "修改地址"));
        }

        var s = await Scenario.CreateAsync(platform,
            ("cun01", Roles.VillageWorker, Scenario.VillageA),
            ("shenji01", Roles.Auditor, Scenario.TownshipA),
            ("shenjiadmin", Roles.AuditAdmin, Scenario.County));
        var adminKey = await s.EnrolTotpAsync("shenjiadmin");

        using (var anonymous = platform.CreateClient())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/audit/entries")).StatusCode);
        }

        using (var worker = await SignInAsync(s, "cun01"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/audit/entries")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/audit/entities/household/h-a")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostAsync("/api/v1/audit/verify", null)).StatusCode);
            var page = await worker.GetAsync("/audit");
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/account/denied", page.Headers.Location?.PathAndQuery ?? page.Headers.Location?.OriginalString);
        }

        using (var auditor = await SignInAsync(s, "shenji01"))
        {
            using var page = await JsonAsync(await auditor.GetAsync("/api/v1/audit/entries?entityType=household&size=10"), HttpStatusCode.OK);
            var items = page.RootElement.GetProperty("items");
            Assert.Equal(["h-a"], items.EnumerateArray().Select(i => i.GetProperty("entityId").GetString()));
            Assert.Equal(1, page.RootElement.GetProperty("total").GetInt32());

            using var history = await JsonAsync(await auditor.GetAsync("/api/v1/audit/entities/household/h-a"), HttpStatusCode.OK);
            Assert.Equal("修改地址", history.RootElement.GetProperty("items")[0].GetProperty("summary").GetString());
            using var hidden = await JsonAsync(await auditor.GetAsync("/api/v1/audit/entities/household/h-b"), HttpStatusCode.OK);
            Assert.Equal(0, hidden.RootElement.GetProperty("total").GetInt32());

            foreach (var bad in new[] { "region=37112", "from=2026-11-02&to=2026-11-01", "outcome=ok", "to=tomorrow", "page=x" })
            {
                using var problem = await JsonAsync(await auditor.GetAsync($"/api/v1/audit/entries?{bad}"), HttpStatusCode.BadRequest);
                Assert.Equal("audit.bad_filter", problem.RootElement.GetProperty("code").GetString());
                Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.RootElement.GetProperty("detail").GetString());
            }

            Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsync("/api/v1/audit/verify", null)).StatusCode);
            var html = await auditor.GetStringAsync("/audit");
            Assert.Contains("审计日志", html);
            Assert.DoesNotContain("data-testid=\"audit-verify\"", html);
        }

        using var admin = await SignInAsync(s, "shenjiadmin", adminKey);
        Assert.Contains("data-testid=\"audit-verify\"", await admin.GetStringAsync("/audit"));
        long verified;
        using (var result = await JsonAsync(await admin.PostAsync("/api/v1/audit/verify", null), HttpStatusCode.OK))
        {
            Assert.True(result.RootElement.GetProperty("ok").GetBoolean());
            Assert.Equal(JsonValueKind.Null, result.RootElement.GetProperty("firstBadEntry").ValueKind);
            verified = result.RootElement.GetProperty("entries").GetInt64();
        }

        await using var context = db.CreateContext();
        var last = await context.AuditEntries.OrderByDescending(e => e.Sequence).FirstAsync();
        Assert.Equal("audit.verify", last.Action);
        Assert.Equal("shenjiadmin", last.ActorName);
        Assert.Equal("success", last.Outcome);
        Assert.Equal(verified + 1, last.Sequence);
        Assert.Contains($"共 {verified} 条", last.Summary);
    }

    private static async Task<HttpClient> SignInAsync(Scenario s, string userName, string? authenticatorKey = null)
    {
        var (client, location) = await s.LoginAsync(userName, totpKey: authenticatorKey);
        Assert.Equal("/", location);
        return client;
    }

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }
}
