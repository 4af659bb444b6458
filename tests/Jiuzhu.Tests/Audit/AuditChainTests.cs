using Jiuzhu.Audit.Domain;
using Jiuzhu.Kernel;

namespace Jiuzhu.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly ICurrentActor Worker =
        new FixedActor(ActorKind.User, Guid.CreateVersion7(), "cun01", [Roles.VillageWorker], RegionCode.Parse("371121001002"));

    private static AuditEntry Entry(string summary) =>
        new(DateTimeOffset.UtcNow, Worker, new AuditEvent("household.update", "household", "h1", "371121001002", AuditOutcome.Success, summary));

    [Fact]
    public void Sealing_links_each_entry_to_its_predecessor()
    {
        var a = Entry("first");
        var b = Entry("second");
        a.Seal(1, AuditEntry.GenesisHash);
        b.Seal(2, a.Hash);
        Assert.Equal(AuditEntry.GenesisHash, a.PrevHash);
        Assert.Equal(a.Hash, b.PrevHash);
        Assert.Equal(64, b.Hash.Length);
        Assert.Equal(b.Hash, AuditChain.ComputeHash(b));
    }

    [Fact]
    public void The_hash_covers_content_position_and_predecessor()
    {
        var a = Entry("same");
        var b = Entry("same");
        a.Seal(1, AuditEntry.GenesisHash);
        b.Seal(1, AuditEntry.GenesisHash);
        Assert.NotEqual(a.Hash, b.Hash); // different ids and times

        var c = Entry("x");
        c.Seal(5, AuditEntry.GenesisHash);
        var first = c.Hash;
        c.Seal(6, AuditEntry.GenesisHash);
        Assert.NotEqual(first, c.Hash);
    }

    [Fact]
    public void Times_are_kept_to_the_microsecond_so_both_databases_store_what_was_hashed()
    {
        var e = Entry("t");
        Assert.Equal(0, e.Time.UtcTicks % 10);
    }
}
