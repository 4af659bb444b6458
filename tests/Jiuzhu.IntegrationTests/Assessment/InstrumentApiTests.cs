using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.Assessment.Instruments;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;

namespace Jiuzhu.IntegrationTests.Assessment;

/// <summary>Policy administrators change the assessment instrument without code: new version, edit, publish.</summary>
public sealed class InstrumentApiTests
{
    private const string City = "371100000000";
    private const string Instruments = "/api/v1/assessment/instruments";

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> Move(HttpClient client, JsonElement c, string action) =>
        await Json(await client.PostAsJsonAsync($"/api/v1/cases/{c.GetProperty("id").GetGuid()}/transitions",
            new { action, version = c.GetProperty("version").GetGuid() }));

    /// <summary>A case of a person in village A, moved to the assessment step.</summary>
    private static async Task<Guid> CaseBeingAssessedAsync(HttpClient worker, HttpClient social, Guid person)
    {
        var c = (await Json(await worker.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "service", need = "独居老人，需要上门照料", urgent = false, channel = "Discovery", personId = person,
        }))).GetProperty("case");
        c = await Move(worker, c, "Accept");
        c = await Move(social, c, "StartAssessment");
        return c.GetProperty("id").GetGuid();
    }

    private static JsonElement Row(JsonElement list, int version) =>
        list.EnumerateArray().Single(r => r.GetProperty("code").GetString() == DefaultInstrument.Code && r.GetProperty("version").GetInt32() == version);

    private static InstrumentDefinition Definition(JsonElement version) => Parse(version.GetProperty("definition"));

    private static InstrumentDefinition Parse(JsonElement definition) => definition.Deserialize<InstrumentDefinition>(InstrumentDefinition.Json)!;

    private static InstrumentDefinition Change(InstrumentDefinition definition, string dimension, Func<DimensionDefinition, DimensionDefinition> change) =>
        definition with { Dimensions = [.. definition.Dimensions.Select(d => d.Code == dimension ? change(d) : d)] };

    private static DimensionDefinition ChangeIndicator(DimensionDefinition d, string indicator, Func<IndicatorDefinition, IndicatorDefinition> change) =>
        d with { Indicators = [.. d.Indicators.Select(i => i.Code == indicator ? change(i) : i)] };

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, Guid id, string name, InstrumentDefinition definition, Guid stamp) =>
        client.PutAsJsonAsync($"{Instruments}/{id}", new InstrumentBody(name, definition, stamp), InstrumentDefinition.Json);

    private sealed record InstrumentBody(string Name, InstrumentDefinition Definition, Guid Stamp);

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_regional_administrator_publishes_a_new_version_and_only_later_assessments_use_it(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform,
            ("worker.a", Roles.VillageWorker, Scenario.VillageA),
            ("social.a", Roles.TownshipSocialWorker, Scenario.TownshipA),
            ("county", Roles.CountyOfficer, Scenario.County),
            ("city", Roles.RegionalAdmin, City));
        var worker = (await s.LoginAsync("worker.a")).Client;
        var social = (await s.LoginAsync("social.a")).Client;
        var county = (await s.LoginAsync("county")).Client;
        var city = (await s.LoginAsync("city", totpKey: await s.EnrolTotpAsync("city"))).Client;

        // An assessment started under version 1, before anything changes.
        var firstCase = await CaseBeingAssessedAsync(worker, social, s.PersonsA[0]);
        var before = await Json(await social.PostAsJsonAsync("/api/v1/assessments", new { caseId = firstCase }));
        Assert.Equal(1, before.GetProperty("instrumentVersion").GetInt32());

        var list = await Json(await county.GetAsync(Instruments));
        var v1 = Row(list, 1);
        Assert.Equal("Published", v1.GetProperty("status").GetString());
        var v1Id = v1.GetProperty("id").GetGuid();

        // Staff below the policy level read instruments but never change them.
        foreach (var client in new[] { county, social })
        {
            var refused = await Json(await client.PostAsync($"{Instruments}/{v1Id}/versions", null), HttpStatusCode.Forbidden);
            Assert.Equal("instrument.forbidden", refused.GetProperty("code").GetString());
        }

        var refusedPublish = await Json(await county.PostAsJsonAsync($"{Instruments}/{v1Id}/publish", new { stamp = v1.GetProperty("concurrencyStamp").GetGuid() }), HttpStatusCode.Forbidden);
        Assert.Equal("instrument.forbidden", refusedPublish.GetProperty("code").GetString());

        // A new version is a draft copied from the published one; one draft at a time.
        var draft = await Json(await city.PostAsync($"{Instruments}/{v1Id}/versions", null));
        Assert.Equal(2, draft.GetProperty("version").GetInt32());
        Assert.Equal("Draft", draft.GetProperty("status").GetString());
        var draftId = draft.GetProperty("id").GetGuid();
        var stamp = draft.GetProperty("concurrencyStamp").GetGuid();
        var second = await Json(await city.PostAsync($"{Instruments}/{v1Id}/versions", null), HttpStatusCode.Conflict);
        Assert.Equal("instrument.draft_exists", second.GetProperty("code").GetString());

        var copied = Definition(await Json(await city.GetAsync($"{Instruments}/{draftId}")));
        Assert.Equal(DefaultInstrument.Definition.ToJson(), copied.ToJson());

        // An invalid definition is refused with every problem at once, and nothing is saved.
        var invalid = Change(copied, "economy", d => ChangeIndicator(d with { Weight = "1/4" }, "income", i => i with { Share = "1/4" }));
        var problems = await Json(await PutAsync(city, draftId, "困难家庭多维需求评估（2026 修订）", invalid, stamp), HttpStatusCode.BadRequest);
        Assert.Equal("instrument.invalid", problems.GetProperty("code").GetString());
        var detail = problems.GetProperty("detail").GetString()!;
        Assert.Contains("各维度权重之和必须等于 1，现在是 9/8", detail, StringComparison.Ordinal);
        Assert.Contains("维度“经济状况”内各指标份额之和必须等于 1，现在是 3/4", detail, StringComparison.Ordinal);
        var unchanged = await Json(await city.GetAsync($"{Instruments}/{draftId}"));
        Assert.Equal(DefaultInstrument.Definition.ToJson(), Definition(unchanged).ToJson());
        Assert.Equal(stamp, unchanged.GetProperty("row").GetProperty("concurrencyStamp").GetGuid());
        Assert.Equal(DefaultInstrument.Name, unchanged.GetProperty("row").GetProperty("name").GetString());

        // A valid edit: the income line raised to 1000 yuan.
        var edited = Change(copied, "economy", d => ChangeIndicator(d, "income", i => i with { Rule = new DeprivationRule(RuleOperator.Below, 1000m) }));
        var saved = await Json(await PutAsync(city, draftId, "困难家庭多维需求评估（2026 修订）", edited, stamp));
        var newStamp = saved.GetProperty("concurrencyStamp").GetGuid();
        Assert.NotEqual(stamp, newStamp);
        Assert.Equal("困难家庭多维需求评估（2026 修订）", saved.GetProperty("name").GetString());

        // Someone working from the old stamp is told the draft changed, for edits and for publishing.
        var stale = await Json(await PutAsync(city, draftId, "旧的修改", copied, stamp), HttpStatusCode.Conflict);
        Assert.Equal("instrument.stale", stale.GetProperty("code").GetString());
        var stalePublish = await Json(await city.PostAsJsonAsync($"{Instruments}/{draftId}/publish", new { stamp }), HttpStatusCode.Conflict);
        Assert.Equal("instrument.stale", stalePublish.GetProperty("code").GetString());
        Assert.Equal(1000m, Definition(await Json(await city.GetAsync($"{Instruments}/{draftId}"))).Dimensions[0].Indicators[0].Rule.Cutoff);

        // Publishing retires version 1.
        var published = await Json(await city.PostAsJsonAsync($"{Instruments}/{draftId}/publish", new { stamp = newStamp }));
        Assert.Equal("Published", published.GetProperty("status").GetString());
        list = await Json(await county.GetAsync(Instruments));
        Assert.Equal("Retired", Row(list, 1).GetProperty("status").GetString());
        Assert.Equal("Published", Row(list, 2).GetProperty("status").GetString());
        Assert.Equal("city", Row(list, 2).GetProperty("publishedBy").GetString());
        var again = await Json(await PutAsync(city, draftId, "已发布后再改", edited, published.GetProperty("concurrencyStamp").GetGuid()), HttpStatusCode.Conflict);
        Assert.Equal("instrument.published", again.GetProperty("code").GetString());

        // The assessment started before keeps version 1; one started now uses version 2.
        var kept = await Json(await social.GetAsync($"/api/v1/assessments/{before.GetProperty("id").GetGuid()}"));
        Assert.Equal(1, kept.GetProperty("assessment").GetProperty("instrumentVersion").GetInt32());
        Assert.Equal(900m, Parse(kept.GetProperty("instrument")).Dimensions[0].Indicators[0].Rule.Cutoff);
        var secondCase = await CaseBeingAssessedAsync(worker, social, s.PersonsA[1]);
        var after = await Json(await social.PostAsJsonAsync("/api/v1/assessments", new { caseId = secondCase }));
        Assert.Equal(2, after.GetProperty("instrumentVersion").GetInt32());
        var opened = await Json(await social.GetAsync($"/api/v1/assessments/{after.GetProperty("id").GetGuid()}"));
        Assert.Equal("困难家庭多维需求评估（2026 修订）", opened.GetProperty("instrumentName").GetString());
        Assert.Equal(1000m, Parse(opened.GetProperty("instrument")).Dimensions[0].Indicators[0].Rule.Cutoff);
    }
}
