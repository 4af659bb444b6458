namespace Jiuzhu.Audit.Domain;

/// <summary>
/// Checks entries one at a time in Sequence order, remembering only the last position and hash, so a
/// chain of any length is checked in constant memory. Stops judging at the first broken link.
/// </summary>
internal sealed class AuditChainCheck
{
    public const string SequenceGap = "sequence gap / 序号不连续";
    public const string HashMismatch = "hash mismatch / 哈希不符";
    public const string PrevHashMismatch = "prev-hash mismatch / 前序哈希不符";

    private long _expectedSequence = 1;
    private string _expectedPrevHash = AuditEntry.GenesisHash;

    /// <summary>Entries seen so far, including any after the first bad one.</summary>
    public long Entries { get; private set; }

    public long? FirstBadEntry { get; private set; }

    public string? Reason { get; private set; }

    public bool Ok => FirstBadEntry is null;

    /// <summary>Takes the next entry in Sequence order; returns false once the chain is broken.</summary>
    public bool Accept(AuditEntry entry)
    {
        Entries++;
        if (!Ok)
        {
            return false;
        }

        // Position first, so a missing entry is reported as a gap rather than as whatever follows from it.
        var reason = entry.Sequence != _expectedSequence ? SequenceGap
            : AuditChain.ComputeHash(entry) != entry.Hash ? HashMismatch
            : entry.PrevHash != _expectedPrevHash ? PrevHashMismatch
            : null;
        if (reason is not null)
        {
            FirstBadEntry = entry.Sequence;
            Reason = reason;
            return false;
        }

        _expectedSequence = entry.Sequence + 1;
        _expectedPrevHash = entry.Hash;
        return true;
    }

    /// <summary>Counts entries that follow the first bad one without reading them.</summary>
    public void Skip(long count) => Entries += count;
}
