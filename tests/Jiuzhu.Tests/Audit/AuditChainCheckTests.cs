using Jiuzhu.Audit.Domain;
using Jiuzhu.Kernel;

namespace Jiuzhu.Tests.Audit;

public sealed class AuditChainCheckTests
{
    private static readonly ICurrentActor Worker =
        new FixedActor(ActorKind.User, Guid.CreateVersion7(), "cun01", [Roles.VillageWorker], RegionCode.Parse("371121001002"));

    [Fact]
    public void An_untouched_chain_holds_and_every_entry_is_counted()
    {
        var check = Walk(Chain(10));
        Assert.True(check.Ok);
        Assert.Equal(10, check.Entries);
        Assert.Null(check.FirstBadEntry);
        Assert.Null(check.Reason);
    }

    [Fact]
    public void An_empty_chain_holds()
    {
        var check = Walk([]);
        Assert.True(check.Ok);
        Assert.Equal(0, check.Entries);
    }

    [Fact]
    public void An_edited_entry_is_a_hash_mismatch_at_that_entry()
    {
        var chain = Chain(10);
        Set(chain[6], nameof(AuditEntry.Summary), "改过的摘要");
        var check = Walk(chain);
        Assert.False(check.Ok);
        Assert.Equal(7, check.FirstBadEntry);
        Assert.Equal(AuditChainCheck.HashMismatch, check.Reason);
        Assert.Equal(10, check.Entries);
    }

    [Fact]
    public void An_edited_entry_whose_hash_was_recomputed_breaks_the_next_link()
    {
        var chain = Chain(10);
        Set(chain[6], nameof(AuditEntry.Summary), "改过的摘要");
        Set(chain[6], nameof(AuditEntry.Hash), AuditChain.ComputeHash(chain[6]));
        var check = Walk(chain);
        Assert.Equal(8, check.FirstBadEntry);
        Assert.Equal(AuditChainCheck.PrevHashMismatch, check.Reason);
    }

    [Fact]
    public void A_deleted_entry_is_a_sequence_gap_at_the_entry_after_it()
    {
        var chain = Chain(10);
        chain.RemoveAt(4);
        var check = Walk(chain);
        Assert.Equal(6, check.FirstBadEntry);
        Assert.Equal(AuditChainCheck.SequenceGap, check.Reason);
        Assert.Equal(9, check.Entries);
    }

    [Fact]
    public void A_deleted_first_entry_is_caught()
    {
        var chain = Chain(5);
        chain.RemoveAt(0);
        var check = Walk(chain);
        Assert.Equal(2, check.FirstBadEntry);
        Assert.Equal(AuditChainCheck.SequenceGap, check.Reason);
    }

    [Fact]
    public void A_deleted_entry_with_the_rest_renumbered_is_caught_at_the_first_renumbered_entry()
    {
        var chain = Chain(10);
        chain.RemoveAt(4);
        for (var i = 4; i < chain.Count; i++)
        {
            Set(chain[i], nameof(AuditEntry.Sequence), (long)i + 1);
        }

        var check = Walk(chain);
        Assert.Equal(5, check.FirstBadEntry);
        Assert.Equal(AuditChainCheck.HashMismatch, check.Reason);
    }

    [Fact]
    public void Two_entries_with_swapped_sequence_numbers_are_caught_at_the_first()
    {
        var chain = Chain(10);
        Set(chain[4], nameof(AuditEntry.Sequence), 6L);
        Set(chain[5], nameof(AuditEntry.Sequence), 5L);
        var check = Walk(chain.OrderBy(e => e.Sequence));
        Assert.Equal(5, check.FirstBadEntry);
        Assert.Equal(AuditChainCheck.HashMismatch, check.Reason);
    }

    [Fact]
    public void Two_entries_with_swapped_contents_are_caught_at_the_first()
    {
        var chain = Chain(10);
        foreach (var field in new[] { nameof(AuditEntry.Summary), nameof(AuditEntry.Id), nameof(AuditEntry.Time), nameof(AuditEntry.PrevHash), nameof(AuditEntry.Hash) })
        {
            var property = typeof(AuditEntry).GetProperty(field)!;
            var a = property.GetValue(chain[4]);
            property.SetValue(chain[4], property.GetValue(chain[5]));
            property.SetValue(chain[5], a);
        }

        var check = Walk(chain);
        Assert.Equal(5, check.FirstBadEntry);
    }

    [Fact]
    public void A_forged_prev_link_is_caught_even_with_a_recomputed_hash()
    {
        var chain = Chain(10);
        Set(chain[3], nameof(AuditEntry.PrevHash), chain[1].Hash);
        Assert.Equal(AuditChainCheck.HashMismatch, Walk(chain).Reason);

        Set(chain[3], nameof(AuditEntry.Hash), AuditChain.ComputeHash(chain[3]));
        var check = Walk(chain);
        Assert.Equal(4, check.FirstBadEntry);
        Assert.Equal(AuditChainCheck.PrevHashMismatch, check.Reason);
    }

    [Fact]
    public void A_chain_that_does_not_start_at_the_genesis_hash_is_caught()
    {
        var chain = Chain(3);
        Set(chain[0], nameof(AuditEntry.PrevHash), new string('1', 64));
        Set(chain[0], nameof(AuditEntry.Hash), AuditChain.ComputeHash(chain[0]));
        var check = Walk(chain);
        Assert.Equal(1, check.FirstBadEntry);
        Assert.Equal(AuditChainCheck.PrevHashMismatch, check.Reason);
    }

    [Fact]
    public void Only_the_first_break_is_reported_and_later_entries_are_still_counted()
    {
        var chain = Chain(10);
        Set(chain[2], nameof(AuditEntry.Summary), "x");
        Set(chain[7], nameof(AuditEntry.Summary), "y");
        var check = Walk(chain);
        Assert.Equal(3, check.FirstBadEntry);
        Assert.Equal(10, check.Entries);
    }

    private static List<AuditEntry> Chain(int count)
    {
        var chain = new List<AuditEntry>();
        var prev = AuditEntry.GenesisHash;
        for (var i = 1; i <= count; i++)
        {
            var entry = new AuditEntry(
                DateTimeOffset.UtcNow,
                Worker,
                new AuditEvent("household.update", "household", $"h{i}", "371121001002", AuditOutcome.Success, $"第 {i} 次修改"));
            entry.Seal(i, prev);
            prev = entry.Hash;
            chain.Add(entry);
        }

        return chain;
    }

    private static AuditChainCheck Walk(IEnumerable<AuditEntry> entries)
    {
        var check = new AuditChainCheck();
        foreach (var entry in entries)
        {
            check.Accept(entry);
        }

        return check;
    }

    // What an attacker with write access to the table could do, done to the object instead.
    private static void Set(AuditEntry entry, string property, object value) =>
        typeof(AuditEntry).GetProperty(property)!.SetValue(entry, value);
}
