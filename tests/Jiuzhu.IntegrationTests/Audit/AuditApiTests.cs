using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jiuzhu.Identity.Domain;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.IntegrationTests.Audit;

public sealed partial class AuditApiTests
{
    private const string Password = "shenji-2026-test";

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

        await CreateUserAsync(platform, "cun01", Roles.VillageWorker, "371121001001");
        await CreateUserAsync(platform, "shenji01", Roles.Auditor, "371121001");
        var adminKey = await CreateUserAsync(platform, "shenjiadmin", Roles.AuditAdmin, "371121", twoFactor: true);

        using (var anonymous = platform.CreateClient())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/audit/entries")).StatusCode);
        }

        using (var worker = await SignInAsync(platform, "cun01"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/audit/entries")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/audit/entities/household/h-a")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostAsync("/api/v1/audit/verify", null)).StatusCode);
            var page = await worker.GetAsync("/audit");
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/account/denied", page.Headers.Location?.PathAndQuery ?? page.Headers.Location?.OriginalString);
        }

        using (var auditor = await SignInAsync(platform, "shenji01"))
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

        using var admin = await SignInAsync(platform, "shenjiadmin", adminKey);
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

    /// <summary>Creates an account; for a two-factor account returns its authenticator key.</summary>
    private static async Task<string?> CreateUserAsync(TestPlatform platform, string userName, string role, string jurisdiction, bool twoFactor = false)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<JiuzhuRole>>();
        if (!await roles.RoleExistsAsync(role))
        {
            Assert.True((await roles.CreateAsync(new JiuzhuRole(role))).Succeeded);
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<JiuzhuUser>>();
        var user = new JiuzhuUser(userName, userName, RegionCode.Parse(jurisdiction).Value, DateTimeOffset.UtcNow);
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        if (!twoFactor)
        {
            return null;
        }

        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return await users.GetAuthenticatorKeyAsync(user);
    }

    private static async Task<HttpClient> SignInAsync(TestPlatform platform, string userName, string? authenticatorKey = null)
    {
        var client = platform.CreateClient();
        var response = await PostFormAsync(client, "/account/login", new() { ["userName"] = userName, ["password"] = Password, ["returnUrl"] = "/" });
        if (authenticatorKey is not null)
        {
            Assert.StartsWith("/account/login-2fa", response.Headers.Location?.OriginalString);
            response = await PostFormAsync(client, "/account/login-2fa", new() { ["code"] = Totp(authenticatorKey), ["returnUrl"] = "/" });
        }

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return client;
    }

    // The sign-in forms carry an antiforgery token; read it from the page as a browser would.
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(path);
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(html).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }

    // RFC 6238 as authenticator apps compute it: HMAC-SHA1 over the 30-second step, 6 digits.
    private static string Totp(string base32Key)
    {
        var key = Base32(base32Key);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var code = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return code.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
