using System.Net;
using System.Text.Json;
using Jiuzhu.Identity;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;

namespace Jiuzhu.IntegrationTests.Access;

public sealed class SignInTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Five_failed_attempts_lock_the_account_for_fifteen_minutes_even_against_the_right_password(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform, ("worker.a", Roles.VillageWorker, Scenario.VillageA));
        var client = platform.CreateClient();
        for (var i = 0; i < IdentityRegistration.MaxFailedAttempts - 1; i++)
        {
            Assert.StartsWith("/account/login?error=invalid", await Scenario.PostLoginAsync(client, "worker.a", "wrong-password-1A"));
        }

        Assert.StartsWith("/account/login?error=locked", await Scenario.PostLoginAsync(client, "worker.a", "wrong-password-1A"));
        Assert.StartsWith("/account/login?error=locked", await Scenario.PostLoginAsync(client, "worker.a", Scenario.Password));

        await using var context = db.CreateContext();
        var user = context.Users.Single(u => u.UserName == "worker.a");
        Assert.NotNull(user.LockoutEnd);
        var remaining = user.LockoutEnd!.Value - DateTimeOffset.UtcNow;
        Assert.InRange(remaining.TotalMinutes, 14, 15.1);
        Assert.Equal(IdentityRegistration.MaxFailedAttempts - 1, context.AuditEntries.Count(e => e.Action == "auth.login" && e.Outcome == "failed"));
        Assert.True(context.AuditEntries.Count(e => e.Action == "auth.login" && e.Outcome == "denied") >= 2);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform, ("worker.a", Roles.VillageWorker, Scenario.VillageA));
        await using (var context = db.CreateContext())
        {
            context.Users.Single(u => u.UserName == "worker.a").IsDisabled = true;
            await context.SaveChangesAsync();
        }

        Assert.StartsWith("/account/login?error=disabled", await Scenario.PostLoginAsync(platform.CreateClient(), "worker.a", Scenario.Password));
    }

    [Fact]
    public async Task An_administrator_without_a_second_factor_can_only_reach_the_enrolment_page()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform, ("sys", Roles.SystemAdmin, Scenario.County));
        var (client, location) = await s.LoginAsync("sys");
        Assert.Equal("/", location);

        var api = await client.GetAsync("/api/v1/identity/users");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        using var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.Equal("auth.two_factor_setup_required", problem.RootElement.GetProperty("code").GetString());

        var page = await client.GetAsync("/households");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/setup-2fa", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/setup-2fa")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_enrols_a_TOTP_authenticator_and_then_signs_in_with_password_and_code()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform, ("sec", Roles.SecurityAdmin, Scenario.County));
        var (client, _) = await s.LoginAsync("sec");

        var html = await client.GetStringAsync("/account/setup-2fa");
        var key = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"totp-secret\">([a-z2-7 ]+)<").Groups[1].Value;
        Assert.False(string.IsNullOrWhiteSpace(key));
        var token = await Scenario.AntiforgeryAsync(client, "/account/setup-2fa");
        var wrong = await client.PostAsync("/account/setup-2fa", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["code"] = "000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000",
        }));
        Assert.Equal("/account/setup-2fa?error=code", wrong.Headers.Location?.OriginalString);
        var enrol = await client.PostAsync("/account/setup-2fa", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["code"] = Totp.Code(key, DateTimeOffset.UtcNow),
        }));
        Assert.Equal("/", enrol.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/identity/users")).StatusCode);

        // A fresh sign-in now asks for the code, and succeeds with it.
        var (again, location) = await s.LoginAsync("sec", totpKey: key);
        Assert.Equal("/", location);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/identity/users")).StatusCode);
    }

    [Fact]
    public async Task Stored_passwords_use_PBKDF2_with_at_least_600000_iterations()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        await Scenario.CreateAsync(platform, ("worker.a", Roles.VillageWorker, Scenario.VillageA));
        await using var context = db.CreateContext();
        var hash = Convert.FromBase64String(context.Users.Single().PasswordHash!);
        // Identity v3 format: 0x01, PRF (uint32 BE), iteration count (uint32 BE), salt length, salt, subkey.
        Assert.Equal(0x01, hash[0]);
        var iterations = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5, 4));
        Assert.True(iterations >= 600_000, $"iterations {iterations}");
    }
}
