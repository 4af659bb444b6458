using System.Net;
using System.Text.RegularExpressions;
using Jiuzhu.Data;
using Jiuzhu.Geo.Domain;
using Jiuzhu.Identity;
using Jiuzhu.Identity.Domain;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Registry.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.IntegrationTests.Infrastructure;

/// <summary>
/// A small county for access tests: two townships with one village each, households in both villages,
/// and staff at village, township and county level, created through the platform's own services.
/// </summary>
public sealed partial class Scenario
{
    public const string Password = "Test@2026pw";
    public const string County = "371121000000";
    public const string TownshipA = "371121001000";
    public const string TownshipB = "371121002000";
    public const string VillageA = "371121001201";
    public const string VillageB = "371121002201";

    private Scenario(TestPlatform platform) => Platform = platform;

    public TestPlatform Platform { get; }

    public List<Guid> HouseholdsA { get; } = [];

    public List<Guid> HouseholdsB { get; } = [];

    public List<Guid> PersonsB { get; } = [];

    public List<Guid> PersonsA { get; } = [];

    /// <summary>The identity numbers of the heads of village A's households, in plain text (test data only).</summary>
    public List<string> IdNumbersA { get; } = [];

    public Dictionary<string, Guid> Users { get; } = [];

    public static async Task<Scenario> CreateAsync(TestPlatform platform, params (string User, string Role, string Jurisdiction)[] staff)
    {
        var scenario = new Scenario(platform);
        await using var scope = platform.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<JiuzhuDbContext>();
        foreach (var (code, name) in new[]
                 {
                     ("37", "山东省"), ("3711", "日照市"), ("371121", "五莲县"), ("371121001", "洪凝街道"), ("371121002", "街头镇"),
                     (VillageA, "东村村民委员会"), (VillageB, "西村村民委员会"),
                 })
        {
            db.Regions.Add(new Region(RegionCode.Parse(code), name));
        }

        await db.SaveChangesAsync();

        var protector = sp.GetRequiredService<IFieldProtector>();
        var now = DateTimeOffset.UtcNow;
        var sequence = 100;
        foreach (var (village, ids, count) in new[] { (VillageA, scenario.HouseholdsA, 3), (VillageB, scenario.HouseholdsB, 2) })
        {
            for (var i = 0; i < count; i++)
            {
                var household = new Household(RegionCode.Parse(village), $"测试地址{i + 1}号", AssistanceCategory.MinimumLiving, now);
                var idNumber = ResidentId.Compose("371121", new DateOnly(1950, 1, 1 + i), sequence++ * 2 + 1);
                var person = new Person(household, $"测试{village[^4..]}{i}", idNumber, Relation.Head, NeedFlags.Aged80Plus, protector);
                person.SetPhone($"1380000{sequence:0000}", protector);
                household.AddMember(person);
                db.Households.Add(household);
                db.Persons.Add(person);
                ids.Add(household.Id);
                if (village == VillageB)
                {
                    scenario.PersonsB.Add(person.Id);
                }
                else
                {
                    scenario.PersonsA.Add(person.Id);
                    scenario.IdNumbersA.Add(idNumber);
                }
            }
        }

        await db.SaveChangesAsync();

        var users = sp.GetRequiredService<UserManager<JiuzhuUser>>();
        await sp.GetRequiredService<UserAdministration>().EnsureRolesAsync();
        foreach (var (userName, role, jurisdiction) in staff)
        {
            var user = new JiuzhuUser(userName, userName, jurisdiction, now);
            Ensure(await users.CreateAsync(user, Password));
            Ensure(await users.AddToRoleAsync(user, role));
            scenario.Users[userName] = user.Id;
        }

        return scenario;
    }

    /// <summary>Gives an account an authenticator key and turns two-factor sign-in on; returns the key.</summary>
    public async Task<string> EnrolTotpAsync(string userName)
    {
        await using var scope = Platform.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<JiuzhuUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>Signs in through the real login form; returns the client and where the login sent it.</summary>
    public async Task<(HttpClient Client, string Location)> LoginAsync(string userName, string password = Password, string? totpKey = null)
    {
        var client = Platform.CreateClient();
        var location = await PostLoginAsync(client, userName, password);
        if (totpKey is not null && location.StartsWith("/account/login-2fa", StringComparison.Ordinal))
        {
            var token = await AntiforgeryAsync(client, "/account/login-2fa");
            var response = await client.PostAsync("/account/login-2fa", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["code"] = Totp.Code(totpKey, DateTimeOffset.UtcNow),
                ["returnUrl"] = "/",
            }));
            location = response.Headers.Location?.OriginalString ?? string.Empty;
        }

        return (client, location);
    }

    public static async Task<string> PostLoginAsync(HttpClient client, string userName, string password)
    {
        var token = await AntiforgeryAsync(client, "/account/login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location?.OriginalString ?? string.Empty;
    }

    public static async Task<string> AntiforgeryAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"no antiforgery token on {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static void Ensure(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
