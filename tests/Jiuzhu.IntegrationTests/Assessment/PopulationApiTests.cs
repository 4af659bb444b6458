using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiuzhu.Assessment.Mpi;
using Jiuzhu.Data;
using Jiuzhu.Geo.Domain;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Jiuzhu.Kernel.Protection;
using Jiuzhu.Registry.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Jiuzhu.IntegrationTests.Assessment;

/// <summary>
/// The population view against hand-computed Alkire–Foster figures. Eight households are assessed under the default
/// instrument (eight dimensions of 1/8, k = 1/3; every indicator weighs 1/16 except "no stable work", 1/8):
///
/// | household | township | village | members | deprived in (sixteenths) | score | poor |
/// |---|---|---|---|---|---|---|
/// | A1 | A | 东村 (rural) | 1 | housing ×2, work 2, caregiver, isolation | 6/16 | yes |
/// | A2 | A | 东村 | 1 | income, isolation | 2/16 | no |
/// | A3 | A | 东村 | 1 | income, spending, illness, disability, work 2, support, water | 8/16 | yes |
/// | U1 | A | 城关社区 (urban) | 3 | income, spending, work 2, caregiver, support | 6/16 | yes |
/// | U2 | A | 城关社区 | 2 | employment unanswered: incomplete | — | — |
/// | B1 | B | 西村 (rural) | 1 | income, spending, illness, disability, housing ×2, work 2, dropout, child guardianship | 10/16 | yes |
/// | B2 | B | 西村 | 1 | nothing | 0 | no |
/// | B3 | B | 西村 | 4 | income, spending, illness, disability, isolation, support | 6/16 | yes |
/// </summary>
public sealed class PopulationApiTests
{
    private const string Community = "371121001001";

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static Dictionary<string, decimal?> Answers(params string[] deprived)
    {
        var values = new Dictionary<string, decimal?>
        {
            ["income"] = 1500m, ["rigid_spending"] = 20m, ["serious_illness"] = 0, ["severe_disability"] = 0,
            ["barthel"] = 0, ["elderly_ability"] = 0, ["school_dropout"] = 0, ["adult_schooling"] = 3,
            ["unsafe_housing"] = 0, ["water_sanitation"] = 0, ["no_stable_work"] = 0, ["no_caregiver"] = 0, ["child_guardianship"] = 0,
            ["no_support_network"] = 0, ["isolation"] = 0,
        };
        foreach (var code in deprived)
        {
            if (code.StartsWith('-'))
            {
                values[code[1..]] = null;
                continue;
            }

            values[code] = code switch
            {
                "income" => 800m,
                "rigid_spending" => 60m,
                "adult_schooling" => 1,
                _ => 1,
            };
        }

        return values;
    }

    private static async Task<Guid> AssessAsync(HttpClient officer, Guid personId, Dictionary<string, decimal?> values)
    {
        var c = (await Json(await officer.PostAsJsonAsync("/api/v1/cases", new
        {
            caseType = "service", need = "需要照料", urgent = false, channel = "Discovery", personId,
        }))).GetProperty("case");
        foreach (var action in new[] { "Accept", "StartAssessment" })
        {
            c = await Json(await officer.PostAsJsonAsync($"/api/v1/cases/{c.GetProperty("id").GetGuid()}/transitions",
                new { action, version = c.GetProperty("version").GetGuid() }));
        }

        var draft = await Json(await officer.PostAsJsonAsync("/api/v1/assessments", new { caseId = c.GetProperty("id").GetGuid() }));
        await Json(await officer.PostAsJsonAsync($"/api/v1/assessments/{draft.GetProperty("id").GetGuid()}/submit", new
        {
            answers = new { values, scales = Array.Empty<object>() },
            version = draft.GetProperty("version").GetGuid(),
        }));
        return c.GetProperty("householdId").GetGuid();
    }

