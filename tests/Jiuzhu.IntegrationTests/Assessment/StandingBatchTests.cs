using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.Assessment;
using Jiuzhu.Assessment.Batch;
using Jiuzhu.Assessment.Data;
using Jiuzhu.Assessment.Domain;
using Jiuzhu.Assessment.Instruments;
using Jiuzhu.Assessment.Policy;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.IntegrationTests.Assessment;

public sealed class StandingBatchTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> Move(HttpClient client, JsonElement c, string action) =>
        await Json(await client.PostAsJsonAsync($"/api/v1/cases/{c.GetProperty("id").GetGuid()}/transitions",
            new { action, version = c.GetProperty("version").GetGuid() }));

    // Employment (1/8), both housing indicators (1/8) and one guardianship indicator (1/16): 5/16, just under k = 1/3.
    private static Dictionary<string, decimal?> Answers(decimal income) => new()
    {
        ["income"] = income, ["rigid_spending"] = 10m, ["serious_illness"] = 0, ["severe_disability"] = 0,
        ["barthel"] = InstrumentEvaluation.NotApplicable, ["elderly_ability"] = InstrumentEvaluation.NotApplicable,
        ["school_dropout"] = 0, ["adult_schooling"] = 3, ["unsafe_housing"] = 1, ["water_sanitation"] = 1, ["no_stable_work"] = 1,
        ["no_caregiver"] = 1, ["child_guardianship"] = 0, ["no_support_network"] = 0, ["isolation"] = 0,
    };

    private static async Task<Guid> AssessAsync(HttpClient worker, HttpClient social, Guid person, decimal income)
    {
        var c = (await Json(await worker.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "service", need = "申请服务", urgent = false, channel = "Discovery", personId = person,
        }))).GetProperty("case");
        c = await Move(worker, c, "Accept");
        c = await Move(social, c, "StartAssessment");
        var draft = await Json(await social.PostAsJsonAsync("/api/v1/assessments", new { caseId = c.GetProperty("id").GetGuid() }));
        var id = draft.GetProperty("id").GetGuid();
        await Json(await social.PostAsJsonAsync($"/api/v1/assessments/{id}/submit",
            new { answers = new { values = Answers(income), scales = Array.Empty<object>() }, version = draft.GetProperty("version").GetGuid() }));
        return c.GetProperty("householdId").GetGuid();
    }

    private static async Task PublishIncomeLineAsync(TestPlatform platform, decimal line)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new FixedActor(ActorKind.User, Guid.NewGuid(), "admin", [Roles.RegionalAdmin], null);
        var catalog = scope.ServiceProvider.GetRequiredService<InstrumentCatalog>();
        var draft = (await catalog.NewVersionAsync((await catalog.CurrentAsync(DefaultInstrument.Code)).Id)).Value;
        var definition = (await catalog.GetAsync(draft.Id)).Value.Definition;
        var raised = definition with
        {
            Dimensions = [.. definition.Dimensions.Select(d => d with
            {
                Indicators = [.. d.Indicators.Select(i => i.Code == "income" ? i with { Rule = i.Rule with { Cutoff = line } } : i)],
            })],
        };
        var edited = (await catalog.EditAsync(draft.Id, draft.Name, raised, draft.ConcurrencyStamp)).Value;
        Assert.True((await catalog.PublishAsync(edited.Id, edited.ConcurrencyStamp)).IsSuccess);
    }

    private static async Task<BatchResult> RecomputeAsync(TestPlatform platform)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = FixedActor.System("test");
        var run = await scope.ServiceProvider.GetRequiredService<StandingBatch>().RunAsync();
        Assert.True(run.IsSuccess, run.Error?.Message);
        return run.Value;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_reader_inside_one_snapshot_sees_only_the_results_from_before_the_batch_and_does_not_hold_it_up(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform,
            ("worker.a", Roles.VillageWorker, Scenario.VillageA), ("social.a", Roles.TownshipSocialWorker, Scenario.TownshipA));
        var worker = (await s.LoginAsync("worker.a")).Client;
        var social = (await s.LoginAsync("social.a")).Client;
        var households = new List<Guid>();
        foreach (var (person, income) in s.PersonsA.Take(3).Zip([950m, 960m, 970m]))
        {
            households.Add(await AssessAsync(worker, social, person, income));
        }

        await PublishIncomeLineAsync(platform, 1000m);

        // The population view's way of reading: one snapshot for all its queries.
        await using var reader = db.CreateContext();
        await using (var snapshot = await ReadSnapshot.BeginAsync(reader.Database, CancellationToken.None))
        {
            Assert.Equal(3, await reader.Standings.IgnoreQueryFilters().CountAsync(x => x.Tier == Tier.Green));
            var result = await RecomputeAsync(platform).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal((3, 3), (result.Rewritten, result.TierChanges));
            // Still inside the snapshot: all three as they were, none half-way.
            Assert.Equal(3, await reader.Standings.IgnoreQueryFilters().CountAsync(x => x.Tier == Tier.Green));
            Assert.Equal(0, await reader.StandingChanges.IgnoreQueryFilters().CountAsync(c => c.Source == "batch"));
            await snapshot.CommitAsync();
        }

        Assert.Equal(3, await reader.Standings.IgnoreQueryFilters().CountAsync(x => x.Tier == Tier.Yellow));
        Assert.Equal(3, await reader.StandingChanges.IgnoreQueryFilters().CountAsync(c => c.Source == "batch" && c.Kind == StandingChange.TierKind));
        Assert.All(households, h => Assert.Contains(h, reader.Standings.IgnoreQueryFilters().Select(x => x.HouseholdId).ToList()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_new_instrument_version_changes_standings_only_through_the_batch_which_switches_all_at_once_and_leaves_assessments_alone(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform,
            ("worker.a", Roles.VillageWorker, Scenario.VillageA), ("social.a", Roles.TownshipSocialWorker, Scenario.TownshipA));
        var worker = (await s.LoginAsync("worker.a")).Client;
        var social = (await s.LoginAsync("social.a")).Client;
        var crossing = await AssessAsync(worker, social, s.PersonsA[0], 950m);  // deprived in income only once the line is 1,000
        var steady = await AssessAsync(worker, social, s.PersonsA[1], 2000m);
        Assert.Equal("Green", (await Json(await social.GetAsync($"/api/v1/assessment/standings/{crossing}"))).GetProperty("tier").GetString());

        // Publish version 2 with the income line at 1,000 yuan: nothing changes until the batch runs.
        await PublishIncomeLineAsync(platform, 1000m);
        Assert.Equal("Green", (await Json(await social.GetAsync($"/api/v1/assessment/standings/{crossing}"))).GetProperty("tier").GetString());

        // A batch already claimed (another process) keeps a second one out.
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = FixedActor.System("test");
            var context = scope.ServiceProvider.GetRequiredService<Jiuzhu.Data.JiuzhuDbContext>();
            await scope.ServiceProvider.GetRequiredService<StandingService>().BatchStateAsync();
            Assert.Equal(1, await context.StandingGenerations.ExecuteUpdateAsync(u => u.SetProperty(g => g.BatchStartedAt, DateTimeOffset.UtcNow)));
            var refused = await scope.ServiceProvider.GetRequiredService<StandingBatch>().RunAsync();
            Assert.Equal("batch.running", refused.Error!.Code);
            await context.StandingGenerations.ExecuteUpdateAsync(u => u.SetProperty(g => g.BatchStartedAt, (DateTimeOffset?)null));
        }

        // A household assessed while the batch runs keeps what its assessment gave it: its standing is computed after the
        // batch started (here: dated ahead), so the batch neither overwrites it nor records a change for it.
        DateTimeOffset computedAt;
        await using (var fresh = db.CreateContext())
        {
            computedAt = fresh.Standings.IgnoreQueryFilters().Single(x => x.HouseholdId == crossing).ComputedAt;
            await fresh.Standings.IgnoreQueryFilters().Where(x => x.HouseholdId == crossing)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.ComputedAt, DateTimeOffset.UtcNow.AddHours(1)));
        }

        var skipped = await RecomputeAsync(platform);
        Assert.Equal((2, 1, 0, 1, 0), (skipped.Households, skipped.Poor, skipped.Rewritten, skipped.SkippedFresh, skipped.TierChanges));
        Assert.Equal("Green", (await Json(await social.GetAsync($"/api/v1/assessment/standings/{crossing}"))).GetProperty("tier").GetString());
        await using (var fresh = db.CreateContext())
        {
            await fresh.Standings.IgnoreQueryFilters().Where(x => x.HouseholdId == crossing).ExecuteUpdateAsync(u => u.SetProperty(x => x.ComputedAt, computedAt));
        }

        var result = await RecomputeAsync(platform);
        // Both households are evaluated; only the one whose result changed is rewritten.
        Assert.Equal((2, 3, 2, 1, 1, 1, 0), (result.Households, result.Batch, result.InstrumentVersion, result.Poor, result.TierChanges, result.Rewritten, result.SkippedFresh));

        // 5/16 + 1/16 = 3/8 ≥ 1/3: the household is now multidimensionally poor, yellow, with the reason and a response task.
        var standing = await Json(await social.GetAsync($"/api/v1/assessment/standings/{crossing}"));
        Assert.Equal("Yellow", standing.GetProperty("tier").GetString());
        Assert.Equal("3/8", standing.GetProperty("score").GetString());
        var change = standing.GetProperty("history").EnumerateArray().First(h => h.GetProperty("kind").GetString() == "tier");
        Assert.Equal(("Green", "Yellow", "batch"), (change.GetProperty("from").GetString(), change.GetProperty("to").GetString(), change.GetProperty("source").GetString()));
        var task = standing.GetProperty("openTasks").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "TierResponse");
        Assert.Equal("Yellow", task.GetProperty("tier").GetString());
        Assert.Equal("Green", (await Json(await social.GetAsync($"/api/v1/assessment/standings/{steady}"))).GetProperty("tier").GetString());

        await using var check = db.CreateContext();
        var state = check.StandingGenerations.Single();
        var version2 = check.Set<Instrument>().Single(i => i.Code == DefaultInstrument.Code && i.Version == 2).Id;
        Assert.Equal((3, version2, (DateTimeOffset?)null), (state.Current, state.LastBatchInstrumentId, state.BatchStartedAt));
        // The steady household's row was left alone (still dated under version 1) and counts as evaluated under version 2.
        var rows = check.Standings.IgnoreQueryFilters().ToList();
        Assert.Equal(version2, rows.Single(x => x.HouseholdId == crossing).InstrumentId);
        Assert.NotEqual(version2, rows.Single(x => x.HouseholdId == steady).InstrumentId);
        Assert.Equal(2, check.Standings.IgnoreQueryFilters().Count(StandingGeneration.EvaluatedUnder(version2, state)));
        Assert.All(rows, x => Assert.Equal(state.InstrumentOf(x.InstrumentId, x.ComputedAt), version2));
        // The assessment keeps the score it had when it was made, under version 1.
        var assessment = check.Assessments.IgnoreQueryFilters().Single(a => a.HouseholdId == crossing);
        Assert.Equal(("5/16", 1, false), (assessment.Score, assessment.InstrumentVersion, assessment.Poor));
        Assert.Equal(2, check.AuditEntries.Count(e => e.Action == "assessment.recompute"));
        // The superseded monitoring task of the green tier is closed by the system.
        Assert.Contains(check.FollowUpTasks.IgnoreQueryFilters().Where(t => t.HouseholdId == crossing).ToList(),
            t => t.Kind == FollowUpKind.Monitoring && t.Status == FollowUpStatus.Superseded);
    }

    [Fact]
    public async Task A_city_administrator_sets_a_stricter_policy_for_a_township_and_its_households_are_tiered_by_it()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform,
            ("worker.a", Roles.VillageWorker, Scenario.VillageA), ("social.a", Roles.TownshipSocialWorker, Scenario.TownshipA),
            ("city", Roles.RegionalAdmin, "371100000000"));
        var city = (await s.LoginAsync("city", totpKey: await s.EnrolTotpAsync("city"))).Client;
        var social = (await s.LoginAsync("social.a")).Client;

        var inherited = await Json(await city.GetAsync($"/api/v1/assessment/policies/{Scenario.TownshipA}"));
        Assert.Equal(JsonValueKind.Null, inherited.GetProperty("stamp").ValueKind);
        var policy = inherited.GetProperty("policy");
        var rules = policy.GetProperty("rules").EnumerateArray().Select(r => (object)r).ToList();
        rules.Add(new { code = "watch", name = "剥夺得分不低于 1/4，重点关注", tier = "Yellow", when = new { minScore = "1/4" } });
        object Body(object rulesList, Guid? stamp) => new
        {
            policy = new { rules = rulesList, responses = policy.GetProperty("responses"), phases = policy.GetProperty("phases"), reassessment = policy.GetProperty("reassessment") },
            stamp,
        };

        var bad = await Json(await city.PutAsJsonAsync($"/api/v1/assessment/policies/{Scenario.TownshipA}",
            Body(new[] { new { code = "x", name = "坏规则", tier = "Red", when = new { minScore = "3/2" } } }, null)), HttpStatusCode.BadRequest);
        Assert.Equal("policy.invalid", bad.GetProperty("code").GetString());
        var outside = await Json(await city.PutAsJsonAsync("/api/v1/assessment/policies/110101000000", Body(rules, null)), HttpStatusCode.Forbidden);
        Assert.Equal("policy.outside_jurisdiction", outside.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await social.PutAsJsonAsync($"/api/v1/assessment/policies/{Scenario.TownshipA}", Body(rules, null))).StatusCode);

        var set = await Json(await city.PutAsJsonAsync($"/api/v1/assessment/policies/{Scenario.TownshipA}", Body(rules, null)));
        Assert.Equal("371121001", set.GetProperty("regionCode").GetString());
        var stale = await Json(await city.PutAsJsonAsync($"/api/v1/assessment/policies/{Scenario.TownshipA}", Body(rules, Guid.NewGuid())), HttpStatusCode.Conflict);
        Assert.Equal("policy.stale", stale.GetProperty("code").GetString());

        // 5/16 is under k (not poor) but at least 1/4: yellow under the township's rule.
        var household = await AssessAsync((await s.LoginAsync("worker.a")).Client, social, s.PersonsA[0], 2000m);
        var standing = await Json(await social.GetAsync($"/api/v1/assessment/standings/{household}"));
        Assert.Equal(("Yellow", "剥夺得分不低于 1/4，重点关注"), (standing.GetProperty("tier").GetString(), standing.GetProperty("tierRuleName").GetString()));
    }
}
