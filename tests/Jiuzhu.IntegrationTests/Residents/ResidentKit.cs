using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;

namespace Jiuzhu.IntegrationTests.Residents;

/// <summary>Signing residents up through the real form, and calling their API.</summary>
internal static class ResidentKit
{
    public const string Password = "Jz-resident-2026";

    public static Task<Scenario> StaffAsync(TestPlatform platform) => Scenario.CreateAsync(platform,
        ("worker.a", Roles.VillageWorker, Scenario.VillageA),
        ("worker.b", Roles.VillageWorker, Scenario.VillageB),
        ("social.a", Roles.TownshipSocialWorker, Scenario.TownshipA),
        ("officer", Roles.CountyOfficer, Scenario.County));

    /// <summary>Posts the sign-up form; returns where it sent the browser.</summary>
    public static async Task<string> SignUpAsync(
        HttpClient client, string phone, string idNumber, string name = "张桂兰", string password = Password, string? confirm = null)
    {
        var token = await Scenario.AntiforgeryAsync(client, "/account/register");
        var response = await client.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["name"] = name,
            ["phone"] = phone,
            ["idNumber"] = idNumber,
            ["password"] = password,
            ["confirm"] = confirm ?? password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location?.OriginalString ?? string.Empty;
    }

    /// <summary>Signs a new resident up and in; returns their client.</summary>
    public static async Task<HttpClient> ResidentAsync(Scenario s, string phone, string idNumber, string name = "张桂兰")
    {
        using (var anonymous = s.Platform.CreateClient())
        {
            Assert.StartsWith("/account/login?done=registered", await SignUpAsync(anonymous, phone, idNumber, name));
        }

        var (client, location) = await s.LoginAsync(phone, Password);
        Assert.Equal("/me", location);
        return client;
    }

    public static Task<HttpResponseMessage> ApplyAsync(HttpClient resident, string village = Scenario.VillageA, string caseType = "service", string need = "独居，行动不便，希望有人上门帮忙做饭") =>
        resident.PostAsJsonAsync("/api/v1/me/applications", new { caseType, need, urgent = false, villageCode = village, address = "东村 18 号" });

    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static string Code(JsonElement problem) => problem.GetProperty("code").GetString()!;

    public static Guid Id(JsonElement application) => application.GetProperty("id").GetGuid();

    public static Guid Version(JsonElement application) => application.GetProperty("version").GetGuid();
}
