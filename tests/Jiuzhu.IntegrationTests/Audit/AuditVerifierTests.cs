using Jiuzhu.Audit.Domain;
using Jiuzhu.IntegrationTests.Infrastructure;
using Jiuzhu.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Jiuzhu.IntegrationTests.Audit;

public sealed class AuditVerifierTests
{
    private static readonly ICurrentActor VillageAuditor =
        new FixedActor(ActorKind.User, Guid.CreateVersion7(), "shenji-cun", [Roles.Auditor], RegionCode.Parse("371121002001"));

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task An_untouched_trail_verifies_across_batches_and_jurisdictions(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var kit = new AuditTestKit(db);
        Assert.Equal(new(0, true, null, null), await kit.VerifyAsync());

        await kit.WriteManyAsync(20);

        // A batch size that does not divide the count exercises the keyset boundaries; the auditor's own
        // jurisdiction (another village) must not hide the entries it cannot read.
        Assert.Equal(new(20, true, null, null), await kit.VerifyAsync(VillageAuditor, batchSize: 7));
        Assert.Equal(new(20, true, null, null), await kit.VerifyAsync(batchSize: 5));
        Assert.Equal(new(20, true, null, null), await kit.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_database_refuses_to_update_or_delete_audit_entries(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var kit = new AuditTestKit(db);
        await kit.WriteManyAsync(3);

        var update = await Assert.ThrowsAnyAsync<Exception>(() => kit.ExecuteAsync("""UPDATE audit_entries SET "Summary" = '无' WHERE "Sequence" = 2"""));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => kit.ExecuteAsync("""DELETE FROM audit_entries WHERE "Sequence" = 2"""));
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        if (engine == Engine.Postgres)
        {
            var truncate = await Assert.ThrowsAnyAsync<Exception>(() => kit.ExecuteAsync("TRUNCATE audit_entries"));
            Assert.Contains("append-only", truncate.Message, StringComparison.Ordinal);
        }

        Assert.Equal(new(3, true, null, null), await kit.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task An_edited_summary_is_caught_at_that_entry(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var kit = new AuditTestKit(db);
        await kit.WriteManyAsync(20);
        await kit.DropAppendOnlyTriggersAsync();

        Assert.Equal(1, await kit.ExecuteAsync("""UPDATE audit_entries SET "Summary" = '查看家庭户' WHERE "Sequence" = 7"""));

        Assert.Equal(new(20, false, 7, AuditChainCheck.HashMismatch), await kit.VerifyAsync(batchSize: 6));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_deleted_middle_entry_is_caught_at_the_entry_after_the_gap(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var kit = new AuditTestKit(db);
        await kit.WriteManyAsync(20);
        await kit.DropAppendOnlyTriggersAsync();

        Assert.Equal(1, await kit.ExecuteAsync("""DELETE FROM audit_entries WHERE "Sequence" = 10"""));

        Assert.Equal(new(19, false, 11, AuditChainCheck.SequenceGap), await kit.VerifyAsync(batchSize: 10));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Two_reordered_entries_are_caught_at_the_first_of_them(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var kit = new AuditTestKit(db);
        await kit.WriteManyAsync(20);
        await kit.DropAppendOnlyTriggersAsync();

        await kit.ExecuteAsync("""UPDATE audit_entries SET "Sequence" = -5 WHERE "Sequence" = 5""");
        await kit.ExecuteAsync("""UPDATE audit_entries SET "Sequence" = 5 WHERE "Sequence" = 6""");
        await kit.ExecuteAsync("""UPDATE audit_entries SET "Sequence" = 6 WHERE "Sequence" = -5""");

        Assert.Equal(new(20, false, 5, AuditChainCheck.HashMismatch), await kit.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_forged_prev_link_is_caught(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var kit = new AuditTestKit(db);
        await kit.WriteManyAsync(20);
        await kit.DropAppendOnlyTriggersAsync();

        // Pointing 15 at 13 directly is refused by the unique index on PrevHash (no forks); a made-up link is not.
        await Assert.ThrowsAnyAsync<Exception>(() => kit.ExecuteAsync("""UPDATE audit_entries SET "PrevHash" = (SELECT "Hash" FROM audit_entries WHERE "Sequence" = 13) WHERE "Sequence" = 15"""));
        Assert.Equal(1, await kit.ExecuteAsync($"""UPDATE audit_entries SET "PrevHash" = '{new string('f', 64)}' WHERE "Sequence" = 15"""));

        Assert.Equal(new(20, false, 15, AuditChainCheck.HashMismatch), await kit.VerifyAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_appends_from_two_writers_keep_one_unbroken_chain(Engine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var kit = new AuditTestKit(db);

        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => kit.WriteManyAsync(50))));

        Assert.Equal(new(100, true, null, null), await kit.VerifyAsync(batchSize: 30));
        await using var context = db.CreateContext();
        var sequences = await context.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), sequences);
    }
}