    /// <summary>Adds a household with the given number of members; returns its head.</summary>
    private static async Task<Guid> HouseholdAsync(Scenario s, string village, int members, int sequence)
    {
        await using var scope = s.Platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JiuzhuDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<IFieldProtector>();
        var household = new Household(RegionCode.Parse(village), $"测试地址{sequence}号", AssistanceCategory.MinimumLiving, DateTimeOffset.UtcNow);
        Guid head = default;
        for (var i = 0; i < members; i++)
        {
            var person = new Person(household, $"成员{sequence}{i}", ResidentId.Compose("371121", new DateOnly(1970 + i, 3, 1), sequence * 10 + i),
                i == 0 ? Relation.Head : Relation.Child, NeedFlags.None, protector);
            household.AddMember(person);
            db.Persons.Add(person);
            head = i == 0 ? person.Id : head;
        }

        db.Households.Add(household);
        await db.SaveChangesAsync();
        return head;
    }

    private static void Figures(JsonElement f, string n, string q, string h, string a, string m0)
    {
        Assert.Equal(n, f.GetProperty("n").GetProperty("fraction").GetString());
        Assert.Equal(q, f.GetProperty("q").GetProperty("fraction").GetString());
        Assert.Equal(h, f.GetProperty("h").GetProperty("fraction").GetString());
        Assert.Equal(a, f.GetProperty("a").GetProperty("fraction").GetString());
        Assert.Equal(m0, f.GetProperty("m0").GetProperty("fraction").GetString());
    }

    private static JsonElement Group(JsonElement view, string list, string code) =>
        view.GetProperty(list).EnumerateArray().Single(g => g.GetProperty("code").GetString() == code);

    private static Fraction F(JsonElement exact) => Fraction.Parse(exact.GetProperty("fraction").GetString()!);

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_population_view_gives_exact_figures_decompositions_and_tiers_within_the_jurisdiction(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var platform = await TestPlatform.StartAsync(db);
        var s = await Scenario.CreateAsync(platform,
            ("officer", Roles.CountyOfficer, Scenario.County),
            ("social.a", Roles.TownshipSocialWorker, Scenario.TownshipA),
            ("worker.a", Roles.VillageWorker, Scenario.VillageA));
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<JiuzhuDbContext>();
            context.Regions.Add(new Region(RegionCode.Parse(Community), "城关社区居民委员会"));
            await context.SaveChangesAsync();
        }

        var u1 = await HouseholdAsync(s, Community, 3, 31);
        var u2 = await HouseholdAsync(s, Community, 2, 32);
        var b3 = await HouseholdAsync(s, Scenario.VillageB, 4, 33);
        var officer = (await s.LoginAsync("officer")).Client;

        // Before any assessment: zero everywhere, no error.
        var empty = await Json(await officer.GetAsync("/api/v1/assessment/population"));
        Figures(empty.GetProperty("total"), "0", "0", "0", "0", "0");

        var households = new Dictionary<string, Guid>
        {
            ["A1"] = await AssessAsync(officer, s.PersonsA[0], Answers("unsafe_housing", "water_sanitation", "no_stable_work", "no_caregiver", "isolation")),
            ["A2"] = await AssessAsync(officer, s.PersonsA[1], Answers("income", "isolation")),
            ["A3"] = await AssessAsync(officer, s.PersonsA[2], Answers("income", "rigid_spending", "serious_illness", "severe_disability", "no_stable_work", "no_support_network", "water_sanitation")),
            ["U1"] = await AssessAsync(officer, u1, Answers("income", "rigid_spending", "no_stable_work", "no_caregiver", "no_support_network")),
            ["U2"] = await AssessAsync(officer, u2, Answers("income", "-no_stable_work")),
            ["B1"] = await AssessAsync(officer, s.PersonsB[0], Answers("income", "rigid_spending", "serious_illness", "severe_disability", "unsafe_housing", "water_sanitation", "no_stable_work", "school_dropout", "child_guardianship")),
            ["B2"] = await AssessAsync(officer, s.PersonsB[1], Answers()),
            ["B3"] = await AssessAsync(officer, b3, Answers("income", "rigid_spending", "serious_illness", "severe_disability", "isolation", "no_support_network")),
        };

