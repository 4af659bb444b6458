using Jiuzhu.Audit;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;

namespace Jiuzhu.IntegrationTests.Audit;

public sealed class AuditSearchTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ICurrentActor WorkerA = User("cun-a", Roles.VillageWorker, "371121001001");
    private static readonly ICurrentActor WorkerB = User("cun-b", Roles.VillageWorker, "371121002001");
    private static readonly ICurrentActor OtherCounty = User("xian-b", Roles.CountyOfficer, "371122");
    private static readonly ICurrentActor TownshipAuditor = User("shenji-zhen", Roles.Auditor, "371121001");
    private static readonly ICurrentActor CountyAuditor = User("shenji-xian", Roles.Auditor, "371121");
    private static readonly ICurrentActor VillageBAuditor = User("shenji-cun", Roles.Auditor, "371121002001");

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Search_sees_only_the_auditors_jurisdiction_and_a_region_filter_only_narrows_it(Engine engine)
    {
        await using var db = await SeededAsync(engine);

        Assert.Equal("6,2,1", await SequencesAsync(db, TownshipAuditor, new AuditFilter()));
        Assert.Equal("6,4,3,2,1", await SequencesAsync(db, CountyAuditor, new AuditFilter()));
        Assert.Equal("4,3", await SequencesAsync(db, CountyAuditor, new AuditFilter { RegionCode = "371121002" }));
        Assert.Equal(string.Empty, await SequencesAsync(db, CountyAuditor, new AuditFilter { RegionCode = "371122" }));
        Assert.Equal(string.Empty, await SequencesAsync(db, TownshipAuditor, new AuditFilter { RegionCode = "371121002001" }));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Search_filters_by_actor_action_entity_outcome_and_time(Engine engine)
    {
        await using var db = await SeededAsync(engine);

        Assert.Equal("4,3", await SequencesAsync(db, CountyAuditor, new AuditFilter { Actor = "un-b" }));
        Assert.Equal("6,3,1", await SequencesAsync(db, CountyAuditor, new AuditFilter { Action = "household.view" }));
        Assert.Equal("4", await SequencesAsync(db, CountyAuditor, new AuditFilter { EntityType = "person" }));
        Assert.Equal("6,2,1", await SequencesAsync(db, CountyAuditor, new AuditFilter { EntityType = "household", EntityId = "h-a1" }));
        Assert.Equal("4", await SequencesAsync(db, CountyAuditor, new AuditFilter { Outcome = "Denied" }));

        // [from, to): the entries written at minutes 1 and 2; the same instant given in China time.
        Assert.Equal("3,2", await SequencesAsync(db, CountyAuditor, new AuditFilter { From = "2026-11-01T00:01:00Z", To = "2026-11-01T00:03:00Z" }));
        Assert.Equal("3,2", await SequencesAsync(db, CountyAuditor, new AuditFilter { From = "2026-11-01T08:01:00+08:00", To = "2026-11-01T08:03:00+08:00" }));
        Assert.Equal("6,4,3,2,1", await SequencesAsync(db, CountyAuditor, new AuditFilter { From = "2026-11-01", To = "2026-11-02" }));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Search_pages_newest_first_with_the_total(Engine engine)
    {
        await using var db = await SeededAsync(engine);
        await using var context = db.CreateContext(CountyAuditor);
        var page = (await new AuditSearch(context).SearchAsync(new AuditFilter(), new PageRequest(2, 2))).Value;
        Assert.Equal(5, page.Total);
        Assert.Equal(2, page.PageNumber);
        Assert.Equal([3, 2], page.Items.Select(e => e.Sequence));
        var entry = page.Items[0];
        Assert.Equal("cun-b", entry.ActorName);
        Assert.Equal("village-worker", entry.ActorRoles);
        Assert.Equal("371121002001", entry.ActorJurisdiction);
        Assert.Equal(Start.AddMinutes(2), entry.Time);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task History_lists_who_touched_a_record_oldest_first_within_the_jurisdiction(Engine engine)
    {
        await using var db = await SeededAsync(engine);
        await using (var context = db.CreateContext(TownshipAuditor))
        {
            var history = await new AuditSearch(context).HistoryAsync("household", "h-a1", new PageRequest());
            Assert.Equal([1, 2, 6], history.Items.Select(e => e.Sequence));
            Assert.Equal(["household.view", "household.update", "household.view"], history.Items.Select(e => e.Action));
        }

        await using (var context = db.CreateContext(VillageBAuditor))
        {
            Assert.Equal(0, (await new AuditSearch(context).HistoryAsync("household", "h-a1", new PageRequest())).Total);
        }
    }

    [Theory]
    [InlineData("37112", null, null, null)]
    [InlineData("abc", null, null, null)]
    [InlineData(null, "ok", null, null)]
    [InlineData(null, null, "yesterday", null)]
    [InlineData(null, null, "2026-11-02", "2026-11-01")]
    public void A_bad_filter_is_refused_with_a_stable_code_and_a_Chinese_message(string? region, string? outcome, string? from, string? to)
    {
        var result = AuditSearch.Parse(new AuditFilter { RegionCode = region, Outcome = outcome, From = from, To = to });
        Assert.False(result.IsSuccess);
        Assert.Equal(AuditSearch.BadFilterCode, result.Error!.Code);
        Assert.Equal(400, result.Error.Status);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", result.Error.Message);
    }

    private static async Task<string> SequencesAsync(TestDatabase db, ICurrentActor auditor, AuditFilter filter)
    {
        await using var context = db.CreateContext(auditor);
        var result = await new AuditSearch(context).SearchAsync(filter, new PageRequest(1, 50));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return string.Join(',', result.Value.Items.Select(e => e.Sequence));
    }

    private static async Task<TestDatabase> SeededAsync(Engine engine)
    {
        var db = await TestDatabase.CreateAsync(engine);
        await using var kit = new AuditTestKit(db, new SteppingClock(Start));
        await kit.WriteAsync(WorkerA, new("household.view", "household", "h-a1", "371121001001", AuditOutcome.Success, "查看家庭户"));
        await kit.WriteAsync(WorkerA, new("household.update", "household", "h-a1", "371121001001", AuditOutcome.Success, "修改地址"));
        await kit.WriteAsync(WorkerB, new("household.view", "household", "h-b1", "371121002001", AuditOutcome.Success, "查看家庭户"));
        await kit.WriteAsync(WorkerB, new("person.reveal-id", "person", "p-b1", "371121002001", AuditOutcome.Denied, "查看完整身份证号被拒绝"));
        await kit.WriteAsync(OtherCounty, new("household.view", "household", "h-c1", "371122001001", AuditOutcome.Success, "查看家庭户"));
        await kit.WriteAsync(WorkerA, new("household.view", "household", "h-a1", "371121001001", AuditOutcome.Failed, "查看家庭户失败"));
        return db;
    }

    private static FixedActor User(string name, string role, string jurisdiction) =>
        new(ActorKind.User, Guid.CreateVersion7(), name, [role], RegionCode.Parse(jurisdiction));
}