        // The county, by household: 7 complete of 8, 5 poor; censored scores 6+8+6+10+6 = 36/16.
        var view = await Json(await officer.GetAsync("/api/v1/assessment/population"));
        Assert.Equal(Scenario.County, view.GetProperty("regionCode").GetString());
        Assert.Equal("County", view.GetProperty("level").GetString());
        Assert.Equal("Township", view.GetProperty("subgroupLevel").GetString());
        Assert.False(view.GetProperty("weighted").GetBoolean());
        Assert.Equal("1/3", view.GetProperty("k").GetString());
        var total = view.GetProperty("total");
        Figures(total, "7", "5", "5/7", "9/20", "9/28");
        Assert.Equal(8, total.GetProperty("households").GetInt32());
        Assert.Equal(1, total.GetProperty("incompleteHouseholds").GetInt32());
        Assert.Equal(0.321429m, total.GetProperty("m0").GetProperty("value").GetDecimal());

        // Contributions: income is poor-and-deprived in 4 of 7 at 1/16: (4/7 · 1/16) / (9/28) = 1/9; no stable work 4 at 1/8: 2/9.
        var indicators = view.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!);
        Assert.Equal(15, indicators.Count);
        Assert.Equal("人均收入", indicators["income"].GetProperty("name").GetString());
        Assert.Equal("经济状况", indicators["income"].GetProperty("dimension").GetString());
        Assert.Equal("5/7", indicators["income"].GetProperty("uncensored").GetProperty("fraction").GetString());
        Assert.Equal("4/7", indicators["income"].GetProperty("censored").GetProperty("fraction").GetString());
        Assert.Equal("1/9", indicators["income"].GetProperty("contribution").GetProperty("fraction").GetString());
        Assert.Equal(11.11m, indicators["income"].GetProperty("contributionPercent").GetDecimal());
        Assert.Equal("2/9", indicators["no_stable_work"].GetProperty("contribution").GetProperty("fraction").GetString());
        Assert.Equal(1, indicators["no_stable_work"].GetProperty("missingHouseholds").GetInt32());
        Assert.Equal("1/36", indicators["school_dropout"].GetProperty("contribution").GetProperty("fraction").GetString());
        Assert.Equal("0", indicators["barthel"].GetProperty("contribution").GetProperty("fraction").GetString());
        Assert.Equal(Fraction.One, indicators.Values.Aggregate(Fraction.Zero, (sum, i) => sum + F(i.GetProperty("contribution"))));

        // By township: A has 4 complete (U2 out), 3 poor, 20/16; B 3 complete, 2 poor, 16/16.
        var townA = Group(view, "byRegion", Scenario.TownshipA);
        Assert.Equal("洪凝街道", townA.GetProperty("name").GetString());
        Assert.Equal("township", townA.GetProperty("kind").GetString());
        Figures(townA.GetProperty("figures"), "4", "3", "3/4", "5/12", "5/16");
        Assert.Equal("5/9", townA.GetProperty("share").GetProperty("fraction").GetString());
        Assert.Equal(5, townA.GetProperty("figures").GetProperty("households").GetInt32());
        Assert.Equal(1, townA.GetProperty("figures").GetProperty("incompleteHouseholds").GetInt32());
        var townB = Group(view, "byRegion", Scenario.TownshipB);
        Figures(townB.GetProperty("figures"), "3", "2", "2/3", "1/2", "1/3");
        Assert.Equal("4/9", townB.GetProperty("share").GetProperty("fraction").GetString());

        // Urban/rural: the community's one complete household, and the six rural ones.
        var urban = Group(view, "byArea", "urban");
        Assert.Equal("城镇（社区居委会）", urban.GetProperty("name").GetString());
        Figures(urban.GetProperty("figures"), "1", "1", "1", "3/8", "3/8");
        Figures(Group(view, "byArea", "rural").GetProperty("figures"), "6", "4", "2/3", "15/32", "5/16");

        // The population-weighted mean of the subgroups' M0 is the total, for both decompositions.
        foreach (var part in new[] { "byRegion", "byArea" })
        {
            var mean = view.GetProperty(part).EnumerateArray().Aggregate(Fraction.Zero,
                (sum, g) => sum + F(g.GetProperty("figures").GetProperty("n")) / F(total.GetProperty("n")) * F(g.GetProperty("figures").GetProperty("m0")));
            Assert.Equal(Fraction.Parse("9/28"), mean);
            Assert.Equal(Fraction.One, view.GetProperty(part).EnumerateArray().Aggregate(Fraction.Zero, (sum, g) => sum + F(g.GetProperty("share"))));
        }

        // Tiers and phases: the same as each household's standing says, counted overall and per township.
        var tiers = new Dictionary<string, string>();
        var phases = new Dictionary<string, string>();
        foreach (var (name, id) in households)
        {
            var standing = await Json(await officer.GetAsync($"/api/v1/assessment/standings/{id}"));
            tiers[name] = standing.GetProperty("tier").GetString()!;
            phases[name] = standing.GetProperty("phase").GetString()!;
        }

        Assert.Equal("Red", tiers["B1"]); // a child without effective guardianship
        void Counts(JsonElement figures, params string[] names)
        {
            foreach (var tier in new[] { "Red", "Yellow", "Green" })
            {
                Assert.Equal(names.Count(n => tiers[n] == tier), figures.GetProperty("tiers").GetProperty(tier.ToLowerInvariant()).GetInt32());
            }

            foreach (var phase in new[] { "Assistance", "Development", "SelfReliance" })
            {
                Assert.Equal(names.Count(n => phases[n] == phase), figures.GetProperty("phases").GetProperty(char.ToLowerInvariant(phase[0]) + phase[1..]).GetInt32());
            }
        }

        Counts(total, [.. households.Keys]);
        Counts(townA.GetProperty("figures"), "A1", "A2", "A3", "U1", "U2");
        Counts(townB.GetProperty("figures"), "B1", "B2", "B3");
        Counts(urban.GetProperty("figures"), "U1", "U2");

        // By person: n = 1+1+1+3+1+1+4 = 12, q = 1+1+3+1+4 = 10, censored 6+8+18+10+24 = 66/16.
        var weighted = await Json(await officer.GetAsync("/api/v1/assessment/population?weighted=true"));
        Assert.True(weighted.GetProperty("weighted").GetBoolean());
        Figures(weighted.GetProperty("total"), "12", "10", "5/6", "33/80", "11/32");
        Assert.Equal("2", weighted.GetProperty("total").GetProperty("incompletePopulation").GetProperty("fraction").GetString());
        Assert.Equal(8, weighted.GetProperty("total").GetProperty("households").GetInt32());
        Figures(Group(weighted, "byRegion", Scenario.TownshipA).GetProperty("figures"), "6", "5", "5/6", "2/5", "1/3");
        Figures(Group(weighted, "byRegion", Scenario.TownshipB).GetProperty("figures"), "6", "5", "5/6", "17/40", "17/48");
        Assert.Equal("2", Group(weighted, "byArea", "urban").GetProperty("figures").GetProperty("incompletePopulation").GetProperty("fraction").GetString());

        // Drilling down to township A: its villages.
        var town = await Json(await officer.GetAsync($"/api/v1/assessment/population?region={Scenario.TownshipA}"));
        Figures(town.GetProperty("total"), "4", "3", "3/4", "5/12", "5/16");
        Assert.Equal([Scenario.County, Scenario.TownshipA], town.GetProperty("path").EnumerateArray().Select(p => p.GetProperty("code").GetString()!).ToArray());
        Assert.Equal("Village", town.GetProperty("subgroupLevel").GetString());
        Figures(Group(town, "byRegion", Scenario.VillageA).GetProperty("figures"), "3", "2", "2/3", "7/16", "7/24");
        Figures(Group(town, "byRegion", Community).GetProperty("figures"), "1", "1", "1", "3/8", "3/8");
        Assert.Equal("城关社区居民委员会", Group(town, "byRegion", Community).GetProperty("name").GetString());

        // And to a village: its figures, no region subgroups, and its households, red first.
        var village = await Json(await officer.GetAsync($"/api/v1/assessment/population?region={Scenario.VillageB}"));
        Figures(village.GetProperty("total"), "3", "2", "2/3", "1/2", "1/3");
        Assert.Empty(village.GetProperty("byRegion").EnumerateArray());
        var list = await Json(await officer.GetAsync($"/api/v1/assessment/population/households?region={Scenario.VillageB}"));
        Assert.Equal(3, list.GetProperty("total").GetInt32());
        var rows = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(households["B1"], rows[0].GetProperty("householdId").GetGuid());
        Assert.Equal("5/8", rows[0].GetProperty("score").GetString());
        Assert.Equal("Red", rows[0].GetProperty("tier").GetString());
        Assert.Equal(households.Where(h => h.Key.StartsWith('B')).Select(h => h.Value).Order(), rows.Select(r => r.GetProperty("householdId").GetGuid()).Order());

        // The township worker sees its township only; another township is refused, the county is refused.
        var social = (await s.LoginAsync("social.a")).Client;
        var own = await Json(await social.GetAsync("/api/v1/assessment/population"));
        Assert.Equal(Scenario.TownshipA, own.GetProperty("regionCode").GetString());
        Figures(own.GetProperty("total"), "4", "3", "3/4", "5/12", "5/16");
        Assert.Equal([Scenario.TownshipA], own.GetProperty("path").EnumerateArray().Select(p => p.GetProperty("code").GetString()!).ToArray());
        var other = await Json(await social.GetAsync($"/api/v1/assessment/population?region={Scenario.TownshipB}"), HttpStatusCode.Forbidden);
        Assert.Equal("population.outside_jurisdiction", other.GetProperty("code").GetString());
        await Json(await social.GetAsync($"/api/v1/assessment/population?region={Scenario.County}"), HttpStatusCode.Forbidden);
        await Json(await social.GetAsync($"/api/v1/assessment/population/households?region={Scenario.VillageB}"), HttpStatusCode.Forbidden);

        // Bad and unknown codes, and a role that may not read population figures.
        var bad = await Json(await officer.GetAsync("/api/v1/assessment/population?region=37112x"), HttpStatusCode.BadRequest);
        Assert.Equal("population.bad_region", bad.GetProperty("code").GetString());
        var unknown = await Json(await officer.GetAsync("/api/v1/assessment/population?region=371121009000"), HttpStatusCode.NotFound);
        Assert.Equal("population.region_not_found", unknown.GetProperty("code").GetString());
        var worker = (await s.LoginAsync("worker.a")).Client;
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/assessment/population")).StatusCode);

        // Each aggregate read leaves one audit entry, with counts and no personal values.
        await using var check = db.CreateContext();
        var trail = check.AuditEntries.Where(e => e.Action == "population.view").OrderBy(e => e.Sequence).ToList();
        Assert.Equal(6, trail.Count);
        Assert.Contains("五莲县，8 户，按户", trail[1].Summary, StringComparison.Ordinal);
        Assert.Contains("按人口加权", trail[2].Summary, StringComparison.Ordinal);
        Assert.Equal(Scenario.TownshipA, trail[3].RegionCode);
        Assert.DoesNotContain("测试", string.Concat(trail.Select(t => t.Summary)), StringComparison.Ordinal);
    }
}
